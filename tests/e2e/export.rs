//! A whole-list export in a real terminal: the dialog, the progress bar while pages come
//! (slowed by the sandbox's latency fault so the bar is seen), then the complete file.

use super::harness::{Pty, demo_base_url};

#[test]
fn a_whole_list_export_shows_its_progress_bar_then_the_file() {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_text("rows 1–50 of 2,000");
    let base = demo_base_url(&pty);
    let _ = rustls::crypto::ring::default_provider().install_default();
    let faults = |body: serde_json::Value| {
        let url = format!("{base}/_sandbox/faults");
        let status = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(async move {
                reqwest::Client::new()
                    .put(url)
                    .json(&body)
                    .send()
                    .await
                    .expect("faults request")
                    .status()
            });
        assert!(status.is_success(), "faults: {status}");
    };
    faults(serde_json::json!({"mascustomers": {"latency_ms": 250}}));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("customers.csv");
    pty.send_str("x");
    pty.wait_text("Export Customers");
    pty.wait_text("customers-20");
    // rows, format, masking, file: down three times, clear the proposed name, type ours.
    pty.send_str("\x1b[B\x1b[B\x1b[B\x15");
    pty.send_str(path.to_str().expect("utf-8 path"));
    pty.send_str("\r");
    pty.wait_for("the progress bar", |s| {
        let t = s.contents();
        t.contains("export customers →") && t.contains("▕█") && t.contains("/ 2,000 rows")
    });
    let screen = pty.contents();
    assert!(screen.contains("rows/s"), "{screen}");
    assert!(screen.contains("esc cancels"), "{screen}");
    // The console answers keys meanwhile.
    pty.send_str("j");
    pty.wait_for("the selection moved to the second row", |s| {
        super::harness::selected_row(s) == Some(5)
    });
    faults(serde_json::json!({"mascustomers": {"latency_ms": 0}}));
    pty.wait_text("exported 2,000 customers to");
    let text = std::fs::read_to_string(&path).expect("the complete file");
    assert_eq!(
        text.matches("\r\n").count(),
        2_001,
        "a header and 2,000 rows"
    );
    assert!(!dir.path().join("customers.csv.partial").exists());
    pty.send_str("q");
    assert_eq!(pty.wait_exit(), 0);
}
