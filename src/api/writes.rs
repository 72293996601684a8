//! Every write's wire request, built by one pure function per write: provider, method,
//! path, retry kind, idempotency key and the JSON body as bytes. The client sends exactly
//! those bytes (retries included), the confirmation shows them with IBAN/PAN masked by
//! [`WireWrite::masked_body_pretty`], and the audit line keeps the key.

use super::http::{Answer, Core};
use super::mascustomers::wire::{CancellationBody, PaymentMethodBody};
use super::pxlhub::wire::{OpenWalletBody, RefundBody};
use super::request::{Request, seg};
use super::retry::CallKind;
use super::smoney::wire::NewMoneyOutBody;
use crate::domain::mask::{mask_iban, mask_pan};
use crate::domain::requests::{NewMoneyOut, OpenWallet, PaymentMethodChange, RefundRequest};
use crate::domain::{ApiError, ErrorKind, Provider};
use chrono::NaiveDate;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// The HTTP methods the writes use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMethod {
    Post,
    Patch,
}

impl WriteMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            WriteMethod::Post => "POST",
            WriteMethod::Patch => "PATCH",
        }
    }
}

/// One write, exactly as it goes on the wire. Its `Debug` shows the body masked.
#[derive(Clone, PartialEq, Eq)]
pub struct WireWrite {
    provider: Provider,
    method: WriteMethod,
    path: String,
    kind: CallKind,
    idempotency_key: Option<String>,
    /// `None` when the body could not be encoded; such a write is refused before sending.
    body: Option<Vec<u8>>,
}

impl WireWrite {
    fn new<B: Serialize>(
        provider: Provider,
        method: WriteMethod,
        path: String,
        idempotency_key: Option<String>,
        body: &B,
    ) -> WireWrite {
        WireWrite {
            provider,
            method,
            path,
            kind: if idempotency_key.is_some() {
                CallKind::IdempotentWrite
            } else {
                CallKind::Write
            },
            idempotency_key,
            body: serde_json::to_vec(body).ok(),
        }
    }

    pub fn provider(&self) -> Provider {
        self.provider
    }

    pub fn method(&self) -> WriteMethod {
        self.method
    }

    /// Relative to the provider's base URL, segments escaped.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Retried with the same bytes when it carries an idempotency key, sent once otherwise.
    pub fn kind(&self) -> CallKind {
        self.kind
    }

    /// What the provider deduplicates this write by (pxlhub's `correlationId` with the stay,
    /// the refund's `idempotencyKey`), as sent.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }

    /// The JSON body exactly as sent, IBAN and PAN in clear: for the wire only.
    pub fn body(&self) -> &[u8] {
        self.body.as_deref().unwrap_or_default()
    }

    /// The body on one line with IBAN/PAN masked, keys in the order sent: for logs and the
    /// audit summary.
    pub fn masked_body(&self) -> String {
        mask_body(self.body(), false)
    }

    /// The body pretty-printed with IBAN/PAN masked, keys in the order sent: for the screen.
    pub fn masked_body_pretty(&self) -> String {
        mask_body(self.body(), true)
    }
}

impl fmt::Debug for WireWrite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WireWrite")
            .field("provider", &self.provider)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("kind", &self.kind)
            .field("idempotency_key", &self.idempotency_key)
            .field("body", &self.masked_body())
            .finish()
    }
}

/// pxlhub `POST /wallets`. Idempotent by the stay and `correlationId`.
pub fn open_wallet(open: &OpenWallet) -> WireWrite {
    let body = OpenWalletBody::new(open);
    let key = Some(body.correlation_id.clone());
    WireWrite::new(
        Provider::Pxlhub,
        WriteMethod::Post,
        "/wallets".to_string(),
        key,
        &body,
    )
}

/// pxlhub `POST /wallets/{wallet_id}/refund`. Idempotent by `idempotencyKey`.
pub fn refund(wallet_id: &str, refund: &RefundRequest) -> WireWrite {
    let body = RefundBody::new(refund);
    let key = Some(body.idempotency_key.clone());
    WireWrite::new(
        Provider::Pxlhub,
        WriteMethod::Post,
        format!("/wallets/{}/refund", seg(wallet_id)),
        key,
        &body,
    )
}

/// MasCustomers `PATCH /orgs/{org}/accounts/{account_id}/payment-method`. Sent once.
pub fn change_payment_method(
    org: &str,
    account_id: &str,
    change: &PaymentMethodChange,
) -> WireWrite {
    WireWrite::new(
        Provider::Mascustomers,
        WriteMethod::Patch,
        format!(
            "/orgs/{}/accounts/{}/payment-method",
            seg(org),
            seg(account_id)
        ),
        None,
        &PaymentMethodBody::new(change),
    )
}

