//! Seed data: deterministic from the seed, the scale and the day of seeding (dates are laid
//! out around that day so that the data looks current). Written in one transaction with
//! prepared statements.

use super::prng::{Rng, uuid_for};
use super::seed_data::{
    CARD_BRANDS, CATEGORIES, COUNTRIES, Country, PROMOTIONS, SPECIAL_TREATMENTS, ascii_fold,
};
use super::time::{days_ms, fmt_date, fmt_utc_ms, midnight_ms};
use crate::domain::iban::Iban;
use chrono::{Datelike, NaiveDate};
use rusqlite::{Transaction, params};

/// How many rows of each kind one unit of `--scale` makes.
pub const CUSTOMERS_PER_SCALE: u64 = 2_000;
pub const STAYS_PER_SCALE: u64 = 1_500;
pub const MONEYOUTS_PER_USER: u64 = 10;
/// The fixture user has this many moneyouts per unit of scale, so its list has many pages.
pub const FIXTURE_MONEYOUTS_PER_SCALE: u64 = 250;
pub const SPARE_CARDS_PER_SCALE: u64 = 200;

/// Rows written, for the start banner and the tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedCounts {
    pub customers: u64,
    pub accounts: u64,
    pub wallets: u64,
    pub stays: u64,
    pub moneyouts: u64,
    pub card_tokens: u64,
}

/// `external_id` of customer `i` (0-based), also its S-money `AppUserId`.
pub fn external_id(i: u64) -> String {
    format!("C-{:06}", i + 1)
}

/// Stays with `j % 3 == 2` have no wallet, so a wallet can be opened for them.
pub fn stay_has_wallet(j: u64) -> bool {
    j % 3 != 2
}

/// Accounts of customer `i`: two for even customers, one for odd ones.
pub fn accounts_of(i: u64) -> u64 {
    if i.is_multiple_of(2) { 2 } else { 1 }
}

pub(super) fn country_for(rng: &mut Rng) -> &'static Country {
    // France weighs more: the console's first users are French.
    if rng.chance(40) {
        &COUNTRIES[0]
    } else {
        rng.pick(COUNTRIES)
    }
}

/// A valid IBAN of `country` with a random BBAN of the right shape.
pub fn iban_for(rng: &mut Rng, country: &str) -> String {
    let bban = match country {
        "FR" => rng.digits(23),
        "DE" => rng.digits(18),
        "ES" => rng.digits(20),
        "IT" => format!("{}{}", rng.letters(1), rng.digits(22)),
        "NL" => format!("{}{}", rng.letters(4), rng.digits(10)),
        _ => rng.digits(12),
    };
    let country = if ["FR", "DE", "ES", "IT", "NL"].contains(&country) {
        country
    } else {
        "BE"
    };
    Iban::from_bban(country, &bban).as_str().to_string()
}

fn pan(rng: &mut Rng, bin: &str) -> String {
    format!("{bin}{}", rng.digits(10))
}

pub(super) struct Ctx<'a> {
    pub(super) seed: u64,
    pub(super) today: NaiveDate,
    pub(super) now_ms: i64,
    pub(super) tx: &'a Transaction<'a>,
}

/// Writes the whole data set. The caller owns the transaction.
pub fn seed(
    tx: &Transaction<'_>,
    seed: u64,
    scale: u32,
    today: NaiveDate,
) -> Result<SeedCounts, rusqlite::Error> {
    let first = FirstPart {
        seed,
        scale: u64::from(scale.max(1)),
        today,
        counts: SeedCounts::default(),
    };
    write_customers_and_rest(tx, first, Part::All)
}

/// Which tables a pass over the customers writes. Every pass draws the same rows from the
/// same random stream, so a pass that writes only the customers and a later one that writes
/// everything else write exactly what one pass would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    All,
    CustomersOnly,
    AllButCustomers,
}

impl Part {
    fn customers(self) -> bool {
        self != Part::AllButCustomers
    }

    fn others(self) -> bool {
        self != Part::CustomersOnly
    }
}

