//! Demo credentials of the sandbox (the console's built-in demo profile uses the same
//! values) and well-known fixtures of the seeded data, for tests and demos. These are demo
//! values, not secrets.

use super::prng::uuid_for;
use super::seed::external_id;

/// MasCustomers: `Authorization: Bearer …`.
pub const MAS_TOKEN: &str = "mas_sandbox_token";
/// MasCustomers token answered with 401 code "569" (expired).
pub const MAS_EXPIRED_TOKEN: &str = "mas_sandbox_expired";
pub const MAS_ORG: &str = "telco";

/// S-money: `Authorization: Bearer …`.
pub const SMONEY_TOKEN: &str = "smoney_sandbox_token";
pub const SMONEY_EXPIRED_TOKEN: &str = "smoney_sandbox_expired";
/// The "connected user" of `SMONEY_TOKEN` (the seed's `/api/moneyouts` routes).
pub const SMONEY_TOKEN_USER: &str = "C-000001";
pub const SMONEY_PARTNER: &str = "sandbox";

/// pxlhub `X-API-Key` with the permission `cashless.manage`.
pub const PXL_MANAGE_KEY: &str = "pxl_sandbox_manage";
/// pxlhub `X-API-Key` that may read but whose writes get 403 `FORBIDDEN`.
pub const PXL_READONLY_KEY: &str = "pxl_sandbox_readonly";

/// Lyra HTTP Basic (shop id : password).
pub const LYRA_USER: &str = "69876357";
pub const LYRA_PASSWORD: &str = "testpassword_SANDBOX";

/// Monext HTTP Basic.
pub const MONEXT_USER: &str = "monext_sandbox";
pub const MONEXT_PASSWORD: &str = "monext_sandbox_secret";

/// Path prefixes of the five APIs on the sandbox address.
pub const MAS_PREFIX: &str = "/customers/v4";
pub const PXL_PREFIX: &str = "/pms/v1";
pub const SMONEY_PREFIX: &str = "/smoney/api/sandbox";
pub const LYRA_PREFIX: &str = "/lyra/api-payment/V4";
pub const MONEXT_PREFIX: &str = "/monext/v1";

/// Rows of the seeded data with known properties, the same for a given seed whatever the
/// scale and the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixtures {
    /// "Élodie Martin", external id `C-000001`, flagged VIP.
    pub customer_id: String,
    pub external_id: String,
    /// POSTPAID, DIRECT_DEBIT, both methods available; holds one active, one scheduled,
    /// one cancelled and one ended promotion.
    pub direct_debit_account_id: String,
    /// RECURRING_PREPAID, CREDIT_CARD whose card is expired and known to the Monext updater.
    pub card_account_id: String,
    /// The expired card token behind `card_account_id`.
    pub expired_token: String,
    /// The replacement token Monext answers for `expired_token`.
    pub replacement_token: String,
    /// Vault tokens used by no account: ACTIVE, CANCELLED and EXPIRED.
    pub spare_active_token: String,
    pub spare_cancelled_token: String,
    pub spare_expired_token: String,
    /// Promotions of `direct_debit_account_id`.
    pub active_promotion_id: String,
    pub scheduled_promotion_id: String,
    pub cancelled_promotion_id: String,
    pub ended_promotion_id: String,
    /// S-money AppUserId of the customer (= `external_id`); has 250 moneyouts per scale
    /// unit, KYC level 2 and a balance of 1,000,000.00 €.
    pub smoney_user: String,
    /// Bank account ids (S-money) of that user.
    pub bank_account_ids: [i64; 2],
    /// A stay in house today with an open prepaid wallet holding 123.45 €.
    pub stay_with_wallet_id: String,
    pub wallet_id: String,
    /// A stay in house today with no wallet: a wallet can be opened for it.
    pub stay_without_wallet_id: String,
    /// The establishment of `stay_with_wallet_id` ("Hôtel des Arts Lyon").
    pub establishment_id: String,
}

/// The fixtures of the data seeded with `seed`.
pub fn fixtures(seed: u64) -> Fixtures {
    Fixtures {
        customer_id: uuid_for(seed, "customer", 0),
        external_id: external_id(0),
        direct_debit_account_id: uuid_for(seed, "account", 0),
        card_account_id: uuid_for(seed, "account", 1),
        expired_token: uuid_for(seed, "card", 1),
        replacement_token: uuid_for(seed, "card-new", 1),
        spare_active_token: uuid_for(seed, "spare-card", 0),
        spare_cancelled_token: uuid_for(seed, "spare-card", 1),
        spare_expired_token: uuid_for(seed, "spare-card", 2),
        active_promotion_id: uuid_for(seed, "promotion", 0),
        scheduled_promotion_id: uuid_for(seed, "promotion", 1),
        cancelled_promotion_id: uuid_for(seed, "promotion", 2),
        ended_promotion_id: uuid_for(seed, "promotion", 3),
        smoney_user: external_id(0),
        bank_account_ids: [1, 2],
        stay_with_wallet_id: uuid_for(seed, "stay", 0),
        wallet_id: uuid_for(seed, "wallet", 0),
        stay_without_wallet_id: uuid_for(seed, "stay", 2),
        establishment_id: uuid_for(seed, "establishment", 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures_are_the_first_rows_and_stable() {
        assert_eq!(fixtures(42), fixtures(42));
        assert_ne!(fixtures(42).customer_id, fixtures(7).customer_id);
        assert_eq!(fixtures(42).smoney_user, SMONEY_TOKEN_USER);
    }
}
