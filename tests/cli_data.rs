//! The built binary's data commands (`list`, `get`, `search`) against a sandbox started here
//! on port 0: CSV, JSON and NDJSON parsed back and compared with the sandbox's own API,
//! `--all` over several pages (with and without a total), a search with one provider
//! failing, exit codes and stderr lines.

use std::path::Path;
use std::process::{Command, Output};

use guichet::sandbox::demo;
use serde_json::Value;

#[path = "support/csv.rs"]
mod csv;
#[path = "sandbox/shared.rs"]
mod shared;
use csv::parse_csv;

/// One sandbox for this binary (the tests only read).
fn base() -> &'static str {
    shared::shared()
}

/// A config whose one profile points MasCustomers, pxlhub and S-money at the sandbox, the
/// tokens from environment variables.
fn write_config(dir: &Path) -> std::path::PathBuf {
    write_config_for(dir, base())
}

/// The same config, for the sandbox at `base`.
fn write_config_for(dir: &Path, base: &str) -> std::path::PathBuf {
    let text = format!(
        r#"[profiles.local]
environment = "sandbox"
[profiles.local.mascustomers]
base_url = "{base}{mas}"
org = "{org}"
token_env = "GUICHET_TEST_DATA_MAS"
[profiles.local.pxlhub]
base_url = "{base}{pxl}"
api_key_env = "GUICHET_TEST_DATA_PXL"
[profiles.local.smoney]
base_url = "{base}/smoney/api"
partner = "{partner}"
token_env = "GUICHET_TEST_DATA_SMONEY"
"#,
        mas = demo::MAS_PREFIX,
        org = demo::MAS_ORG,
        pxl = demo::PXL_PREFIX,
        partner = demo::SMONEY_PARTNER,
    );
    let path = dir.join("config.toml");
    std::fs::write(&path, text).expect("write config");
    path
}

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn guichet_with(mas_token: &str, args: &[&str]) -> Run {
    let tmp = tempfile::tempdir().expect("tempdir");
    let config = write_config(tmp.path());
    run_with(tmp.path(), &config, mas_token, args)
}

fn run_with(tmp: &Path, config: &Path, mas_token: &str, args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_guichet"))
        .env("GUICHET_STATE_DIR", tmp.join("state"))
        .env("GUICHET_CONFIG", config)
        .env("HOME", tmp)
        .env("XDG_CONFIG_HOME", tmp.join("xdg-config"))
        .env("GUICHET_TEST_DATA_MAS", mas_token)
        .env("GUICHET_TEST_DATA_PXL", demo::PXL_MANAGE_KEY)
        .env("GUICHET_TEST_DATA_SMONEY", demo::SMONEY_TOKEN)
        .args(args)
        .output()
        .expect("binary runs");
    Run {
        code: status.code().unwrap_or(-1),
        out: String::from_utf8(stdout).expect("utf-8 stdout"),
        err: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

fn guichet(args: &[&str]) -> Run {
    guichet_with(demo::MAS_TOKEN, args)
}

fn ok(args: &[&str]) -> String {
    let run = guichet(args);
    assert_eq!((run.code, run.err.as_str()), (0, ""), "{args:?}");
    run.out
}

/// A GET on the sandbox, as the provider's own client would make it.
fn api(path: &str, auth: (&'static str, String)) -> Value {
    let url = format!("{}{path}", base());
    let handle = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let (name, value) = auth;
            reqwest::Client::new()
                .get(url)
                .header(name, value)
                .header("Accept", "application/vnd.s-money.v1+json")
                .send()
                .await
                .expect("request")
                .json::<Value>()
                .await
                .expect("json")
        })
    });
    handle.join().expect("api thread")
}

fn mas(path: &str) -> Value {
    api(
        &format!("{}/orgs/{}{path}", demo::MAS_PREFIX, demo::MAS_ORG),
        ("Authorization", format!("Bearer {}", demo::MAS_TOKEN)),
    )
}

fn pxl(path: &str) -> Value {
    api(
        &format!("{}{path}", demo::PXL_PREFIX),
        ("X-API-Key", demo::PXL_MANAGE_KEY.to_string()),
    )
}