/// MasCustomers `PATCH /orgs/{org}/accounts/{account_id}/promotions/{promotion_id}`. Sent
/// once.
pub fn cancel_promotion(
    org: &str,
    account_id: &str,
    promotion_id: &str,
    cancellation_date: NaiveDate,
) -> WireWrite {
    WireWrite::new(
        Provider::Mascustomers,
        WriteMethod::Patch,
        format!(
            "/orgs/{}/accounts/{}/promotions/{}",
            seg(org),
            seg(account_id),
            seg(promotion_id)
        ),
        None,
        &CancellationBody::new(cancellation_date),
    )
}

/// S-money `POST /users/{app_user_id}/moneyouts/oneshot`. Not idempotent: sent once.
pub fn moneyout_oneshot(app_user_id: &str, new: &NewMoneyOut) -> WireWrite {
    WireWrite::new(
        Provider::Smoney,
        WriteMethod::Post,
        format!("/users/{}/moneyouts/oneshot", seg(app_user_id)),
        None,
        &NewMoneyOutBody::new(new),
    )
}

/// Sends a prepared write through its provider's transport: the very bytes built above.
pub(crate) async fn send(core: &Core, write: &WireWrite) -> Result<Answer, ApiError> {
    if write.provider != core.provider() {
        return Err(ApiError::new(
            core.provider(),
            ErrorKind::Local,
            format!("a {} request cannot go to this provider", write.provider),
        ));
    }
    let Some(body) = &write.body else {
        return Err(ApiError::new(
            write.provider,
            ErrorKind::Local,
            "the request could not be encoded",
        ));
    };
    let method = match write.method {
        WriteMethod::Post => reqwest::Method::POST,
        WriteMethod::Patch => reqwest::Method::PATCH,
    };
    core.send(Request::write(
        method,
        write.path.clone(),
        body.clone(),
        write.kind,
    ))
    .await
}

/// The one masking of a write body: every `iban` value masked as an IBAN, every `pan` as a
/// card number, the rest as sent, keys kept in their order. Text that is not JSON is shown
/// with anything IBAN- or PAN-shaped masked.
pub fn mask_body(body: &[u8], pretty: bool) -> String {
    let Ok(mut json) = serde_json::from_slice::<OrderedJson>(body) else {
        return super::redact::redact_text(&String::from_utf8_lossy(body));
    };
    json.mask();
    let text = if pretty {
        serde_json::to_string_pretty(&json)
    } else {
        serde_json::to_string(&json)
    };
    text.unwrap_or_default()
}

/// A JSON value that keeps object keys in the order received (`serde_json::Value` sorts
/// them), so the confirmation shows the body in the order it is sent.
enum OrderedJson {
    Object(Vec<(String, OrderedJson)>),
    Array(Vec<OrderedJson>),
    Scalar(Value),
}

impl OrderedJson {
    fn mask(&mut self) {
        match self {
            OrderedJson::Object(entries) => {
                for (key, value) in entries {
                    match value {
                        OrderedJson::Scalar(Value::String(s))
                            if key.eq_ignore_ascii_case("iban") =>
                        {
                            *s = mask_iban(s);
                        }
                        OrderedJson::Scalar(Value::String(s))
                            if key.eq_ignore_ascii_case("pan") =>
                        {
                            *s = mask_pan(s);
                        }
                        other => other.mask(),
                    }
                }
            }
            OrderedJson::Array(items) => items.iter_mut().for_each(OrderedJson::mask),
            OrderedJson::Scalar(_) => {}
        }
    }
}

