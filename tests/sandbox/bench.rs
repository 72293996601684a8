//! The benchmark runs end to end (tiny here); `cargo test --test sandbox bench_figures --
//! --ignored --nocapture` prints real figures (scales from GUICHET_BENCH_SCALES, e.g. "1,50").

#[tokio::test]
async fn bench_produces_a_table() {
    let table = guichet::sandbox::bench::bench(&[1], 4, 2)
        .await
        .expect("bench");
    assert!(table.contains("smoney moneyouts of C-000001"), "{table}");
    assert!(table.contains("last ("), "{table}");
    assert!(table.contains("worst p95"), "{table}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "long: prints benchmark figures"]
async fn bench_figures() {
    let scales: Vec<u32> = std::env::var("GUICHET_BENCH_SCALES")
        .unwrap_or_else(|_| "1".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    guichet::sandbox::bench::bench(&scales, 200, 4)
        .await
        .expect("bench");
}
