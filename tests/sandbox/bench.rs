//! The benchmark runs end to end (tiny here); `guichet bench sandbox [scales…]` (e.g.
//! `cargo run --release -- bench sandbox 1 50`) prints the real figures.

#[tokio::test]
async fn bench_produces_a_table() {
    let table = guichet::sandbox::bench::bench(&[1], 4, 2)
        .await
        .expect("bench");
    assert!(table.contains("smoney moneyouts of C-000001"), "{table}");
    assert!(table.contains("last ("), "{table}");
    assert!(table.contains("worst p95"), "{table}");
    assert!(table.contains("search customers"), "{table}");
    assert!(table.contains("search transfers"), "{table}");
}