/// A prepared insert that one part of the seed writes and another skips.
struct Insert<'a> {
    stmt: rusqlite::Statement<'a>,
    write: bool,
}

impl<'a> Insert<'a> {
    fn new(tx: &'a Transaction<'_>, write: bool, sql: &str) -> Result<Self, rusqlite::Error> {
        Ok(Insert {
            stmt: tx.prepare(sql)?,
            write,
        })
    }

    fn put(&mut self, params: &[&dyn rusqlite::ToSql]) -> Result<(), rusqlite::Error> {
        if self.write {
            self.stmt.execute(params)?;
        }
        Ok(())
    }
}

/// The seed once its first part is written: what the rest needs to go on.
pub struct FirstPart {
    seed: u64,
    scale: u64,
    today: NaiveDate,
    /// Rows written so far (the customers).
    pub counts: SeedCounts,
}

/// The first part of the seed: the customers alone, enough for the MasCustomers customer
/// list and customer reads, and quick to write.
pub fn seed_first(
    tx: &Transaction<'_>,
    seed: u64,
    scale: u32,
    today: NaiveDate,
) -> Result<FirstPart, rusqlite::Error> {
    let scale = u64::from(scale.max(1));
    let ctx = Ctx {
        seed,
        today,
        now_ms: midnight_ms(today),
        tx,
    };
    let mut counts = SeedCounts::default();
    let began = std::time::Instant::now();
    seed_customers(&ctx, scale, &mut counts, Part::CustomersOnly)?;
    tracing::debug!(elapsed = ?began.elapsed(), "sandbox seed: customers written");
    Ok(FirstPart {
        seed,
        scale,
        today,
        counts,
    })
}

/// The rest of the seed, after [`seed_first`] (maybe in a later transaction): everything
/// but the customers, and the `meta` rows that say the database is seeded.
pub fn seed_rest(tx: &Transaction<'_>, first: FirstPart) -> Result<SeedCounts, rusqlite::Error> {
    write_customers_and_rest(tx, first, Part::AllButCustomers)
}

fn write_customers_and_rest(
    tx: &Transaction<'_>,
    first: FirstPart,
    part: Part,
) -> Result<SeedCounts, rusqlite::Error> {
    let FirstPart {
        seed,
        scale,
        today,
        mut counts,
    } = first;
    let ctx = Ctx {
        seed,
        today,
        now_ms: midnight_ms(today),
        tx,
    };
    let began = std::time::Instant::now();
    let banks = seed_customers(&ctx, scale, &mut counts, part)?;
    let customers_done = began.elapsed();
    seed_spare_cards(&ctx, scale, &mut counts)?;
    super::seed_stays::seed_stays(&ctx, scale, &mut counts)?;
    let stays_done = began.elapsed();
    super::seed_transfers::seed_moneyouts(&ctx, scale, &banks, &mut counts)?;
    tracing::debug!(
        ?part,
        ?customers_done,
        ?stays_done,
        total = ?began.elapsed(),
        "sandbox seed written"
    );
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('seed', ?1), ('scale', ?2), ('seeded_on', ?3)",
        params![seed.to_string(), scale.to_string(), fmt_date(today)],
    )?;
    Ok(counts)
}

