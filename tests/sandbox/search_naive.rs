//! A search's pages against a naive scan: on the shared sandbox (scale 1), for many
//! prefixes, every sort the list accepts in both directions, and several pages, the items
//! and `recordTotal` of `q=` (customers) and `guestName=` (stays) are what filtering the
//! whole unfiltered list, one row at a time, by the search's own definition
//! (`sandbox::search::customer_matches`, `stay_matches`) gives.

use super::common::*;
use guichet::sandbox::search::{customer_matches, stay_matches};
use reqwest::Method;
use serde_json::Value;

const PAGE: u64 = 7;

/// Every row of a list in one sort, read 200 at a time.
async fn all(get: impl Fn(String) -> reqwest::RequestBuilder, key: &str, sort: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for page in 0.. {
        let (s, body) = send(get(format!("size=200&page={page}&sort={sort}"))).await;
        assert_eq!(s, 200, "{body}");
        let items = body[key].as_array().expect("items").clone();
        let more = items.len() == 200;
        out.extend(items);
        if !more {
            break;
        }
    }
    out
}

/// The first, second and last pages of a search against the naive scan's rows.
async fn check(
    get: &impl Fn(String) -> reqwest::RequestBuilder,
    key: &str,
    query: &str,
    sort: &str,
    expected: &[&Value],
) {
    let last = (expected.len() as u64).saturating_sub(1) / PAGE;
    for page in [0, 1, last, last + 1] {
        let (s, body) = send(get(format!("size={PAGE}&page={page}&sort={sort}&{query}"))).await;
        assert_eq!(s, 200, "{query} {sort}: {body}");
        assert_eq!(
            body["recordTotal"].as_u64(),
            Some(expected.len() as u64),
            "{query} {sort} page {page}"
        );
        let got: Vec<&Value> = body[key].as_array().expect("items").iter().collect();
        let from = usize::try_from(page * PAGE).expect("small");
        let want: Vec<&Value> = expected
            .iter()
            .skip(from)
            .take(PAGE as usize)
            .copied()
            .collect();
        assert_eq!(got, want, "{query} {sort} page {page}");
    }
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn customer_searches_are_the_naive_scan_in_every_sort() {
    let base = shared();
    let get = |query: String| mas(base, Method::GET, &format!("/customers?{query}"));
    let needles = [
        "martin",
        "MARTÍN",
        "mar",
        "m",
        "e",
        "élodie",
        "elodie.mar",
        "dubois",
        "garcía",
        "c-00004",
        "000012",
        "06 12",
        "+33 6",
        "0",
        "33",
        "lo",
        "sarl",
        "xyz",
        "-",
        ".",
    ];
    for sort in ["name", "email", "external_id", "created_at"] {
        for dir in ["asc", "desc"] {
            let sort = format!("{sort},{dir}");
            let rows = all(get, "items", &sort).await;
            for needle in needles {
                let expected: Vec<&Value> = rows
                    .iter()
                    .filter(|c| {
                        customer_matches(
                            needle,
                            text(c, "name"),
                            text(c, "email"),
                            text(c, "phone"),
                            text(c, "external_id"),
                        )
                    })
                    .collect();
                let query = format!("q={}", urlencode(needle));
                check(&get, "items", &query, &sort, &expected).await;
            }
        }
    }
}

#[tokio::test]
async fn stay_searches_are_the_naive_scan_in_every_sort() {
    let base = shared();
    let get = |query: String| pxl(base, Method::GET, &format!("/stays?{query}"));
    let needles = [
        "dubois", "DUB", "d", "e", "m", "a", "l", "léa", "jean d", "martin", "xyz",
    ];
    for sort in ["guestName", "arrival"] {
        for dir in ["asc", "desc"] {
            let sort = format!("{sort},{dir}");
            let rows = all(get, "data", &sort).await;
            for needle in needles {
                let expected: Vec<&Value> = rows
                    .iter()
                    .filter(|s| stay_matches(needle, text(s, "guestName")))
                    .collect();
                let query = format!("guestName={}", urlencode(needle));
                check(&get, "data", &query, &sort, &expected).await;
            }
        }
    }
}
