//! pxlhub `GET /stays` filtered by establishment: only that establishment's stays, in
//! either sort, with the true total; a malformed uuid is a 400 in pxlhub's shape.

use super::common::*;
use guichet::domain::Provider::Pxlhub as P;
use reqwest::Method;
use serde_json::Value;

async fn stays(base: &str, query: &str) -> (u16, Value) {
    call(
        P,
        "GET",
        "/stays",
        pxl(base, Method::GET, &format!("/stays?{query}")),
    )
    .await
}

#[tokio::test]
async fn stays_filter_by_establishment() {
    let base = shared();
    let f = fixtures();
    let (_, all) = stays(base, "size=1").await;
    let all_total = all["recordTotal"].as_u64().expect("total");
    let mut seen_fixture = false;
    let mut filtered_total = 0;
    for (sort, field) in [("arrival,asc", "arrival"), ("guestName,desc", "guestName")] {
        let (s, p) = stays(
            base,
            &format!(
                "establishmentId={}&size=200&sort={sort}",
                f.establishment_id
            ),
        )
        .await;
        assert_eq!(s, 200, "{p}");
        let rows = p["data"].as_array().expect("data");
        let total = p["recordTotal"].as_u64().expect("total");
        assert!(total > 0 && total < all_total, "{total} of {all_total}");
        filtered_total = total;
        assert_eq!(rows.len() as u64, total.min(200));
        assert!(
            rows.iter()
                .all(|r| r["establishmentId"] == f.establishment_id.as_str())
        );
        let keys: Vec<&str> = rows
            .iter()
            .map(|r| r[field].as_str().unwrap_or(""))
            .collect();
        let ordered = if sort.ends_with("asc") {
            keys.windows(2).all(|w| w[0] <= w[1])
        } else {
            keys.windows(2).all(|w| w[0] >= w[1])
        };
        assert!(ordered, "{sort}: {keys:?}");
        seen_fixture |= rows
            .iter()
            .any(|r| r["id"] == f.stay_with_wallet_id.as_str());
    }
    assert!(
        seen_fixture || filtered_total > 200,
        "the fixture stay is listed"
    );
    // Upper-case uuids are the same establishment; an unknown one has no stays.
    let (_, upper) = stays(
        base,
        &format!(
            "establishmentId={}&size=1",
            f.establishment_id.to_uppercase()
        ),
    )
    .await;
    let (_, lower) = stays(
        base,
        &format!("establishmentId={}&size=1", f.establishment_id),
    )
    .await;
    assert_eq!(upper["recordTotal"], lower["recordTotal"]);
    let (s, none) = stays(base, &format!("establishmentId={}", uuid::Uuid::new_v4())).await;
    assert_eq!((s, none["recordTotal"].as_u64()), (200, Some(0)));
    assert_eq!(none["data"], Value::Array(vec![]));
}

#[tokio::test]
async fn a_malformed_establishment_is_a_validation_error() {
    let base = shared();
    for bad in ["notauuid", "", "1234"] {
        let (s, b) = stays(base, &format!("establishmentId={bad}")).await;
        assert_eq!(
            (
                s,
                b["code"].as_str(),
                b["origin"]["boundedContext"].as_str()
            ),
            (400, Some("VALIDATION_ERROR"), Some("cashless")),
            "{bad:?}: {b}"
        );
        assert!(
            b["message"]
                .as_str()
                .unwrap_or("")
                .contains("establishmentId"),
            "{b}"
        );
    }
}
