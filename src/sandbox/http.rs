//! Plumbing shared by the five provider modules: the provider-neutral rejection, extractors
//! that turn axum's rejections into it (so every error leaves in the provider's own shape),
//! and paging parameters.

use super::envelope::Envelope;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::marker::PhantomData;

/// Largest request body accepted, on every provider.
pub const BODY_LIMIT: usize = 64 * 1024;

/// A failure that is not business logic; each provider renders it in its own envelope.
#[derive(Debug, Clone, PartialEq)]
pub enum Reject {
    NotFound,
    MethodNotAllowed,
    BadJson(String),
    TooLarge,
    UnsupportedMedia,
    BadQuery(String),
    /// Something broke inside; the detail is logged, never sent.
    Internal,
    /// A fault injected by the control endpoint.
    Unavailable,
    /// A write was committed but is answered as failed (fault `fail_after_commit`).
    BadGateway,
    /// Rate limited (fault `throttle_rate`); the fault layer adds `Retry-After`.
    TooManyRequests,
}

impl Reject {
    pub fn status(&self) -> StatusCode {
        match self {
            Reject::NotFound => StatusCode::NOT_FOUND,
            Reject::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Reject::BadJson(_) | Reject::BadQuery(_) => StatusCode::BAD_REQUEST,
            Reject::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Reject::UnsupportedMedia => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Reject::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Reject::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Reject::BadGateway => StatusCode::BAD_GATEWAY,
            Reject::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Reject::NotFound => "no such route".into(),
            Reject::MethodNotAllowed => "method not allowed on this route".into(),
            Reject::BadJson(m) => format!("invalid JSON body: {m}"),
            Reject::TooLarge => format!("request body larger than {BODY_LIMIT} bytes"),
            Reject::UnsupportedMedia => "unsupported media type".into(),
            Reject::BadQuery(m) => format!("invalid query: {m}"),
            Reject::Internal => "internal error".into(),
            Reject::Unavailable => "service unavailable".into(),
            Reject::BadGateway => "bad gateway".into(),
            Reject::TooManyRequests => {
                "too many requests: retry after the delay in Retry-After".into()
            }
        }
    }
}

impl From<super::store::StoreError> for Reject {
    fn from(e: super::store::StoreError) -> Self {
        tracing::error!(error = %e, "sandbox store error");
        Reject::Internal
    }
}

/// The raw body, after the size limit and a JSON content type check.
pub struct Body<E> {
    pub bytes: Bytes,
    _e: PhantomData<fn() -> E>,
}

fn is_json_type(ct: &str) -> bool {
    let base = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    base == "application/json" || (base.starts_with("application/") && base.ends_with("+json"))
}

impl<S, E> FromRequest<S> for Body<E>
where
    S: Send + Sync,
    E: Envelope,
{
    type Rejection = E;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ct = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let too_large = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok())
            .is_some_and(|n| n > BODY_LIMIT);
        if too_large {
            return Err(E::reject(Reject::TooLarge));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|r| {
            if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                E::reject(Reject::TooLarge)
            } else {
                E::reject(Reject::BadJson(r.body_text()))
            }
        })?;
        if !is_json_type(&ct) {
            return Err(E::reject(Reject::UnsupportedMedia));
        }
        Ok(Body {
            bytes,
            _e: PhantomData,
        })
    }
}

impl<E: Envelope> Body<E> {
    /// Decodes into `T`, naming the failing field.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, E> {
        let de = &mut serde_json::Deserializer::from_slice(&self.bytes);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let msg = if path == "." {
                inner.to_string()
            } else {
                format!("{path}: {inner}")
            };
            E::reject(Reject::BadJson(msg))
        })
    }

    /// Decodes into a JSON value.
    pub fn value(&self) -> Result<serde_json::Value, E> {
        serde_json::from_slice(&self.bytes).map_err(|e| E::reject(Reject::BadJson(e.to_string())))
    }
}

/// Query parameters as a map (last value wins).
pub struct Params<E> {
    pub map: HashMap<String, String>,
    _e: PhantomData<fn() -> E>,
}

impl<S, E> FromRequestParts<S> for Params<E>
where
    S: Send + Sync,
    E: Envelope,
{
    type Rejection = E;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|r| E::reject(Reject::BadQuery(r.body_text())))?;
        Ok(Params {
            map: pairs.into_iter().collect(),
            _e: PhantomData,
        })
    }
}

impl<E> Params<E> {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }
}

/// Path parameters in route order.
pub struct PathArgs<E> {
    pub args: Vec<String>,
    _e: PhantomData<fn() -> E>,
}

impl<S, E> FromRequestParts<S> for PathArgs<E>
where
    S: Send + Sync,
    E: Envelope,
{
    type Rejection = E;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(pairs) = Path::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|r| E::reject(Reject::BadQuery(r.body_text())))?;
        Ok(PathArgs {
            args: pairs.into_iter().map(|(_, v)| v).collect(),
            _e: PhantomData,
        })
    }
}

impl<E> PathArgs<E> {
    pub fn at(&self, i: usize) -> &str {
        self.args.get(i).map(String::as_str).unwrap_or("")
    }
}

/// A validated `size`/`page`/`sort` request of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    pub size: u32,
    pub page: u64,
    /// Index into the list's sort columns.
    pub sort: usize,
    pub desc: bool,
}

impl Paging {
    /// The index of the page's first row; saturates, so a huge page is simply past the end.
    pub fn start(&self) -> u64 {
        self.page.saturating_mul(u64::from(self.size))
    }
}

/// Why paging parameters are refused; providers map it to their 400.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagingError(pub String);

pub const DEFAULT_SIZE: u32 = 50;
pub const MAX_SIZE: u32 = 200;

