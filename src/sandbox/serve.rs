//! `guichet sandbox`: the banner with the base URLs and demo credentials, and the serving
//! loop until Ctrl-C or SIGTERM.

use super::{SandboxError, SandboxOptions, start};

/// The text printed at start: base URLs and demo credentials (demo values, meant to be
/// shown).
pub fn banner(base_url: &str, remote: bool) -> String {
    use super::demo::*;
    let b = base_url.trim_end_matches('/');
    let warning = if remote {
        "\nWARNING: listening beyond loopback. These credentials are public: anyone who reaches\n\
         this address can read and change the sandbox's data. Use it on a trusted network only.\n"
    } else {
        ""
    };
    format!(
        "guichet sandbox listening on {b}\n\
         \n\
         MasCustomers  {b}{MAS_PREFIX}          Authorization: Bearer {MAS_TOKEN}   (org \"{MAS_ORG}\"; {MAS_EXPIRED_TOKEN} → 401 code 569)\n\
         pxlhub        {b}{PXL_PREFIX}                X-API-Key: {PXL_MANAGE_KEY}   (read-only key: {PXL_READONLY_KEY})\n\
         S-money       {b}{SMONEY_PREFIX}    Authorization: Bearer {SMONEY_TOKEN}   (partner \"{SMONEY_PARTNER}\"; {SMONEY_EXPIRED_TOKEN} → 401 Code 569)\n\
         Lyra          {b}{LYRA_PREFIX}   Basic {LYRA_USER}:{LYRA_PASSWORD}\n\
         Monext        {b}{MONEXT_PREFIX}             Basic {MONEXT_USER}:{MONEXT_PASSWORD}\n\
         \n\
         Control (loopback only): {b}/_sandbox/health, GET/PUT {b}/_sandbox/faults, POST {b}/_sandbox/reset\n{warning}"
    )
}

/// Runs `guichet sandbox` until Ctrl-C or SIGTERM.
pub async fn serve_cli(opts: SandboxOptions) -> Result<(), SandboxError> {
    let remote = !opts.addr.ip().is_loopback();
    let handle = start(opts).await?;
    println!("{}", banner(&handle.base_url(), remote));
    match handle.seeded() {
        Some(c) => println!(
            "seeded in {:?}: {} customers, {} accounts, {} stays, {} wallets, {} card tokens, {} moneyouts",
            handle.startup_time(),
            c.customers,
            c.accounts,
            c.stays,
            c.wallets,
            c.card_tokens,
            c.moneyouts
        ),
        None => println!(
            "reusing the existing database (started in {:?})",
            handle.startup_time()
        ),
    }
    wait_for_signal().await;
    println!("stopping");
    handle.stop().await;
    Ok(())
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::demo;

    #[test]
    fn banner_names_every_base_url_and_credential() {
        let b = banner("http://127.0.0.1:7878/", false);
        assert!(!b.contains("WARNING"));
        for needle in [
            "http://127.0.0.1:7878/customers/v4",
            "http://127.0.0.1:7878/pms/v1",
            "http://127.0.0.1:7878/smoney/api/sandbox",
            "http://127.0.0.1:7878/lyra/api-payment/V4",
            "http://127.0.0.1:7878/monext/v1",
            demo::MAS_TOKEN,
            demo::PXL_MANAGE_KEY,
            demo::PXL_READONLY_KEY,
            demo::SMONEY_TOKEN,
            "69876357:testpassword_SANDBOX",
            "monext_sandbox:monext_sandbox_secret",
            "/_sandbox/faults",
        ] {
            assert!(b.contains(needle), "{needle} missing from:\n{b}");
        }
    }

    #[test]
    fn a_remote_banner_warns_that_the_credentials_are_public() {
        let b = banner("http://0.0.0.0:7878", true);
        assert!(b.contains("WARNING"), "{b}");
        assert!(b.contains("credentials are public"), "{b}");
    }
}
