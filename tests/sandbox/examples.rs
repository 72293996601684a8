//! The documents' examples are real sandbox answers and accepted requests: every operation
//! has a request example (when it takes a body) and a success example (when its success
//! has a body), and each one matches its own schema.

use super::openapi::{check, document};
use guichet::domain::Provider;
use serde_json::Value;

fn examples_of(content: &Value) -> Vec<(&str, &Value, &Value)> {
    let mut out = Vec::new();
    for (media, m) in content.as_object().into_iter().flatten() {
        for (_, e) in m["examples"].as_object().into_iter().flatten() {
            out.push((media.as_str(), &m["schema"], &e["value"]));
        }
    }
    out
}

#[test]
fn every_operation_has_examples_that_match_their_schemas() {
    let mut checked = 0;
    for p in Provider::ALL {
        let doc = document(p);
        for (path, ops) in doc["paths"].as_object().expect("paths") {
            for (method, op) in ops.as_object().expect("ops") {
                let at = format!("{} {method} {path}", p.key());
                if let Some(content) = op["requestBody"].get("content") {
                    let examples = examples_of(content);
                    assert!(!examples.is_empty(), "{at}: no request example");
                    for (media, schema, value) in examples {
                        check(doc, schema, value, "$")
                            .unwrap_or_else(|e| panic!("{at} request {media}: {e}"));
                        checked += 1;
                    }
                }
                let responses = op["responses"].as_object().expect("responses");
                let (status, success) = responses
                    .iter()
                    .find(|(s, _)| s.starts_with('2'))
                    .unwrap_or_else(|| panic!("{at}: no success response"));
                if let Some(content) = success.get("content") {
                    let examples = examples_of(content);
                    assert!(!examples.is_empty(), "{at}: no {status} example");
                    for (media, schema, value) in examples {
                        check(doc, schema, value, "$")
                            .unwrap_or_else(|e| panic!("{at} {status} {media}: {e}"));
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked >= 40, "{checked} examples");
}
