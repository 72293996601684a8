//! The provider's own answer to a read, for the raw view: the request line, the status and
//! the body as the provider sent it (keys in its order, pretty-printed), every IBAN and card
//! number masked, cut at [`RAW_MAX`] bytes.

use super::http::Answer;
pub use crate::domain::raw::{RAW_MAX, RawBody};

/// The raw view of a successful answer.
pub fn raw_body(answer: &Answer) -> RawBody {
    let (bytes, cut_from) = if answer.body.len() > RAW_MAX {
        (&answer.body[..RAW_MAX], Some(answer.body.len()))
    } else {
        (&answer.body[..], None)
    };
    RawBody {
        request: answer.request.clone(),
        status: answer.status,
        body: super::writes::mask_body(bytes, true),
        cut_from,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::CallKind;
    use crate::domain::Provider;

    fn answer(body: &[u8]) -> Answer {
        Answer {
            provider: Provider::Mascustomers,
            status: 200,
            kind: CallKind::Read,
            body: body.to_vec(),
            request: "GET /x".into(),
        }
    }

    #[test]
    fn keys_in_the_providers_order_and_ibans_masked() {
        let raw = raw_body(&answer(
            br#"{"zeta":1,"payment_method":{"type":"DIRECT_DEBIT","details":{"iban":"FR7630006000011234567890189"}},"alpha":true}"#,
        ));
        assert!(
            raw.body.find("zeta") < raw.body.find("alpha"),
            "{}",
            raw.body
        );
        assert!(
            !raw.body.contains("FR7630006000011234567890189"),
            "{}",
            raw.body
        );
        assert!(raw.body.contains("0189"), "{}", raw.body);
        assert!(raw.body.contains("\n  "), "pretty: {}", raw.body);
        assert_eq!(raw.cut_from, None);
    }

    #[test]
    fn a_long_body_is_cut_and_says_so() {
        let long = vec![b'x'; RAW_MAX + 10];
        let raw = raw_body(&answer(&long));
        assert_eq!(raw.cut_from, Some(RAW_MAX + 10));
        assert!(raw.body.len() <= RAW_MAX);
    }
}
