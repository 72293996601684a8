//! Dropping a call's future aborts its HTTP request: the server sees the connection close.

use super::support::*;
use guichet::api::Clients;
use std::time::{Duration, Instant};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;
use wiremock::matchers::path;
use wiremock::{Mock, ResponseTemplate};

/// A server that reads one request, never answers, and reports when the client hangs up.
async fn silent_server() -> (String, tokio::sync::oneshot::Receiver<Instant>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 4096];
        let mut seen = Vec::new();
        while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = sock.read(&mut buf).await.unwrap();
            assert!(n > 0, "closed before the request arrived");
            seen.extend_from_slice(&buf[..n]);
        }
        // Wait for end-of-stream (or a reset): the client dropped the connection.
        loop {
            match sock.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
        let _ = tx.send(Instant::now());
    });
    (format!("http://{addr}"), rx)
}

#[tokio::test]
async fn dropping_the_future_closes_the_connection() {
    let (base, closed) = silent_server().await;
    let mut settings = settings(&base);
    settings.request_timeout = Duration::from_secs(60);
    let c = Clients::new(&settings).unwrap();
    let started = Instant::now();
    let r = tokio::time::timeout(
        Duration::from_millis(300),
        c.mascustomers.get_customer("c1"),
    )
    .await;
    assert!(
        r.is_err(),
        "the call cannot have finished: the server never answers"
    );
    let closed_at = tokio::time::timeout(Duration::from_secs(5), closed)
        .await
        .expect("the server saw the connection close")
        .unwrap();
    assert!(closed_at.duration_since(started) < Duration::from_secs(5));
}

#[tokio::test]
async fn aborted_task_returns_at_once() {
    let s = server().await;
    Mock::given(path(format!("{PXL}/wallets/w1")))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(10)))
        .mount(&s)
        .await;
    let c = clients(&s);
    let task = tokio::spawn(async move { c.pxlhub.get_wallet("w1").await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    task.abort();
    let joined = task.await;
    assert!(joined.unwrap_err().is_cancelled());
    assert!(started.elapsed() < Duration::from_millis(500));
}
