//! Reading answers: JSON into wire types with errors that name the failing field path and
//! never quote a value; S-money's keys read whatever their case.

use super::redact::redact_text;
use crate::domain::{ApiError, ErrorKind, Provider};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A decode failure: which field, and why (values left out).
pub fn decode_error(provider: Provider, path: Option<String>, why: impl Into<String>) -> ApiError {
    let mut e = ApiError::new(provider, ErrorKind::Decode, why);
    e.field_path = path;
    e
}

/// serde's messages quote the offending value (`invalid type: string "FR76…"`): keep the
/// shape of the message, drop the value.
fn scrub_serde_message(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut in_quote = false;
    for c in msg.chars() {
        if c == '"' {
            if in_quote {
                out.push_str("…\"");
            } else {
                out.push('"');
            }
            in_quote = !in_quote;
        } else if !in_quote {
            out.push(c);
        }
    }
    // serde_json appends " at line L column C", which means nothing to a support agent.
    let trimmed = match out.find(" at line ") {
        Some(i) => out[..i].to_string(),
        None => out,
    };
    redact_text(&trimmed)
}

fn path_text(path: &serde_path_to_error::Path, prefix: &str) -> Option<String> {
    let p = path.to_string();
    match (p.as_str(), prefix) {
        (".", "") => None,
        (".", pre) => Some(pre.to_string()),
        (p, "") => Some(p.to_string()),
        (p, pre) => Some(format!("{pre}.{p}")),
    }
}

fn syntax_error(provider: Provider, body: &[u8], err: &serde_json::Error) -> ApiError {
    let start = body.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let why = match (err.classify(), start) {
        (_, None) => "the answer was empty where JSON was expected".to_string(),
        (serde_json::error::Category::Eof, _) => {
            format!(
                "the answer was cut short ({} bytes of incomplete JSON)",
                body.len()
            )
        }
        (_, Some(b'<')) => {
            "the answer was an HTML page (a proxy or gateway error?), not JSON".to_string()
        }
        _ => format!(
            "the answer was not valid JSON: {}",
            scrub_serde_message(&err.to_string())
        ),
    };
    decode_error(provider, None, why)
}

/// Parses a JSON body into `T`.
pub fn from_slice<T: DeserializeOwned>(provider: Provider, body: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value: T = match serde_path_to_error::deserialize(&mut de) {
        Ok(v) => v,
        Err(e) => {
            let inner = e.inner();
            return Err(match inner.classify() {
                serde_json::error::Category::Data => decode_error(
                    provider,
                    path_text(e.path(), ""),
                    scrub_serde_message(&inner.to_string()),
                ),
                _ => syntax_error(provider, body, inner),
            });
        }
    };
    de.end().map_err(|e| syntax_error(provider, body, &e))?;
    Ok(value)
}

/// Parses a JSON body into a `Value`, for answers read in two steps (Lyra's envelope,
/// S-money's keys).
pub fn value_from_slice(provider: Provider, body: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|e| syntax_error(provider, body, &e))
}

/// Reads `T` from a `Value`; `prefix` is where that value sits in the answer (`answer`).
pub fn from_value<T: DeserializeOwned>(
    provider: Provider,
    value: Value,
    prefix: &str,
) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        decode_error(
            provider,
            path_text(e.path(), prefix),
            scrub_serde_message(&e.inner().to_string()),
        )
    })
}

/// Lower-cases every object key, recursively, so that `AppUserId`, `appuserid` and
/// `APPUSERID` read the same.
pub fn lowercase_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k.to_lowercase(), lowercase_keys(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(lowercase_keys).collect()),
        other => other,
    }
}

/// Cents sent as a bigint string (`"12345"`), as pxlhub does; a bare integer is accepted too.
pub mod cents_string {
    use crate::domain::Cents;
    use crate::domain::money::parse_cents_string;
    use serde::{Deserialize, Deserializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Int(i64),
    }

    fn convert<E: serde::de::Error>(raw: Raw) -> Result<Cents, E> {
        match raw {
            Raw::Int(i) => Ok(Cents(i)),
            Raw::Text(s) => parse_cents_string(&s)
                .map_err(|_| E::custom("expected a string of cents like \"12345\"")),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Cents, D::Error> {
        convert(Raw::deserialize(d)?)
    }

    pub fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Cents>, D::Error> {
        match Option::<Raw>::deserialize(d)? {
            None => Ok(None),
            Some(raw) => convert(raw).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "fields exist to be decoded")]
    struct Item {
        id: String,
        n: i64,
    }

    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "fields exist to be decoded")]
    struct List {
        items: Vec<Item>,
    }

    #[test]
    fn names_the_field_and_hides_the_value() {
        let body = br#"{"items":[{"id":"a","n":1},{"id":"b","n":"FR7630006000011234567890189"}]}"#;
        let e = from_slice::<List>(Provider::Pxlhub, body).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Decode);
        assert_eq!(e.field_path.as_deref(), Some("items[1].n"));
        assert!(!e.message.contains("FR76300060"), "{}", e.message);
        assert!(e.message.contains("invalid type"), "{}", e.message);
    }

    #[test]
    fn truncated_and_html() {
        let e = from_slice::<List>(Provider::Pxlhub, br#"{"items":[{"id":"a","#).unwrap_err();
        assert!(e.message.contains("cut short"), "{}", e.message);
        let e = from_slice::<List>(Provider::Pxlhub, b"<html><body>502</body></html>").unwrap_err();
        assert!(e.message.contains("HTML"), "{}", e.message);
    }

    #[test]
    fn keys_any_case() {
        let v = lowercase_keys(serde_json::json!({"AppUserId":"x","Fee":{"AmountWithVAT":1}}));
        assert_eq!(
            v,
            serde_json::json!({"appuserid":"x","fee":{"amountwithvat":1}})
        );
    }
}
