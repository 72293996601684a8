//! Rows written out from a resource's export fields as CSV (RFC 4180), JSON (one array) or
//! NDJSON (one object a line): pure formatting over any `io::Write`, shared by the command
//! line and the console's export. IBANs and card numbers arrive masked from the registry.
//!
//! A CSV file is often opened in a spreadsheet, which runs a cell that starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return as a formula: such a text cell gets a leading `'`
//! (OWASP's advice against CSV injection). Numbers, money amounts, dates and booleans are
//! written by guichet itself and never guarded, so `-12.05` stays a number. JSON and NDJSON
//! are written as they are.

use super::resources::{ExportValue, Res, RowRef};
use std::io::{self, Write};

/// A file format for rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Ndjson,
}

/// Suffix of a money field's currency column (`balance` → `balance_currency`).
pub const CURRENCY_SUFFIX: &str = "_currency";

/// One chosen field: its name, its index in the resource's export fields, whether it is money.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pick {
    name: &'static str,
    index: usize,
    money: bool,
}

/// Which export fields to write, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    picks: Vec<Pick>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{resource} has no field {field:?} (its fields: {known})")]
pub struct UnknownField {
    pub resource: &'static str,
    pub field: String,
    pub known: String,
}

impl Selection {
    /// Every export field of `res`, in the registry's order.
    pub fn all(res: Res) -> Selection {
        let money = res.money_fields();
        Selection {
            picks: res
                .export_names()
                .into_iter()
                .enumerate()
                .map(|(index, name)| Pick {
                    name,
                    index,
                    money: money.contains(&name),
                })
                .collect(),
        }
    }

    /// The named fields of `res`, in the order given (`--fields id,balance`).
    pub fn pick(res: Res, names: &[String]) -> Result<Selection, UnknownField> {
        let all = Selection::all(res);
        let picks = names
            .iter()
            .map(|wanted| {
                all.picks
                    .iter()
                    .find(|p| p.name == wanted.trim())
                    .cloned()
                    .ok_or_else(|| UnknownField {
                        resource: res.name(),
                        field: wanted.clone(),
                        known: res.export_names().join(", "),
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Selection { picks })
    }

    /// The column names: a money field is followed by its currency column.
    pub fn header(&self) -> Vec<String> {
        let mut out = Vec::with_capacity(self.picks.len() + 2);
        for p in &self.picks {
            out.push(p.name.to_string());
            if p.money {
                out.push(format!("{}{CURRENCY_SUFFIX}", p.name));
            }
        }
        out
    }

    /// The chosen values of a row, in the selection's order: `(column, amount-or-value,
    /// currency)` with the currency only for money fields.
    fn cells<'a>(
        &'a self,
        values: &'a [(&'static str, ExportValue)],
    ) -> impl Iterator<Item = (&'a Pick, &'a ExportValue)> + 'a {
        self.picks.iter().map(move |p| {
            let value = values.get(p.index).map_or(&ExportValue::Empty, |(_, v)| v);
            (p, value)
        })
    }

    /// The chosen values of `row` as text, one per column of [`Selection::header`] (the
    /// command line's table uses it).
    pub fn texts(&self, row: &RowRef) -> Vec<String> {
        let values = row.export();
        let mut out = Vec::new();
        for (p, v) in self.cells(&values) {
            out.push(plain(v));
            if p.money {
                out.push(currency(v).unwrap_or_default().to_string());
            }
        }
        out
    }
}

/// Writes rows as they come, so memory holds one page at most.
pub struct RowWriter<W: Write> {
    out: W,
    format: Format,
    selection: Selection,
    rows: u64,
}

impl<W: Write> RowWriter<W> {
    /// Starts the output: the CSV header row, or the JSON array's opening bracket.
    pub fn start(mut out: W, format: Format, selection: Selection) -> io::Result<RowWriter<W>> {
        match format {
            Format::Csv => {
                let header = selection.header();
                write_csv_record(&mut out, header.iter().map(String::as_str))?;
            }
            Format::Json => out.write_all(b"[")?,
            Format::Ndjson => {}
        }
        Ok(RowWriter {
            out,
            format,
            selection,
            rows: 0,
        })
    }

    /// One row.
    pub fn row(&mut self, row: &RowRef) -> io::Result<()> {
        self.values(&row.export())
    }