impl Serialize for OrderedJson {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            OrderedJson::Object(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            OrderedJson::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for v in items {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            OrderedJson::Scalar(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for OrderedJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<OrderedJson, D::Error> {
        d.deserialize_any(OrderedVisitor)
    }
}

struct OrderedVisitor;

impl<'de> Visitor<'de> for OrderedVisitor {
    type Value = OrderedJson;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Scalar(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Scalar(Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Scalar(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Scalar(Value::from(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Scalar(Value::String(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Scalar(Value::String(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Scalar(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OrderedJson, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        Ok(OrderedJson::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedJson, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, OrderedJson>()? {
            entries.push((k, v));
        }
        Ok(OrderedJson::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cashless::WalletMode;
    use crate::domain::iban::Iban;
    use crate::domain::requests::MoneyOutBankAccount;
    use crate::domain::{Cents, Currency};

    fn wallet(mode: WalletMode) -> OpenWallet {
        OpenWallet {
            stay_id: "A1B2C3D4-0000-4000-8000-000000000002".into(),
            establishment_id: "E5E5E5E5-0000-4000-8000-00000000000B".into(),
            mode,
            currency: Currency::EUR,
            medium_ref: Some("BR-004512".into()),
            credit_limit: Some(Cents(10_000)),
            correlation_id: "5B1E7C3A-9D2F-4E8B-A6C4-0F1E2D3C4B5A".into(),
        }
    }

    fn text(w: &WireWrite) -> &str {
        std::str::from_utf8(w.body()).unwrap()
    }

    #[test]
    fn a_wallet_body_has_lower_case_ids_and_a_limit_only_when_postpaid() {
        let prepaid = open_wallet(&wallet(WalletMode::Prepaid));
        assert_eq!(
            text(&prepaid),
            r#"{"correlationId":"5b1e7c3a-9d2f-4e8b-a6c4-0f1e2d3c4b5a","currency":"EUR","establishmentId":"e5e5e5e5-0000-4000-8000-00000000000b","mediumRef":"BR-004512","mode":"prepaid","stayId":"a1b2c3d4-0000-4000-8000-000000000002"}"#
        );
        assert_eq!(prepaid.kind(), CallKind::IdempotentWrite);
        assert_eq!(
            prepaid.idempotency_key(),
            Some("5b1e7c3a-9d2f-4e8b-a6c4-0f1e2d3c4b5a")
        );
        assert_eq!(
            (prepaid.provider(), prepaid.method(), prepaid.path()),
            (Provider::Pxlhub, WriteMethod::Post, "/wallets")
        );
        let postpaid = open_wallet(&wallet(WalletMode::Postpaid));
        assert!(text(&postpaid).contains(r#""creditLimitCents":"10000""#));
    }

    #[test]
    fn payment_method_bodies_and_their_masked_view() {
        let iban = Iban::parse("FR7630006000011234567890189").unwrap();
        let w = change_payment_method("telco", "a/1", &PaymentMethodChange::DirectDebit { iban });
        assert_eq!(w.path(), "/orgs/telco/accounts/a%2F1/payment-method");
        assert_eq!(w.kind(), CallKind::Write);
        assert_eq!(
            text(&w),
            r#"{"details":{"iban":"FR7630006000011234567890189"},"type":"DIRECT_DEBIT"}"#
        );
        assert_eq!(
            w.masked_body(),
            r#"{"details":{"iban":"FR76 •••• •••• •••• 0189"},"type":"DIRECT_DEBIT"}"#
        );
        assert!(!format!("{w:?}").contains("1234567890"));
        let card = change_payment_method(
            "telco",
            "a1",
            &PaymentMethodChange::CreditCard {
                token_id: "3F0C0000-0000-4000-8000-0000000000AA".into(),
            },
        );
        assert_eq!(
            text(&card),
            r#"{"details":{"token_id":"3f0c0000-0000-4000-8000-0000000000aa"},"type":"CREDIT_CARD"}"#
        );
    }

    #[test]
    fn the_masked_view_keeps_the_order_sent_and_masks_nested_values() {
        let body =
            br#"{"z":1,"a":[{"PAN":"4970101234567890"}],"iban":"DE89370400440532013000","m":null}"#;
        assert_eq!(
            mask_body(body, false),
            r#"{"z":1,"a":[{"PAN":"497010••••••7890"}],"iban":"DE89 •••• •••• •••• 3000","m":null}"#
        );
        assert_eq!(
            mask_body(b"not json FR7630006000011234567890189", false),
            "not json FR76 •••• •••• •••• 0189"
        );
    }

    #[test]
    fn cancellation_refund_and_moneyout_bodies() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let c = cancel_promotion("telco", "a1", "p1", date);
        assert_eq!(c.path(), "/orgs/telco/accounts/a1/promotions/p1");
        assert_eq!(text(&c), r#"{"cancellation_date":"2026-12-01"}"#);
        let r = refund(
            "w1",
            &RefundRequest {
                business_date: date,
                idempotency_key: "K-AB".into(),
                correlation_id: "C-AB".into(),
            },
        );
        assert_eq!(
            text(&r),
            r#"{"businessDate":"2026-12-01","correlationId":"c-ab","idempotencyKey":"k-ab"}"#
        );
        assert_eq!(r.idempotency_key(), Some("k-ab"));
        let m = moneyout_oneshot(
            "C-000123",
            &NewMoneyOut {
                amount: Cents(2500),
                app_account_id: Some("sub-1".into()),
                bank_account: MoneyOutBankAccount::New {
                    display_name: "Main".into(),
                    bic: "BNPAFRPP".into(),
                    iban: Iban::parse("FR7630006000011234567890189").unwrap(),
                    is_mine: true,
                },
                fee: Some(Cents(10)),
            },
        );
        assert_eq!(m.path(), "/users/C-000123/moneyouts/oneshot");
        assert_eq!(
            text(&m),
            r#"{"accountid":{"appaccountid":"sub-1"},"amount":2500,"bankaccount":{"bic":"BNPAFRPP","displayname":"Main","iban":"FR7630006000011234567890189","ismine":true},"fee":{"amount":10}}"#
        );
        assert!(m.masked_body_pretty().contains("FR76 •••• •••• •••• 0189"));
    }
}
