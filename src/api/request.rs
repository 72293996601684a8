//! A request as the clients describe it (method, escaped path, query, JSON body bytes, call
//! kind) and the small helpers that build one.

use super::retry::CallKind;
use crate::domain::PageRequest;
use reqwest::Method;
use serde_json::Value;

/// One request to send.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    /// Relative to the base URL, segments already escaped (see [`seg`]).
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    /// The JSON body as sent, the same bytes on every retry.
    pub body: Option<Vec<u8>>,
    pub kind: CallKind,
}

impl Request {
    pub fn get(path: impl Into<String>) -> Request {
        Request {
            method: Method::GET,
            path: path.into(),
            query: Vec::new(),
            body: None,
            kind: CallKind::Read,
        }
    }

    /// A request with a body already encoded: the writes of [`crate::api::writes`].
    pub fn write(
        method: Method,
        path: impl Into<String>,
        body: Vec<u8>,
        kind: CallKind,
    ) -> Request {
        Request {
            method,
            path: path.into(),
            query: Vec::new(),
            body: Some(body),
            kind,
        }
    }

    /// A POST whose JSON body is built by the caller (Lyra's and Monext's lookups).
    pub fn post_json(path: impl Into<String>, body: &Value, kind: CallKind) -> Request {
        Request::write(Method::POST, path, body.to_string().into_bytes(), kind)
    }

    pub fn query(mut self, key: &'static str, value: impl Into<String>) -> Request {
        self.query.push((key, value.into()));
        self
    }

    /// `size`, `page` (0-based) and `sort` (`field,dir`), the convention of every server-paged
    /// list here.
    pub fn page(self, page: &PageRequest) -> Request {
        self.query("size", page.size.to_string())
            .query("page", page.page.to_string())
            .query_opt("sort", page.sort.as_ref().map(|s| s.to_query()))
    }

    pub fn query_opt(self, key: &'static str, value: Option<impl Into<String>>) -> Request {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }
}

/// A provider error code as text, whether the body has it as a string or a number.
pub fn code_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Escapes one path segment (an id typed by a user may hold `/` or `?`).
pub fn seg(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_escaped() {
        assert_eq!(seg("C-000123"), "C-000123");
        assert_eq!(seg("a/b?c d"), "a%2Fb%3Fc%20d");
    }
}