fn smoney(path: &str) -> Value {
    api(
        &format!("{}{path}", demo::SMONEY_PREFIX),
        ("Authorization", format!("Bearer {}", demo::SMONEY_TOKEN)),
    )
}

fn ndjson(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A CSV cell as the JSON value of the same field, for comparison.
fn as_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn every_customer_in_csv_json_and_ndjson_matches_the_api() {
    let first = mas("/customers?size=200&page=0&sort=name,asc");
    let total = first["recordTotal"].as_u64().expect("total") as usize;
    assert!(total > 400, "several pages of 200: {total}");
    let mut api_rows = Vec::new();
    for page in 0..total.div_ceil(200) {
        let p = mas(&format!("/customers?size=200&page={page}&sort=name,asc"));
        api_rows.extend(p["items"].as_array().expect("items").iter().cloned());
    }
    assert_eq!(api_rows.len(), total);

    let lines = ndjson(&ok(&["list", "customers", "--all", "-o", "ndjson"]));
    assert_eq!(lines.len(), total, "every row, once");
    for (mine, theirs) in lines.iter().zip(&api_rows) {
        for key in ["id", "external_id", "name", "email"] {
            assert_eq!(mine[key], theirs[key], "{key} of {theirs}");
        }
        let created =
            chrono::DateTime::parse_from_rfc3339(theirs["created_at"].as_str().expect("date"))
                .expect("rfc3339")
                .to_utc()
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
        assert_eq!(mine["created_at"], created.as_str());
    }

    let json: Vec<Value> =
        serde_json::from_str(&ok(&["list", "customers", "--all", "-o", "json"])).expect("array");
    assert_eq!(json, lines);

    let csv = parse_csv(&ok(&["list", "customers", "--all", "-o", "csv"]));
    assert_eq!(
        csv[0],
        [
            "id",
            "external_id",
            "name",
            "email",
            "phone",
            "type",
            "segment",
            "created_at"
        ]
    );
    assert_eq!(csv.len(), total + 1);
    for (record, line) in csv[1..].iter().zip(&lines) {
        for (name, cell) in csv[0].iter().zip(record) {
            // Text a spreadsheet would run as a formula (`+34 6…`) is written with a `'`.
            let want = match &line[name.as_str()] {
                Value::String(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
                    format!("'{s}")
                }
                other => as_text(other),
            };
            assert_eq!(cell, &want, "{name} of {line}");
        }
    }
}

#[test]
fn wallets_write_money_as_an_amount_and_a_currency() {
    let api_page = pxl("/wallets?size=20&page=0&sort=balanceCents,desc");
    let csv = parse_csv(&ok(&[
        "list",
        "wallets",
        "--size",
        "20",
        "--sort",
        "balanceCents,desc",
        "-o",
        "csv",
    ]));
    let header = &csv[0];
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (id, balance, currency) = (col("id"), col("balance"), col("balance_currency"));
    let items = api_page["data"].as_array().expect("data");
    assert_eq!(csv.len(), items.len() + 1);
    for (record, w) in csv[1..].iter().zip(items) {
        assert_eq!(record[id], w["id"].as_str().expect("id"));
        let cents: i64 = w["balanceCents"]
            .as_str()
            .expect("cents")
            .parse()
            .expect("int");
        let shown: f64 = record[balance].parse().expect("decimal");
        assert_eq!((shown * 100.0).round() as i64, cents, "{record:?}");
        assert!(
            record[balance].contains('.'),
            "two decimals: {}",
            record[balance]
        );
        assert_eq!(record[currency], w["currency"].as_str().unwrap_or("EUR"));
    }
    // --fields: only those, in that order, a money field with its currency.
    let picked = parse_csv(&ok(&[
        "list",
        "wallets",
        "--size",
        "3",
        "--fields",
        "balance,id",
        "-o",
        "csv",
    ]));
    assert_eq!(picked[0], ["balance", "balance_currency", "id"]);
}

#[test]
fn transfers_without_a_total_stream_every_page_and_stop_at_the_short_one() {
    let user = demo::SMONEY_TOKEN_USER;
    let mut api_ids = Vec::new();
    for page in 1.. {
        let p = smoney(&format!(
            "/users/{user}/moneyouts?sort=id,asc&per_page=50&page={page}"
        ));
        let items = p.as_array().expect("array").clone();
        api_ids.extend(items.iter().map(|m| m["Id"].as_i64().expect("Id")));
        if items.len() < 50 {
            break;
        }
    }
    assert!(api_ids.len() > 6, "several pages of 3: {}", api_ids.len());
    let lines = ndjson(&ok(&[
        "list",
        "transfers",
        "--user",
        user,
        "--all",
        "--size",
        "3",
        "--sort",
        "id",
        "-o",
        "ndjson",
    ]));
    let ids: Vec<i64> = lines
        .iter()
        .map(|l| l["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids, api_ids);
    // IBANs leave masked.
    assert!(
        lines
            .iter()
            .all(|l| l["iban"].as_str().is_none_or(|i| i.contains('•'))),
        "{lines:?}"
    );
}

#[test]
fn one_page_by_number_and_the_pipe_default_is_ndjson() {
    let api_page = mas("/customers?size=7&page=2&sort=email,desc");
    let out = ok(&[
        "list",
        "customers",
        "--page",
        "3",
        "--size",
        "7",
        "--sort",
        "email,desc",
    ]);
    let lines = ndjson(&out);
    let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
    let api_ids: Vec<&Value> = api_page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| &c["id"])
        .collect();
    assert_eq!(ids, api_ids);
}

#[test]
fn get_writes_one_object_as_the_api_has_it() {
    let c = &mas("/customers?size=1&page=0")["items"][0];
    let id = c["id"].as_str().expect("id");
    let one: Value = serde_json::from_str(&ok(&["get", "customers", id])).expect("object");
    assert_eq!((&one["id"], &one["name"]), (&c["id"], &c["name"]));
    let table = ok(&["get", "customers", id, "-o", "table"]);
    assert!(
        table.lines().any(|l| l.starts_with("external_id")
            && l.ends_with(c["external_id"].as_str().expect("ext"))),
        "{table}"
    );
}

#[test]
fn a_provider_refusal_exits_1_with_its_code_and_message_on_one_line() {
    let run = guichet(&["get", "customers", "00000000-0000-4000-8000-000000000000"]);
    assert_eq!(run.code, 1, "{}", run.out);
    assert_eq!(run.out, "");
    assert_eq!(run.err.lines().count(), 1, "{}", run.err);
    assert!(
        run.err
            .starts_with("guichet: MasCustomers has no such record (code 0001, HTTP 404): "),
        "{}",
        run.err
    );

    let run = guichet_with("not-the-token", &["list", "customers", "-o", "csv"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.out, "", "no header row for a list that never came");
    assert_eq!(run.err.lines().count(), 1, "{}", run.err);
    assert!(
        run.err.contains("MasCustomers refused the credentials"),
        "{}",
        run.err
    );
    assert!(
        !run.err.contains("not-the-token"),
        "the secret is never printed"
    );
}

// The mock server must keep answering while this thread blocks on the child process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_5xx_halfway_stops_with_exit_1_and_output_that_does_not_look_whole() {
    use wiremock::matchers::{method, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let first = tokio::task::spawn_blocking(|| mas("/customers?size=200&page=0&sort=name,asc"))
        .await
        .expect("api");
    assert!(first["recordTotal"].as_u64().expect("total") > 400);
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("page", "0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&first))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("page", "1"))
        .respond_with(ResponseTemplate::new(503).set_body_json(serde_json::json!({
            "code": "0500", "message": "maintenance"
        })))
        .mount(&server)
        .await;
    let tmp = tempfile::tempdir().expect("tempdir");
    let config = tmp.path().join("config.toml");
    let text = format!(
        "[profiles.mock]\nenvironment = \"sandbox\"\n[profiles.mock.mascustomers]\n\
         base_url = \"{}{}\"\norg = \"{}\"\ntoken_env = \"GUICHET_TEST_DATA_MAS\"\n",
        server.uri(),
        demo::MAS_PREFIX,
        demo::MAS_ORG
    );
    std::fs::write(&config, text).expect("config");
    for format in ["json", "ndjson"] {
        let run = run_with(
            tmp.path(),
            &config,
            demo::MAS_TOKEN,
            &["list", "customers", "--all", "-o", format],
        );
        assert_eq!(run.code, 1, "{format}: {}", run.err);
        assert_eq!(run.err.lines().count(), 1, "{}", run.err);
        assert!(
            run.err
                .starts_with("guichet: MasCustomers failed on its side")
                && run.err.contains("(stopped after 200 rows)"),
            "{}",
            run.err
        );
        match format {
            "json" => {
                assert!(run.out.starts_with('['), "{format}");
                assert!(
                    serde_json::from_str::<Value>(&run.out).is_err(),
                    "a cut JSON array has no closing bracket"
                );
            }
            _ => assert_eq!(ndjson(&run.out).len(), 200, "the rows before the failure"),
        }
    }
}

#[test]
fn usage_errors_exit_2_before_any_request() {
    for (args, says) in [
        (
            &["list", "customers", "--sort", "bogus"][..],
            "guichet: customers cannot be sorted by \"bogus\" (its sort fields: name, email, external_id, created_at)",
        ),
        (
            &["list", "wallets", "--fields", "id,iban"][..],
            "guichet: wallets has no field \"iban\" (its fields: id, ",
        ),
        (
            &["list", "customers", "--user", "C-000001"][..],
            "guichet: --user applies to transfers, not to customers",
        ),
        (
            &["get", "transfers", "12"][..],
            "guichet: a transfer is read with --user (its S-money user id)",
        ),
        (&["list", "invoices"][..], "invalid value 'invoices'"),
        (
            &["list", "customers", "--all", "--page", "2"][..],
            "cannot be used with",
        ),
    ] {
        let run = guichet(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.err);
        assert_eq!(run.out, "", "{args:?}");
        assert!(run.err.contains(says), "{args:?}: {}", run.err);
    }
}

#[test]
fn the_man_page_and_completions_name_the_data_commands() {
    let man = ok(&["man"]);
    assert!(
        man.contains(".TH guichet 1") && man.contains("list") && man.contains("get"),
        "{man}"
    );
    let bash = ok(&["completions", "bash"]);
    assert!(
        bash.contains("customers accounts wallets transfers stays"),
        "resource names"
    );
    assert!(bash.contains("guichet,list)") && bash.contains("guichet,get)"));
}

/// `guichet search` through the binary: every row's group, id, user and line.
fn search_rows(text: &str, format: &str) -> (Vec<Value>, String) {
    let run = guichet(&["search", text, "-o", format]);
    assert_eq!(run.code, 0, "{text:?}: {}", run.err);
    let rows = match format {
        "json" => serde_json::from_str::<Vec<Value>>(&run.out).expect("an array"),
        "ndjson" => ndjson(&run.out),
        _ => {
            let csv = parse_csv(&run.out);
            assert_eq!(csv[0], ["group", "id", "user", "what"]);
            csv[1..]
                .iter()
                .map(|r| serde_json::json!({"group": r[0], "id": r[1], "user": r[2], "what": r[3]}))
                .collect()
        }
    };
    (rows, run.err)
}

#[test]
fn search_finds_what_the_box_finds_in_every_format() {
    let first = mas("/customers?size=1&page=0&sort=name,asc");
    let customer = &first["items"][0];
    let name = customer["name"].as_str().expect("name");
    let id = customer["id"].as_str().expect("id");
    let (ndjson_rows, _) = search_rows(name, "ndjson");
    assert!(
        ndjson_rows
            .iter()
            .any(|r| r["group"] == "customers" && r["id"] == id),
        "{ndjson_rows:?}"
    );
    assert!(
        ndjson_rows
            .iter()
            .all(|r| r["group"] == "customers" || r["group"] == "stays")
    );
    let (json_rows, _) = search_rows(name, "json");
    assert_eq!(json_rows, ndjson_rows);
    let (csv_rows, _) = search_rows(name, "csv");
    assert_eq!(csv_rows, ndjson_rows);
    // The hit's group and id are what `guichet get` reads it with.
    let got: Value =
        serde_json::from_str(&ok(&["get", "customers", id, "-o", "json"])).expect("one object");
    assert_eq!(got["name"], name);
}

#[test]
fn search_by_last_four_shows_the_iban_masked() {
    let accounts = mas("/accounts?size=200&page=0");
    let (iban, id) = accounts["items"]
        .as_array()
        .expect("items")
        .iter()
        .find_map(|a| {
            let iban = a["payment_method"]["details"]["iban"].as_str()?;
            Some((iban.replace(' ', ""), a["id"].as_str()?.to_string()))
        })
        .expect("an account paid by direct debit");
    let last4 = &iban[iban.len() - 4..];
    for format in ["ndjson", "csv"] {
        let run = guichet(&["search", last4, "-o", format]);
        assert_eq!(run.code, 0, "{}", run.err);
        assert!(run.out.contains(&id), "{format}: {}", run.out);
        assert!(
            !run.out.contains(&iban),
            "never the whole IBAN: {}",
            run.out
        );
        assert!(run.out.contains(&format!("•••• {last4}")), "{}", run.out);
    }
}

#[test]
fn search_usage_errors_exit_2_before_any_request() {
    for text in ["ab", " ", &"x".repeat(201)] {
        let run = guichet(&["search", text]);
        assert_eq!(run.code, 2, "{text:?}: {}", run.err);
        assert_eq!(run.out, "");
        assert!(
            run.err.starts_with("guichet: nothing is searched as"),
            "{}",
            run.err
        );
    }
}

#[test]
fn search_runs_on_the_demo_sandbox() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let Output { status, stdout, .. } = Command::new(env!("CARGO_BIN_EXE_guichet"))
        .env("GUICHET_STATE_DIR", tmp.path().join("state"))
        .env("HOME", tmp.path())
        .env("XDG_CONFIG_HOME", tmp.path().join("xdg-config"))
        .args(["--demo", "search", "martin", "-o", "ndjson"])
        .output()
        .expect("binary runs");
    assert_eq!(status.code(), Some(0));
    let rows = ndjson(&String::from_utf8(stdout).expect("utf-8"));
    assert!(
        rows.iter().any(|r| r["group"] == "customers"
            && r["what"].as_str().is_some_and(|w| w.contains("Martin"))),
        "{rows:?}"
    );
}

// The sandbox must keep answering while this thread blocks on the child process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_failing_is_said_per_group_and_exits_3_with_the_others_printed() {
    use guichet::sandbox::{self, SandboxOptions};
    let mut options = SandboxOptions::default();
    options.faults.pxlhub.error_rate = 1.0;
    let handle = sandbox::start(options).await.expect("sandbox");
    let tmp = tempfile::tempdir().expect("tempdir");
    let config = write_config_for(tmp.path(), &handle.base_url());
    let (dir, cfg) = (tmp.path().to_path_buf(), config);
    let run = tokio::task::spawn_blocking(move || {
        run_with(
            &dir,
            &cfg,
            demo::MAS_TOKEN,
            &["search", "martin", "-o", "ndjson"],
        )
    })
    .await
    .expect("run");
    assert_eq!(run.code, 3, "{}", run.err);
    let rows = ndjson(&run.out);
    assert!(!rows.is_empty(), "the customers found are printed");
    assert!(rows.iter().all(|r| r["group"] == "customers"), "{rows:?}");
    assert!(
        run.err
            .lines()
            .any(|l| l.starts_with("guichet: stays: failed: ")),
        "{}",
        run.err
    );
    assert!(
        run.err
            .lines()
            .last()
            .is_some_and(|l| l == "guichet: 1 of 2 search groups failed (see above)"),
        "{}",
        run.err
    );
    handle.stop().await;
}
