//! The outside judge's settings (`.ci/openapi-judge.toml`) name the fixtures of the seed it
//! starts the sandbox with, and every accepted failure has its reason.

use guichet::sandbox::demo;

fn settings() -> toml::Table {
    let path = format!("{}/.ci/openapi-judge.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.parse().unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_judge_uses_the_seeded_fixtures() {
    let s = settings();
    let seed = s["sandbox_seed"].as_integer().expect("sandbox_seed");
    let f = demo::fixtures(seed as u64);
    let path = |doc: &str, name: &str| {
        s["documents"][doc]["path"][name]
            .as_str()
            .unwrap_or_else(|| panic!("{doc}.{name}"))
            .to_string()
    };
    assert_eq!(path("mascustomers", "org"), demo::MAS_ORG);
    assert_eq!(path("mascustomers", "customer_id"), f.customer_id);
    assert_eq!(
        path("mascustomers", "account_id"),
        f.direct_debit_account_id
    );
    assert_eq!(
        path("mascustomers", "account_promotion_id"),
        f.active_promotion_id
    );
    assert_eq!(path("pxlhub", "walletId"), f.wallet_id);
    assert_eq!(path("pxlhub", "stayId"), f.stay_with_wallet_id);
    assert_eq!(path("smoney", "appuserid"), f.smoney_user);
    assert_eq!(
        s["documents"]["mascustomers"]["prefix"].as_str(),
        Some(demo::MAS_PREFIX)
    );
    assert_eq!(
        s["documents"]["smoney"]["prefix"].as_str(),
        Some(demo::SMONEY_PREFIX)
    );
}

#[test]
fn every_accepted_failure_says_why() {
    let s = settings();
    let accepted = s["accepted"].as_array().expect("accepted");
    for a in accepted {
        for key in ["document", "operation", "check"] {
            assert!(a[key].as_str().is_some_and(|v| !v.is_empty()), "{a}");
        }
        assert!(
            a["reason"].as_str().is_some_and(|r| r.len() > 40),
            "a reason, in words: {a}"
        );
    }
}