/// Parses `size` (1..=200), `page` (0-based, or 1-based with `one_based`) and `sort`
/// (`field,asc|desc`, field among `fields`).
pub fn parse_paging(
    size: Option<&str>,
    page: Option<&str>,
    sort: Option<&str>,
    fields: &[&str],
    default: (usize, bool),
    one_based: bool,
) -> Result<Paging, PagingError> {
    let size = match size {
        None => DEFAULT_SIZE,
        Some(s) => match s.trim().parse::<i64>() {
            Ok(n) if (1..=i64::from(MAX_SIZE)).contains(&n) => n as u32,
            _ => {
                return Err(PagingError(format!(
                    "size must be a number from 1 to {MAX_SIZE}, got {s:?}"
                )));
            }
        },
    };
    let min_page = i64::from(one_based);
    let page = match page {
        None => 0,
        Some(p) => match p.trim().parse::<i64>() {
            Ok(n) if n >= min_page => (n - min_page) as u64,
            _ => {
                return Err(PagingError(format!(
                    "page must be a number from {min_page}, got {p:?}"
                )));
            }
        },
    };
    let (sort, desc) = match sort {
        None => default,
        Some(s) => {
            let mut it = s.splitn(2, ',');
            let field = it.next().unwrap_or("").trim();
            let Some(idx) = fields.iter().position(|f| f.eq_ignore_ascii_case(field)) else {
                return Err(PagingError(format!(
                    "sort field must be one of {}, got {field:?}",
                    fields.join(", ")
                )));
            };
            let desc = match it.next().map(|d| d.trim().to_ascii_lowercase()) {
                None => false,
                Some(d) if d == "asc" => false,
                Some(d) if d == "desc" => true,
                Some(d) => {
                    return Err(PagingError(format!(
                        "sort direction must be asc or desc, got {d:?}"
                    )));
                }
            };
            (idx, desc)
        }
    };
    Ok(Paging {
        size,
        page,
        sort,
        desc,
    })
}

/// A page of a MasCustomers (`items`) or pxlhub (`data`) list: its rows under `key` and
/// the page fields.
pub fn page_body(
    paging: &Paging,
    key: &str,
    items: Vec<serde_json::Value>,
    total: u64,
) -> serde_json::Value {
    let count = items.len();
    let mut m = serde_json::Map::new();
    let start = paging.start();
    m.insert("count".into(), count.into());
    if count == 0 {
        m.insert("startIndex".into(), serde_json::Value::Null);
        m.insert("endIndex".into(), serde_json::Value::Null);
    } else {
        m.insert("startIndex".into(), start.into());
        let end = start.saturating_add(count as u64).saturating_sub(1);
        m.insert("endIndex".into(), end.into());
    }
    m.insert("recordTotal".into(), total.into());
    m.insert(key.into(), serde_json::Value::Array(items));
    serde_json::Value::Object(m)
}

/// An ORDER BY over a sorted column with the id as tie-breaker, plus LIMIT/OFFSET. Pages in
/// the second half are read backwards from the end, so the last page costs what the first
/// does; the caller reverses the rows when `reversed` is true.
pub struct PageQuery {
    pub order_by: String,
    pub limit: i64,
    pub offset: i64,
    pub reversed: bool,
    /// The direction the rows are read in (after reversal).
    pub desc: bool,
}

pub fn page_query(paging: &Paging, column: &str, id_column: &str, total: u64) -> PageQuery {
    let size = u64::from(paging.size);
    let start = paging.start();
    let dir = |desc: bool| if desc { "DESC" } else { "ASC" };
    if start >= total {
        return PageQuery {
            order_by: format!("{column} {d}, {id_column} {d}", d = dir(paging.desc)),
            limit: 0,
            offset: 0,
            reversed: false,
            desc: paging.desc,
        };
    }
    let end = start.saturating_add(size).min(total);
    if start > total / 2 {
        // Rows [start, end) forwards are rows [total-end, total-start) backwards.
        PageQuery {
            order_by: format!("{column} {d}, {id_column} {d}", d = dir(!paging.desc)),
            limit: (end - start) as i64,
            offset: (total - end) as i64,
            reversed: true,
            desc: !paging.desc,
        }
    } else {
        PageQuery {
            order_by: format!("{column} {d}, {id_column} {d}", d = dir(paging.desc)),
            limit: (end - start) as i64,
            offset: start as i64,
            reversed: false,
            desc: paging.desc,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_rules() {
        let f = &["name", "email"];
        let p = parse_paging(
            Some("20"),
            Some("3"),
            Some("email,desc"),
            f,
            (0, false),
            false,
        );
        assert_eq!(
            p,
            Ok(Paging {
                size: 20,
                page: 3,
                sort: 1,
                desc: true
            })
        );
        assert!(parse_paging(Some("0"), None, None, f, (0, false), false).is_err());
        assert!(parse_paging(Some("201"), None, None, f, (0, false), false).is_err());
        assert!(parse_paging(None, Some("-1"), None, f, (0, false), false).is_err());
        assert!(parse_paging(None, Some("x"), None, f, (0, false), false).is_err());
        assert!(parse_paging(None, None, Some("phone"), f, (0, false), false).is_err());
        assert!(parse_paging(None, Some("0"), None, f, (0, false), true).is_err());
        assert_eq!(
            parse_paging(None, Some("1"), None, f, (0, false), true).map(|p| p.page),
            Ok(0)
        );
    }

    #[test]
    fn backwards_last_page() {
        let p = Paging {
            size: 50,
            page: 42,
            sort: 0,
            desc: false,
        };
        let q = page_query(&p, "name", "id", 2134);
        assert!(q.reversed);
        assert_eq!((q.limit, q.offset), (34, 0));
        let q = page_query(&p, "name", "id", 20);
        assert_eq!(q.limit, 0);
    }
}
