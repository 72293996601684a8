//! The OpenAPI documents are kept true: every served route is documented and every
//! documented route served; bodies seen in tests are checked against the documented schema
//! by a small validator (type, required, properties, items, enum, oneOf, $ref).

use guichet::domain::Provider;
use guichet::sandbox::route_table;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::OnceLock;

pub fn document(p: Provider) -> &'static Value {
    static DOCS: OnceLock<Vec<(Provider, Value)>> = OnceLock::new();
    let docs = DOCS.get_or_init(|| {
        Provider::ALL
            .into_iter()
            .map(|p| {
                let path = format!(
                    "{}/assets/openapi/{}.json",
                    env!("CARGO_MANIFEST_DIR"),
                    p.key()
                );
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
                (
                    p,
                    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}")),
                )
            })
            .collect()
    });
    &docs.iter().find(|(q, _)| *q == p).expect("document").1
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/components/schemas/");
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => schema,
    }
}

fn type_matches(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => false,
    }
}

/// Checks `v` against `schema`; the error names the JSON path.
pub fn check(doc: &Value, schema: &Value, v: &Value, path: &str) -> Result<(), String> {
    let schema = resolve(doc, schema);
    if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
        let errors: Vec<String> = branches
            .iter()
            .filter_map(|b| check(doc, b, v, path).err())
            .collect();
        return if errors.len() < branches.len() {
            Ok(())
        } else {
            Err(format!("{path}: no branch matches: {}", errors.join(" | ")))
        };
    }
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(t) => type_matches(t, v),
            Value::Array(ts) => ts
                .iter()
                .filter_map(Value::as_str)
                .any(|t| type_matches(t, v)),
            _ => true,
        };
        if !ok {
            return Err(format!("{path}: expected type {t}, got {v}"));
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && !values.contains(v)
    {
        return Err(format!("{path}: {v} not in {values:?}"));
    }
    if let Value::Object(map) = v {
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = r.as_str().unwrap_or("");
            if !map.contains_key(key) {
                return Err(format!("{path}: missing required {key}"));
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, s) in props {
                if let Some(x) = map.get(k) {
                    check(doc, s, x, &format!("{path}.{k}"))?;
                }
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (v, schema.get("items")) {
        for (i, x) in items.iter().enumerate() {
            check(doc, s, x, &format!("{path}[{i}]"))?;
        }
    }
    Ok(())
}

/// Validates a response body against the document of `p` for the route and status.
pub fn validate(
    p: Provider,
    method: &str,
    template: &str,
    status: u16,
    body: &Value,
) -> Result<(), String> {
    let doc = document(p);
    let op = &doc["paths"][template][method.to_ascii_lowercase()];
    if op.is_null() {
        return Err(format!(
            "{method} {template} is not documented for {}",
            p.key()
        ));
    }
    let resp = &op["responses"][status.to_string()];
    if resp.is_null() {
        return Err(format!(
            "{method} {template}: status {status} is not documented"
        ));
    }
    match resp.get("content").and_then(Value::as_object) {
        None => {
            if body.is_null() {
                Ok(())
            } else {
                Err(format!(
                    "{method} {template} {status}: documented without a body, got {body}"
                ))
            }
        }
        Some(content) => {
            let schema = &content.values().next().expect("media")["schema"];
            check(doc, schema, body, "$")
        }
    }
}

/// Validates an error body against the provider's error schema (for routes that are not
/// documented, like an unknown path).
pub fn validate_error(p: Provider, body: &Value) -> Result<(), String> {
    let doc = document(p);
    let name = match p {
        Provider::Mascustomers | Provider::Lyra => "ErrorResponse",
        _ => "Error",
    };
    check(doc, &doc["components"]["schemas"][name], body, "$")
}

#[test]
fn served_routes_are_the_documented_routes() {
    let served: BTreeSet<(String, String, String)> = route_table()
        .into_iter()
        .map(|r| {
            (
                r.provider.key().to_string(),
                r.method.to_ascii_lowercase(),
                r.path,
            )
        })
        .collect();
    let mut documented = BTreeSet::new();
    for p in Provider::ALL {
        let doc = document(p);
        assert_eq!(doc["openapi"], "3.1.0");
        for (path, ops) in doc["paths"].as_object().expect("paths") {
            for method in ops.as_object().expect("ops").keys() {
                documented.insert((p.key().to_string(), method.clone(), path.clone()));
            }
        }
    }
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty(),
        "served but not documented: {undocumented:?}"
    );
    assert!(
        unserved.is_empty(),
        "documented but not served: {unserved:?}"
    );
    assert!(served.len() >= 30, "{}", served.len());
}

#[test]
fn every_operation_documents_its_errors() {
    for p in Provider::ALL {
        let doc = document(p);
        for (path, ops) in doc["paths"].as_object().expect("paths") {
            for (method, op) in ops.as_object().expect("ops") {
                let codes: Vec<&String> = op["responses"]
                    .as_object()
                    .expect("responses")
                    .keys()
                    .collect();
                for needed in ["401", "405", "500", "503"] {
                    assert!(
                        codes.iter().any(|c| *c == needed),
                        "{} {method} {path} lacks {needed}",
                        p.key()
                    );
                }
            }
        }
    }
}

#[test]
fn the_validator_can_fail() {
    let doc = document(Provider::Pxlhub);
    let schema = serde_json::json!({"$ref": "#/components/schemas/Wallet"});
    let bad = serde_json::json!({"id": "x", "balanceCents": 12});
    assert!(check(doc, &schema, &bad, "$").is_err());
    let err = serde_json::json!({"code": "X", "message": "m", "status": 400});
    assert!(
        validate_error(Provider::Pxlhub, &err).is_err(),
        "traceId is required"
    );
}
