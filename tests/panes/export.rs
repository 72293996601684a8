//! Exports from the console end to end: the real loop and runner against a sandbox, the
//! dialog driven by keys, the file parsed back and compared with the sandbox's own API
//! (read with a plain HTTP client); a 5xx halfway and esc leave no file that looks
//! complete; the marked rows; an export in clear confirmed and journaled.

use super::console::{Console, Options, start, start_with};
use super::csv::parse_csv;
use crossterm::event::KeyCode as CtCode;
use guichet::sandbox::demo;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// The sandbox's own answer to `GET path` on MasCustomers' organisation, or S-money.
async fn api(c: &Console, path: &str) -> Value {
    let (url, auth) = if path.starts_with("/users") {
        (
            format!("{}{}{path}", c.sandbox.base_url(), demo::SMONEY_PREFIX),
            format!("Bearer {}", demo::SMONEY_TOKEN),
        )
    } else {
        (
            format!(
                "{}{}/orgs/{}{path}",
                c.sandbox.base_url(),
                demo::MAS_PREFIX,
                demo::MAS_ORG
            ),
            format!("Bearer {}", demo::MAS_TOKEN),
        )
    };
    reqwest::Client::new()
        .get(url)
        .header("Authorization", auth)
        .header("Accept", "application/vnd.s-money.v1+json")
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json")
}

/// Every customer, as the sandbox lists them by name.
async fn all_customers(c: &Console) -> Vec<Value> {
    let first = api(c, "/customers?size=200&page=0&sort=name,asc").await;
    let total = first["recordTotal"].as_u64().expect("total") as usize;
    let mut out = Vec::new();
    for page in 0..total.div_ceil(200) {
        let p = api(c, &format!("/customers?size=200&page={page}&sort=name,asc")).await;
        out.extend(p["items"].as_array().expect("items").iter().cloned());
    }
    assert_eq!(out.len(), total);
    out
}

/// `x`, then: the format (`rights` presses of → from CSV), the file name, enter.
async fn export(c: &Console, title: &str, rights: usize, path: &Path) {
    c.key('x');
    c.wait_for("the dialog with a proposed name", |t| {
        t.contains(&format!("Export {title}"))
            && t.contains(&format!("{}-20", title.to_lowercase()))
    })
    .await;
    c.code(CtCode::Down);
    for _ in 0..rights {
        c.code(CtCode::Right);
    }
    c.code(CtCode::Down);
    c.code(CtCode::Down);
    c.ctrl('u');
    c.keys(path.to_str().expect("utf-8 path"));
    c.enter();
}

fn partial(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".partial");
    PathBuf::from(p)
}