/// Returns, per customer, the first and last id of its S-money bank accounts (ids are
/// consecutive), so the moneyouts are generated without searching an unindexed table.
fn seed_customers(
    ctx: &Ctx<'_>,
    scale: u64,
    counts: &mut SeedCounts,
    part: Part,
) -> Result<Vec<(i64, i64)>, rusqlite::Error> {
    let tx = ctx.tx;
    let mut rng = Rng::stream(ctx.seed, "customers");
    let mut ins_customer = Insert::new(
        tx,
        part.customers(),
        "INSERT INTO customers (id, external_id, kind, segment, name, first_name, last_name, email, phone, created_at, special_treatment, categories) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut ins_user = Insert::new(
        tx,
        part.others(),
        "INSERT INTO smoney_users (app_user_id, account_id, first_name, last_name, email, status, kyc_level, balance_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut ins_bank = Insert::new(
        tx,
        part.others(),
        "INSERT INTO bank_accounts (id, app_user_id, display_name, bic, iban, is_mine) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut ins_account = Insert::new(
        tx,
        part.others(),
        "INSERT INTO accounts (id, customer_id, modality, status, created_at, street, postal_code, city, country, pm_type, pm_iban, pm_token, methods) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut ins_address = Insert::new(
        tx,
        part.others(),
        "INSERT INTO billing_addresses (account_id, street, postal_code, city, country, create_stamp) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut ins_card = Insert::new(
        tx,
        part.others(),
        "INSERT INTO card_tokens (token, pan, brand, expiry_month, expiry_year, status, creation_date, replacement) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut ins_promo = Insert::new(
        tx,
        part.others(),
        "INSERT INTO promotions (id, account_id, code, name, discount_type, discount_value, start_date, end_date, cancellation_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut ins_history = Insert::new(
        tx,
        part.others(),
        "INSERT INTO promotion_history (id, account_id, account_promotion_id, code, operation, operation_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;

    let n = CUSTOMERS_PER_SCALE * scale;
    let mut account_index = 0u64;
    let mut bank_id = 0i64;
    let mut bank_ranges = Vec::with_capacity(n as usize);
    let today = ctx.today;
    for i in 0..n {
        let fixture = i == 0;
        let country = if fixture {
            &COUNTRIES[0]
        } else {
            country_for(&mut rng)
        };
        let (first, last) = if fixture {
            ("Élodie", "Martin")
        } else {
            (
                *rng.pick(country.first_names),
                *rng.pick(country.last_names),
            )
        };
        let business = !fixture && rng.chance(15);
        let name = if business {
            let suffix = match country.code {
                "FR" => "SARL",
                "DE" => "GmbH",
                "ES" => "S.L.",
                "IT" => "S.r.l.",
                "NL" => "B.V.",
                _ => "SPRL",
            };
            format!("{last} {suffix}")
        } else {
            format!("{first} {last}")
        };
        let segment = if !business {
            "RESIDENTIAL"
        } else if rng.chance(70) {
            "SMB"
        } else {
            "ENTERPRISE"
        };
        let email = format!(
            "{}.{}{}@{}",
            ascii_fold(first),
            ascii_fold(last),
            if i < 50 {
                String::new()
            } else {
                (i % 997).to_string()
            },
            country.email_domain
        );
        let phone = format!(
            "{} {} {} {} {}",
            country.phone_prefix,
            rng.digits(2),
            rng.digits(2),
            rng.digits(2),
            rng.digits(2)
        );
        let created_ms = ctx.now_ms - days_ms(30) - rng.range(0, 5 * 365 * 86_400_000);
        let mut special: Vec<&str> = Vec::new();
        if fixture {
            special.push("VIP");
        } else if rng.chance(8) {
            special.push(*rng.pick(SPECIAL_TREATMENTS));
        }
        let mut cats: Vec<&str> = CATEGORIES
            .iter()
            .copied()
            .filter(|_| rng.chance(35))
            .collect();
        if cats.is_empty() {
            cats.push(CATEGORIES[0]);
        }
        let ext = external_id(i);
        let customer_id = uuid_for(ctx.seed, "customer", i);
        ins_customer.put(params![
            customer_id,
            ext,
            if business { "BUSINESS" } else { "INDIVIDUAL" },
            segment,
            name,
            first,
            last,
            email,
            phone,
            fmt_utc_ms(created_ms),
            serde_json::to_string(&special).unwrap_or_else(|_| "[]".into()),
            serde_json::to_string(&cats).unwrap_or_else(|_| "[]".into()),
        ])?;

        // The S-money side of the same person.
        let kyc = if fixture || rng.chance(60) { 2 } else { 1 };
        let balance = if fixture {
            100_000_000
        } else {
            rng.range(5_000, 2_000_000)
        };
        ins_user.put(params![
            ext,
            1000 + i as i64,
            first,
            last,
            email,
            if rng.chance(97) { 1 } else { 2 },
            kyc,
            balance
        ])?;
        let banks = if fixture { 2 } else { 1 + rng.below(2) };
        bank_ranges.push((bank_id + 1, bank_id + banks as i64));
        for b in 0..banks {
            bank_id += 1;
            let c = if b == 0 {
                country
            } else {
                country_for(&mut rng)
            };
            ins_bank.put(params![
                bank_id,
                ext,
                if b == 0 {
                    "Compte courant"
                } else {
                    "Compte épargne"
                },
                rng.pick(c.bics),
                iban_for(&mut rng, c.code),
                1
            ])?;
        }

        for a in 0..accounts_of(i) {
            let k = account_index;
            account_index += 1;
            let account_id = uuid_for(ctx.seed, "account", k);
            let (postal, city) = *rng.pick(country.cities);
            let street = format!("{} {}", rng.range(1, 120), rng.pick(country.streets));
            let direct_debit = if fixture { a == 0 } else { rng.chance(55) };
            let modality = if fixture {
                if a == 0 {
                    "POSTPAID"
                } else {
                    "RECURRING_PREPAID"
                }
            } else if rng.chance(60) {
                "POSTPAID"
            } else {
                "RECURRING_PREPAID"
            };
            let status = if fixture {
                "ACTIVE"
            } else {
                match rng.below(100) {
                    0..85 => "ACTIVE",
                    85..95 => "SUSPENDED",
                    _ => "CLOSED",
                }
            };
            let acc_created = created_ms + rng.range(0, days_ms(20));
            let both = fixture || rng.chance(80);
            let methods = if both {
                "DIRECT_DEBIT,CREDIT_CARD"
            } else if direct_debit {
                "DIRECT_DEBIT"
            } else {
                "CREDIT_CARD"
            };
            let (pm_type, pm_iban, pm_token) = if direct_debit {
                ("DIRECT_DEBIT", Some(iban_for(&mut rng, country.code)), None)
            } else {
                let token = uuid_for(ctx.seed, "card", k);
                let (brand, bin) = *rng.pick(CARD_BRANDS);
                let expired = if fixture { true } else { rng.chance(12) };
                let (month, year, replacement) = if expired {
                    let back = rng.range(1, 18) as i32;
                    let total = today.year() * 12 + today.month0() as i32 - back;
                    let replaced = fixture || rng.chance(50);
                    (total.rem_euclid(12) + 1, total.div_euclid(12), replaced)
                } else {
                    (
                        rng.range(1, 12) as i32,
                        today.year() + rng.range(1, 4) as i32,
                        false,
                    )
                };
                let replacement_token = if replacement {
                    let new_token = uuid_for(ctx.seed, "card-new", k);
                    ins_card.put(params![
                        new_token,
                        pan(&mut rng, bin),
                        brand,
                        month,
                        year + 4,
                        "ACTIVE",
                        fmt_utc_ms(ctx.now_ms - days_ms(rng.range(1, 60))),
                        Option::<String>::None
                    ])?;
                    Some(new_token)
                } else {
                    None
                };
                ins_card.put(params![
                    token,
                    pan(&mut rng, bin),
                    brand,
                    month,
                    year,
                    if expired { "EXPIRED" } else { "ACTIVE" },
                    fmt_utc_ms(acc_created),
                    replacement_token
                ])?;
                if part.others() {
                    counts.card_tokens += 1 + u64::from(replacement);
                }
                ("CREDIT_CARD", None, Some(token))
            };
            ins_account.put(params![
                account_id,
                customer_id,
                modality,
                status,
                fmt_utc_ms(acc_created),
                street,
                postal,
                city,
                country.code,
                pm_type,
                pm_iban,
                pm_token,
                methods
            ])?;
            // Older addresses first, spread between the account's creation and today; the
            // last one is the current address.
            let older = rng.below(3) as i64;
            let span = (ctx.now_ms - acc_created).max(older + 1);
            for h in 0..older {
                let (p, c) = *rng.pick(country.cities);
                let s = format!("{} {}", rng.range(1, 120), rng.pick(country.streets));
                ins_address.put(params![
                    account_id,
                    s,
                    p,
                    c,
                    country.code,
                    fmt_utc_ms(acc_created + span * h / (older + 1))
                ])?;
            }
            ins_address.put(params![
                account_id,
                street,
                postal,
                city,
                country.code,
                fmt_utc_ms(acc_created + span * older / (older + 1))
            ])?;

            let promos: Vec<(i64, Option<i64>, Option<i64>)> = if fixture && a == 0 {
                // active, scheduled, cancelled, ended (days relative to today)
                vec![
                    (-30, Some(335), None),
                    (20, Some(200), None),
                    (-100, Some(265), Some(-10)),
                    (-400, Some(-35), None),
                ]
            } else {
                (0..rng.below(4))
                    .map(|_| {
                        let start = rng.range(-500, 60);
                        let end = if rng.chance(80) {
                            Some(start + rng.range(30, 400))
                        } else {
                            None
                        };
                        let cancel = if rng.chance(15) {
                            Some(start + rng.range(1, 60))
                        } else {
                            None
                        };
                        (start, end, cancel)
                    })
                    .collect()
            };
            for (p, (start, end, cancel)) in promos.into_iter().enumerate() {
                let pid = uuid_for(ctx.seed, "promotion", k * 8 + p as u64);
                let (code, pname, dtype, value) = PROMOTIONS[(p + k as usize) % PROMOTIONS.len()];
                let day = |d: i64| fmt_date(today + chrono::Duration::days(d));
                ins_promo.put(params![
                    pid,
                    account_id,
                    code,
                    pname,
                    dtype,
                    value,
                    day(start),
                    end.map(day),
                    cancel.map(day)
                ])?;
                let added_ms = ctx.now_ms + days_ms(start.min(0)) - days_ms(rng.range(1, 20));
                let mut ops = vec![("ADDED", added_ms)];
                if let Some(c) = cancel {
                    ops.push((
                        "CANCELLED",
                        (ctx.now_ms + days_ms(c.min(0) - 1)).max(added_ms + 1),
                    ));
                } else if let Some(e) = end
                    && e < 0
                {
                    ops.push(("ENDED", ctx.now_ms + days_ms(e + 1)));
                }
                for (o, (op, ms)) in ops.into_iter().enumerate() {
                    ins_history.put(params![
                        uuid_for(
                            ctx.seed,
                            "promotion-history",
                            (k * 8 + p as u64) * 4 + o as u64
                        ),
                        account_id,
                        pid,
                        code,
                        op,
                        fmt_utc_ms(ms)
                    ])?;
                }
            }
        }
    }
    if part.customers() {
        counts.customers = n;
    }
    if part.others() {
        counts.accounts = account_index;
    }
    Ok(bank_ranges)
}

/// Tokens in the vault that no account uses yet: targets for a payment method change.
/// Spare 0 is ACTIVE, 1 CANCELLED, 2 EXPIRED (fixtures).
fn seed_spare_cards(
    ctx: &Ctx<'_>,
    scale: u64,
    counts: &mut SeedCounts,
) -> Result<(), rusqlite::Error> {
    let mut rng = Rng::stream(ctx.seed, "spare-cards");
    let mut ins = ctx.tx.prepare(
        "INSERT INTO card_tokens (token, pan, brand, expiry_month, expiry_year, status, creation_date, replacement) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)",
    )?;
    let n = SPARE_CARDS_PER_SCALE * scale;
    for j in 0..n {
        let (brand, bin) = *rng.pick(CARD_BRANDS);
        let (status, year) = match j {
            1 => ("CANCELLED", ctx.today.year() + 2),
            2 => ("EXPIRED", ctx.today.year() - 1),
            _ => ("ACTIVE", ctx.today.year() + rng.range(1, 4) as i32),
        };
        ins.execute(params![
            uuid_for(ctx.seed, "spare-card", j),
            pan(&mut rng, bin),
            brand,
            rng.range(1, 12),
            year,
            status,
            fmt_utc_ms(ctx.now_ms - days_ms(rng.range(1, 700))),
        ])?;
    }
    counts.card_tokens += n;
    Ok(())
}