    /// One row's export values (in the resource's order, as `ListRow::export` gives them).
    pub fn values(&mut self, values: &[(&'static str, ExportValue)]) -> io::Result<()> {
        match self.format {
            Format::Csv => {
                let mut cells = Vec::new();
                for (p, v) in self.selection.cells(values) {
                    cells.push(csv_cell(v));
                    if p.money {
                        cells.push(currency(v).unwrap_or_default().to_string());
                    }
                }
                write_csv_record(&mut self.out, cells.iter().map(String::as_str))?;
            }
            Format::Json => {
                self.out
                    .write_all(if self.rows == 0 { b"\n" } else { b",\n" })?;
                self.write_object(values)?;
            }
            Format::Ndjson => {
                self.write_object(values)?;
                self.out.write_all(b"\n")?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Ends the output (the JSON array's closing bracket) and hands the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.out)
    }

    fn write_object(&mut self, values: &[(&'static str, ExportValue)]) -> io::Result<()> {
        let out = &mut self.out;
        out.write_all(b"{")?;
        for (i, (p, v)) in self.selection.cells(values).enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            write_json_string(out, p.name)?;
            out.write_all(b":")?;
            write_json_value(out, v)?;
            if p.money {
                write!(out, ",\"{}{CURRENCY_SUFFIX}\":", p.name)?;
                match currency(v) {
                    Some(c) => write_json_string(out, c)?,
                    None => out.write_all(b"null")?,
                }
            }
        }
        out.write_all(b"}")
    }
}

/// A value as one text cell: money as a plain decimal (`-1234.50`, no grouping), dates in
/// ISO 8601, times in UTC with a `Z`.
pub fn plain(v: &ExportValue) -> String {
    match v {
        ExportValue::Text(s) => s.clone(),
        ExportValue::Int(n) => n.to_string(),
        ExportValue::Bool(b) => b.to_string(),
        ExportValue::Money(cents, _) => decimal(cents.0),
        ExportValue::Date(d) => d.format("%Y-%m-%d").to_string(),
        ExportValue::Time(t) => t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        ExportValue::Empty => String::new(),
    }
}

/// A value as one CSV cell: text that a spreadsheet would run as a formula gets a leading
/// `'`; values guichet writes itself (numbers, money, dates, booleans) are never changed.
pub fn csv_cell(v: &ExportValue) -> String {
    match v {
        ExportValue::Text(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{s}"),
        other => plain(other),
    }
}

fn currency(v: &ExportValue) -> Option<&str> {
    match v {
        ExportValue::Money(_, c) => Some(c.as_str()),
        _ => None,
    }
}

/// Cents as a decimal amount in currency units, exactly (never through a float).
pub fn decimal(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

fn write_json_value(out: &mut impl Write, v: &ExportValue) -> io::Result<()> {
    match v {
        // A JSON number written from the decimal text, so no float rounding happens here.
        ExportValue::Money(cents, _) => out.write_all(decimal(cents.0).as_bytes()),
        ExportValue::Int(n) => write!(out, "{n}"),
        ExportValue::Bool(b) => write!(out, "{b}"),
        ExportValue::Empty => out.write_all(b"null"),
        other => write_json_string(out, &plain(other)),
    }
}

fn write_json_string(out: &mut impl Write, s: &str) -> io::Result<()> {
    serde_json::to_writer(&mut *out, s).map_err(io::Error::other)
}

/// One CSV record, fields quoted when they hold a comma, a quote or a line break (quotes
/// doubled), ended by CRLF as RFC 4180 says.
pub fn write_csv_record<'a>(
    out: &mut impl Write,
    fields: impl Iterator<Item = &'a str>,
) -> io::Result<()> {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        if f.contains([',', '"', '\r', '\n']) {
            out.write_all(b"\"")?;
            out.write_all(f.replace('"', "\"\"").as_bytes())?;
            out.write_all(b"\"")?;
        } else {
            out.write_all(f.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::resources::{ALL, Wallets};
    use crate::domain::money::{Cents, Currency};

    fn wallet_values(credit: Option<i64>) -> Vec<(&'static str, ExportValue)> {
        let time = chrono::DateTime::parse_from_rfc3339("2026-03-04T05:06:07+02:00")
            .expect("time")
            .to_utc();
        vec![
            ("id", ExportValue::Text("w-1".into())),
            (
                "stay_id",
                ExportValue::Text("say \"hi\", then\nleave".into()),
            ),
            ("establishment_id", ExportValue::Text("e-1".into())),
            ("status", ExportValue::Text("OPEN".into())),
            ("mode", ExportValue::Text("PREPAID".into())),
            ("balance", ExportValue::Money(Cents(-1205), Currency::EUR)),
            (
                "credit_limit",
                credit.map_or(ExportValue::Empty, |c| {
                    ExportValue::Money(Cents(c), Currency::EUR)
                }),
            ),
            ("medium_ref", ExportValue::Empty),
            ("opened_at", ExportValue::Time(time)),
        ]
    }

    fn written(
        format: Format,
        selection: Selection,
        rows: &[Vec<(&'static str, ExportValue)>],
    ) -> String {
        let mut w = RowWriter::start(Vec::new(), format, selection).expect("start");
        for r in rows {
            w.values(r).expect("row");
        }
        String::from_utf8(w.finish().expect("finish")).expect("utf-8")
    }

    #[test]
    fn csv_quotes_and_money_columns() {
        let res = Res::of::<Wallets>();
        let out = written(Format::Csv, Selection::all(res), &[wallet_values(None)]);
        assert_eq!(
            out,
            "id,stay_id,establishment_id,status,mode,balance,balance_currency,credit_limit,\
             credit_limit_currency,medium_ref,opened_at\r\n\
             w-1,\"say \"\"hi\"\", then\nleave\",e-1,OPEN,PREPAID,-12.05,EUR,,,,2026-03-04T03:06:07Z\r\n"
        );
    }

    #[test]
    fn json_and_ndjson_parse_back_with_the_same_keys() {
        let res = Res::of::<Wallets>();
        let rows = [wallet_values(Some(50_000)), wallet_values(None)];
        let json = written(Format::Json, Selection::all(res), &rows);
        let parsed: Vec<serde_json::Value> = serde_json::from_str(&json).expect("array");
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0]["balance"], serde_json::json!(-12.05));
        assert_eq!(parsed[0]["credit_limit"], serde_json::json!(500.0));
        assert_eq!(parsed[1]["credit_limit_currency"], serde_json::Value::Null);
        assert_eq!(parsed[0]["opened_at"], "2026-03-04T03:06:07Z");
        let nd = written(Format::Ndjson, Selection::all(res), &rows);
        let lines: Vec<serde_json::Value> = nd
            .lines()
            .map(|l| serde_json::from_str(l).expect("object"))
            .collect();
        assert_eq!(lines, parsed);
        assert_eq!(written(Format::Json, Selection::all(res), &[]), "[]\n");
        assert_eq!(written(Format::Ndjson, Selection::all(res), &[]), "");
    }

    #[test]
    fn picked_fields_in_the_order_given_and_unknown_ones_named() {
        let res = Res::of::<Wallets>();
        let sel = Selection::pick(res, &["balance".into(), "id".into()]).expect("known");
        assert_eq!(sel.header(), ["balance", "balance_currency", "id"]);
        let out = written(Format::Csv, sel, &[wallet_values(None)]);
        assert_eq!(out.lines().nth(1), Some("-12.05,EUR,w-1"));
        let err = Selection::pick(res, &["iban".into()]).expect_err("unknown");
        assert!(
            err.to_string()
                .starts_with("wallets has no field \"iban\" (its fields: id, ")
        );
    }

    #[test]
    fn money_fields_are_export_fields() {
        for res in ALL {
            let names = res.export_names();
            for m in res.money_fields() {
                assert!(names.contains(m), "{res:?}: {m}");
            }
        }
    }

    #[test]
    fn csv_text_cells_that_look_like_formulas_are_quoted_but_numbers_are_not() {
        let res = Res::of::<Wallets>();
        let sel = Selection::pick(res, &["stay_id".into(), "balance".into()]).expect("known");
        for (text, cell) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+33 6", "'+33 6"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("a=b", "a=b"),
        ] {
            let mut row = wallet_values(None);
            row[1].1 = ExportValue::Text(text.into());
            let out = written(Format::Csv, sel.clone(), &[row]);
            assert_eq!(
                out.lines().nth(1),
                Some(format!("{cell},-12.05,EUR").as_str()),
                "{text:?}"
            );
        }
        // JSON keeps the text as it is.
        let mut row = wallet_values(None);
        row[1].1 = ExportValue::Text("=1+1".into());
        let json = written(Format::Json, sel, &[row]);
        assert!(json.contains("\"stay_id\":\"=1+1\""), "{json}");
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(decimal(0), "0.00");
        assert_eq!(decimal(-5), "-0.05");
        assert_eq!(decimal(123_456_789_012), "1234567890.12");
        assert_eq!(decimal(i64::MIN), "-92233720368547758.08");
    }
}