fn utc(v: &Value) -> String {
    chrono::DateTime::parse_from_rfc3339(v.as_str().expect("date"))
        .expect("rfc3339")
        .to_utc()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_list_in_csv_json_and_ndjson_matches_the_api() {
    let c = start(120, 40).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let theirs = all_customers(&c).await;
    let n = theirs.len();
    c.wait_loaded("customers", |t| t.contains("rows 1–")).await;

    let ndjson_path = dir.path().join("customers.ndjson");
    export(&c, "Customers", 2, &ndjson_path).await;
    let done = format!(
        "exported {} customers to {}",
        guichet::app::list::thousands(n as u64),
        ndjson_path.display()
    );
    c.wait_text(&done).await;
    assert!(!partial(&ndjson_path).exists(), "the .partial name is gone");
    let text = std::fs::read_to_string(&ndjson_path).expect("file");
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one object a line"))
        .collect();
    assert_eq!(lines.len(), n, "every row, once");
    for (mine, api) in lines.iter().zip(&theirs) {
        for key in ["id", "external_id", "name", "email"] {
            assert_eq!(mine[key], api[key], "{key} of {api}");
        }
        assert_eq!(mine["created_at"], utc(&api["created_at"]).as_str());
    }

    c.esc();
    let json_path = dir.path().join("customers.json");
    export(&c, "Customers", 1, &json_path).await;
    c.wait_text(&format!("to {}", json_path.display())).await;
    let array: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&json_path).expect("file")).expect("array");
    assert_eq!(array, lines);

    c.esc();
    let csv_path = dir.path().join("customers.csv");
    export(&c, "Customers", 0, &csv_path).await;
    c.wait_text(&format!("to {}", csv_path.display())).await;
    let csv = parse_csv(&std::fs::read_to_string(&csv_path).expect("file"));
    assert_eq!(csv[0][..3], ["id", "external_id", "name"]);
    assert_eq!(csv.len(), n + 1, "a header row and every row");
    for (record, line) in csv[1..].iter().zip(&lines) {
        for (name, cell) in csv[0].iter().zip(record) {
            let want = match &line[name.as_str()] {
                Value::Null => String::new(),
                Value::String(s) if s.starts_with(['=', '+', '-', '@']) => format!("'{s}"),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(cell, &want, "{name} of {line}");
        }
    }
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transfers_without_a_total_export_every_page() {
    let c = start(120, 40).await;
    let dir = tempfile::tempdir().expect("temp dir");
    c.key('4');
    let screen = c
        .wait_loaded("the transfers", |t| {
            t.contains("Transfers of ") && t.contains("page 1")
        })
        .await;
    let user = screen
        .split("Transfers of ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .expect("the user")
        .to_string();
    let mut api_ids = Vec::new();
    for page in 1.. {
        let p = api(
            &c,
            &format!("/users/{user}/moneyouts?sort=operationdate,desc&per_page=100&page={page}"),
        )
        .await;
        let items = p.as_array().expect("array").clone();
        api_ids.extend(items.iter().map(|m| m["Id"].as_i64().expect("Id")));
        if items.len() < 100 {
            break;
        }
    }
    let path = dir.path().join("transfers.ndjson");
    export(&c, "Transfers", 2, &path).await;
    c.wait_text(&format!("to {}", path.display())).await;
    let text = std::fs::read_to_string(&path).expect("file");
    let ids: Vec<i64> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("object")["id"]
                .as_i64()
                .expect("id")
        })
        .collect();
    assert_eq!(ids, api_ids);
    assert!(
        text.lines().all(|l| {
            serde_json::from_str::<Value>(l).expect("object")["iban"]
                .as_str()
                .is_none_or(|i| i.contains('•'))
        }),
        "IBANs leave masked: {text}"
    );
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_5xx_halfway_stops_with_a_message_and_no_file_that_looks_complete() {
    let c = start(120, 40).await;
    let dir = tempfile::tempdir().expect("temp dir");
    c.wait_loaded("customers", |t| t.contains("rows 1–")).await;
    c.faults(json!({ "mascustomers": { "latency_ms": 150 } }))
        .await;
    let path = dir.path().join("customers.csv");
    export(&c, "Customers", 0, &path).await;
    c.wait_for("some rows written", |t| {
        t.contains("export customers →") && t.contains("rows/s")
    })
    .await;
    c.faults(json!({ "mascustomers": { "error_rate": 1.0 } }))
        .await;
    let screen = c.wait_text("export stopped, ").await;
    assert!(screen.contains(".partial (incomplete): page "), "{screen}");
    assert!(screen.contains(": MasCustomers"), "{screen}");
    assert!(!path.exists(), "no file under the complete name");
    let kept = partial(&path);
    let csv = parse_csv(&std::fs::read_to_string(&kept).expect("the .partial is kept"));
    assert!(csv.len() > 1, "the rows read before the failure are there");
    assert!(csv.len() < 2_001, "and not every row: {}", csv.len());
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn esc_cancels_and_removes_the_unfinished_file() {
    let c = start(120, 40).await;
    let dir = tempfile::tempdir().expect("temp dir");
    c.wait_loaded("customers", |t| t.contains("rows 1–")).await;
    c.faults(json!({ "mascustomers": { "latency_ms": 300 } }))
        .await;
    let path = dir.path().join("customers.json");
    export(&c, "Customers", 1, &path).await;
    c.wait_text("esc cancels").await;
    // The console stays usable meanwhile.
    c.key('j');
    c.esc();
    let screen = c.wait_text("export cancelled").await;
    assert!(screen.contains(".partial was removed"), "{screen}");
    assert!(!path.exists() && !partial(&path).exists(), "nothing left");
    c.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_marked_rows_and_an_export_in_clear_that_is_journaled() {
    let audit = tempfile::tempdir().expect("audit dir");
    let c = start_with(
        120,
        40,
        Options {
            read_only: false,
            audit_dir: Some(audit.path().to_path_buf()),
        },
    )
    .await;
    let dir = tempfile::tempdir().expect("temp dir");
    c.key('2');
    c.wait_loaded("accounts", |t| {
        t.contains("Accounts") && t.contains("rows 1–")
    })
    .await;
    // Marks the first and the third row.
    c.key(' ');
    c.key('j');
    c.key(' ');
    c.wait_text("2 marked").await;
    let first = api(&c, "/accounts?size=50&page=0&sort=created_at,desc").await;
    let items = first["items"].as_array().expect("items");
    let marked = [items[0]["id"].clone(), items[2]["id"].clone()];

    // The marked rows are proposed first; masked by default.
    let path = dir.path().join("accounts.ndjson");
    export(&c, "Accounts", 2, &path).await;
    c.wait_text(&format!("exported 2 accounts to {}", path.display()))
        .await;
    let rows: Vec<Value> = std::fs::read_to_string(&path)
        .expect("file")
        .lines()
        .map(|l| serde_json::from_str(l).expect("object"))
        .collect();
    let ids: Vec<Value> = rows.iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, marked);

    // In clear: the choice, then its confirmation; the journal has it.
    c.esc();
    let clear_path = dir.path().join("accounts-clear.ndjson");
    c.key('x');
    c.wait_text("Export Accounts").await;
    c.code(CtCode::Down);
    c.code(CtCode::Right);
    c.code(CtCode::Right);
    c.code(CtCode::Down);
    c.code(CtCode::Right);
    c.wait_text("IN CLEAR").await;
    c.code(CtCode::Down);
    c.ctrl('u');
    c.keys(clear_path.to_str().expect("utf-8"));
    c.enter();
    c.wait_text("recorded in the audit journal").await;
    // Keys typed ahead never confirm it: the key is offered once it has been on screen.
    c.wait_text("enter/y export in clear").await;
    c.enter();
    c.wait_text(&format!("to {}", clear_path.display())).await;
    let text = std::fs::read_to_string(&clear_path).expect("file");
    let journal: String = std::fs::read_dir(audit.path())
        .expect("audit dir")
        .filter_map(|e| std::fs::read_to_string(e.expect("entry").path()).ok())
        .collect();
    assert!(
        journal.contains("accounts export to") && journal.contains("export in clear"),
        "{journal}"
    );
    let direct_debit: Vec<&Value> = items
        .iter()
        .filter(|a| a["id"] == marked[0] || a["id"] == marked[1])
        .filter(|a| a["payment_method"]["details"]["iban"].is_string())
        .collect();
    for a in direct_debit {
        let iban = a["payment_method"]["details"]["iban"]
            .as_str()
            .expect("iban");
        assert!(text.contains(iban), "{iban} in clear: {text}");
    }
    c.quit().await;
}
