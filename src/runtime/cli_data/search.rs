//! `guichet search TEXT`: the `:` box's search from the command line. Every group the text
//! is searched as goes to its provider at once; each hit is one row (its group, which is
//! also its `guichet get` resource, its id, the S-money user of a transfer, and the line
//! the `:` box shows, IBANs masked). A group that failed is said on stderr, the others'
//! rows still printed, and the exit status tells a script which happened.

use super::{DataError, stdout_is_terminal};
use crate::api::Clients;
use crate::app::export::{csv_cell, write_csv_record};
use crate::app::resources::ExportValue;
use crate::app::search_box::{GroupState, MIN_TEXT, SearchHits, SearchKind, hit_line, kinds_for};
use crate::app::subject::Subject;
use crate::cli::{OutputFormat, SearchArgs};
use crate::domain::{ApiError, Provider};
use crate::ui::sanitize;
use std::io::{self, BufWriter, Write};

/// A search checked before anything is sent: a text no group applies to is a usage error.
pub(super) struct Plan {
    text: String,
    kinds: Vec<SearchKind>,
    format: OutputFormat,
}

impl Plan {
    pub(super) fn new(args: &SearchArgs) -> Result<Plan, DataError> {
        let text = args.text.trim().to_string();
        let kinds = kinds_for(&text);
        if kinds.is_empty() {
            let ways: Vec<String> = SearchKind::ALL
                .iter()
                .map(|k| format!("{} by {}", k.title().to_lowercase(), k.by()))
                .collect();
            return Err(DataError::Usage(format!(
                "nothing is searched as {text:?}: at least {MIN_TEXT} characters, or 4 for \
                 the last four of an IBAN or card, or a number ({})",
                ways.join("; ")
            )));
        }
        let format = args.output.unwrap_or(if stdout_is_terminal() {
            OutputFormat::Table
        } else {
            OutputFormat::Ndjson
        });
        Ok(Plan {
            text,
            kinds,
            format,
        })
    }
}

/// One hit as printed.
struct Row {
    group: &'static str,
    id: String,
    user: String,
    what: String,
}

impl Row {
    fn of(kind: SearchKind, hit: &Subject) -> Row {
        let user = match hit {
            Subject::Transfer { user, .. } => user.clone(),
            _ => String::new(),
        };
        Row {
            group: group_name(kind),
            id: hit.id(),
            user,
            what: hit_line(hit),
        }
    }
}

/// The group's name: the resource `guichet get` reads its hits with.
fn group_name(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Customers => "customers",
        SearchKind::Accounts => "accounts",
        SearchKind::Wallets => "wallets",
        SearchKind::Stays => "stays",
        SearchKind::Transfers => "transfers",
    }
}

fn configured(c: &Clients, provider: Provider) -> bool {
    match provider {
        Provider::Mascustomers => c.mascustomers().is_ok(),
        Provider::Pxlhub => c.pxlhub().is_ok(),
        Provider::Smoney => c.smoney().is_ok(),
        _ => true,
    }
}

pub(super) async fn run(clients: &Clients, plan: Plan) -> Result<(), DataError> {
    let Plan {
        text,
        kinds,
        format,
    } = plan;
    let (asked, skipped): (Vec<SearchKind>, Vec<SearchKind>) = kinds
        .into_iter()
        .partition(|k| configured(clients, k.provider()));
    let mut err = io::stderr().lock();
    for kind in &skipped {
        writeln!(
            err,
            "guichet: {}: not searched, {} is not configured in this profile",
            group_name(*kind),
            kind.provider()
        )?;
    }
    let answers = crate::runtime::search::search_all_of(clients, &text, &asked).await;
    let mut rows = Vec::new();
    let mut failed = 0usize;
    for (kind, answer) in &answers {
        match answer {
            Ok(SearchHits { hits, total }) => {
                rows.extend(hits.iter().map(|h| Row::of(*kind, h)));
                if let Some(total) = total.filter(|t| *t > hits.len() as u64) {
                    writeln!(
                        err,
                        "guichet: {}: the first {} of {total} shown; a longer text narrows it",
                        group_name(*kind),
                        hits.len()
                    )?;
                }
            }
            Err(e) => {
                let said = group_error(*kind, e);
                failed += usize::from(said.1);
                writeln!(err, "guichet: {}", super::one_line(&said.0))?;
            }
        }
    }
    drop(err);
    write_rows(format, &rows)?;
    match failed {
        0 => Ok(()),
        n => Err(DataError::Groups {
            failed: n,
            of: answers.len(),
        }),
    }
}

