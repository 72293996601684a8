//! One sandbox shared by a whole test binary, on its own runtime thread so that it
//! outlives each test's runtime. Only for tests that do not write.

use guichet::sandbox::{self, SandboxOptions};
use std::sync::OnceLock;

/// The shared sandbox's base URL, started on first use.
pub fn shared() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let handle = sandbox::start(SandboxOptions::default())
                    .await
                    .expect("start");
                tx.send(handle.base_url()).expect("send");
                std::future::pending::<()>().await;
                drop(handle);
            });
        });
        rx.recv().expect("shared sandbox")
    })
}