/// What stderr says of a group's error, and whether it counts as a failure: a provider
/// that answers it has no such search (as the `:` box says, "not supported") does not.
fn group_error(kind: SearchKind, e: &ApiError) -> (String, bool) {
    let name = group_name(kind);
    match GroupState::failed(e) {
        GroupState::Unsupported => (
            format!(
                "{name}: not searched, {} has no such search",
                kind.provider()
            ),
            false,
        ),
        GroupState::Failed { code, headline } => {
            (format!("{name}: failed: {code}: {headline}"), true)
        }
        _ => (format!("{name}: failed: {e}"), true),
    }
}

const HEADER: [&str; 4] = ["group", "id", "user", "what"];

fn write_rows(format: OutputFormat, rows: &[Row]) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    let object = |r: &Row| serde_json::json!({ "group": r.group, "id": r.id, "user": r.user, "what": r.what });
    match format {
        OutputFormat::Table => table(&mut out, rows)?,
        OutputFormat::Json => {
            let all: Vec<serde_json::Value> = rows.iter().map(object).collect();
            serde_json::to_writer_pretty(&mut out, &all)?;
            out.write_all(b"\n")?;
        }
        OutputFormat::Ndjson => {
            for r in rows {
                serde_json::to_writer(&mut out, &object(r))?;
                out.write_all(b"\n")?;
            }
        }
        OutputFormat::Csv => {
            write_csv_record(&mut out, HEADER.into_iter())?;
            // Provider text a spreadsheet would run as a formula is written inert.
            let cell = |s: &str| csv_cell(&ExportValue::Text(s.to_string()));
            for r in rows {
                let cells = [cell(r.group), cell(&r.id), cell(&r.user), cell(&r.what)];
                write_csv_record(&mut out, cells.iter().map(String::as_str))?;
            }
        }
    }
    out.flush()
}

/// Aligned columns for a person; the user column only when a transfer was found. Provider
/// text is shown inert.
fn table(out: &mut impl Write, rows: &[Row]) -> io::Result<()> {
    let with_user = rows.iter().any(|r| !r.user.is_empty());
    let cells: Vec<Vec<String>> = std::iter::once(HEADER.map(str::to_uppercase).to_vec())
        .chain(rows.iter().map(|r| {
            vec![
                r.group.to_string(),
                r.id.clone(),
                r.user.clone(),
                r.what.clone(),
            ]
        }))
        .map(|mut line| {
            if !with_user {
                line.remove(2);
            }
            line
        })
        .collect();
    let n = cells.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..n)
        .map(|i| {
            cells
                .iter()
                .map(|l| sanitize::width(&l[i]))
                .max()
                .unwrap_or(0)
                .min(60)
        })
        .collect();
    for line in &cells {
        let mut text = String::new();
        for (i, (cell, width)) in line.iter().zip(&widths).enumerate() {
            let shown = sanitize::fit(cell, if i + 1 == n { 100 } else { *width });
            text.push_str(&shown);
            if i + 1 < n {
                text.push_str(&" ".repeat(width.saturating_sub(sanitize::width(&shown)) + 2));
            }
        }
        writeln!(out, "{}", text.trim_end())?;
    }
    Ok(())
}
