//! `guichet list`: one page, or with `--all` every page streamed (the next page is asked
//! for while the current one is written, so at most two pages are held).

use super::progress::Progress;
use super::table::Table;
use super::{DataError, owner, resource, stdout_is_terminal};
use crate::api::Clients;
use crate::app::export::{Format, RowWriter, Selection};
use crate::app::resources::{Params, Res, RowRef};
use crate::cli::{ListArgs, OutputFormat};
use crate::domain::time::TimeShown;
use crate::domain::{PageRequest, Sort};
use std::io::{self, BufWriter, Write};

/// Rows per page of one listed page, and of each page of `--all` (the APIs' maximum).
const PAGE_SIZE: u32 = 50;
const ALL_PAGE_SIZE: u32 = 200;

/// Where the rows go: a file format or the table.
enum Sink<W: Write> {
    Rows(RowWriter<W>),
    Table(Table<W>),
}

impl<W: Write> Sink<W> {
    fn page(&mut self, rows: &[RowRef]) -> io::Result<()> {
        match self {
            Sink::Rows(w) => rows.iter().try_for_each(|r| w.row(r)),
            Sink::Table(t) => t.page(rows),
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Rows(w) => w.finish().map(drop),
            Sink::Table(t) => t.finish(),
        }
    }
}

/// The sort asked for, checked against the fields the resource's API sorts on.
pub(super) fn sort_for(res: Res, asked: Option<&str>) -> Result<Sort, DataError> {
    let Some(asked) = asked else {
        return Ok(res.default_sort());
    };
    let known = || {
        res.sorts()
            .iter()
            .map(|s| s.api)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sort = Sort::parse(asked).ok_or_else(|| {
        DataError::Usage(format!(
            "--sort {asked:?}: write FIELD or FIELD,desc (fields of {}: {})",
            res.name(),
            known()
        ))
    })?;
    if res.sorts().iter().any(|s| s.api == sort.field) {
        Ok(sort)
    } else {
        Err(DataError::Usage(format!(
            "{} cannot be sorted by {:?} (its sort fields: {})",
            res.name(),
            sort.field,
            known()
        )))
    }
}

/// `--fields` as a selection of export fields (`None`: all of them, or the pane's columns
/// for a table).
pub(super) fn fields_for(res: Res, fields: &[String]) -> Result<Option<Selection>, DataError> {
    if fields.is_empty() {
        return Ok(None);
    }
    Selection::pick(res, fields)
        .map(Some)
        .map_err(|e| DataError::Usage(e.to_string()))
}

/// A listing checked against the registry before anything is fetched, so a usage error
/// exits 2 without touching a provider.
pub(super) struct Plan {
    res: Res,
    params: Params,
    sort: Sort,
    fields: Option<Selection>,
    format: OutputFormat,
    size: u32,
    page: u32,
    all: bool,
}

impl Plan {
    pub(super) fn new(args: &ListArgs) -> Result<Plan, DataError> {
        let res = resource(&args.resource)?;
        let owner = owner(res, args.user.as_deref())?;
        // A pipe gets NDJSON: one row a line, so `wc -l` counts rows, `jq` reads it as it
        // streams, and nothing is lost (types, ids, money and currency).
        let format = args.output.unwrap_or(if stdout_is_terminal() {
            OutputFormat::Table
        } else {
            OutputFormat::Ndjson
        });
        Ok(Plan {
            res,
            params: res.params(args.filter.as_deref().unwrap_or(""), owner.as_ref()),
            sort: sort_for(res, args.sort.as_deref())?,
            fields: fields_for(res, &args.fields)?,
            format,
            size: args
                .size
                .unwrap_or(if args.all { ALL_PAGE_SIZE } else { PAGE_SIZE }),
            page: args.page.saturating_sub(1),
            all: args.all,
        })
    }
}

pub(super) async fn run(clients: &Clients, time: TimeShown, plan: Plan) -> Result<(), DataError> {
    let Plan {
        res,
        params,
        sort,
        fields,
        format,
        size,
        page,
        all,
    } = plan;
    let mut request = PageRequest {
        size,
        page,
        sort: Some(sort),
    };
    let mut progress = Progress::new(all);
    // The first page before any output: a refusal leaves stdout empty (no lone header).
    let mut page = res.fetch(clients, &params, &request, false).await?.page;
    let out = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let mut sink = match format {
        OutputFormat::Table => Sink::Table(Table::new(out, res, fields, time)),
        other => {
            let format = match other {
                OutputFormat::Csv => Format::Csv,
                OutputFormat::Json => Format::Json,
                _ => Format::Ndjson,
            };
            let selection = fields.unwrap_or_else(|| Selection::all(res));
            Sink::Rows(RowWriter::start(out, format, selection)?)
        }
    };
    let (mut rows, mut pages) = (0u64, 0u64);
    loop {
        // S-money gives no total: its page says "more" only when it is full, so the first
        // short or empty page ends the listing.
        let more = all && page.has_more && !page.items.is_empty();
        let next_request = PageRequest {
            page: request.page.saturating_add(1),
            ..request.clone()
        };
        let written = async { sink.page(&page.items) };
        let (written, next) = if more {
            let next = res.fetch(clients, &params, &next_request, false);
            let (w, n) = tokio::join!(written, next);
            (w, Some(n))
        } else {
            (written.await, None)
        };
        written?;
        rows += page.items.len() as u64;
        pages += 1;
        progress.update(rows, pages, page.total);
        match next {
            Some(next) => {
                page = match next {
                    Ok(answer) => answer.page,
                    Err(e) => {
                        progress.clear();
                        // Left unfinished (no closing bracket), so a cut listing never
                        // passes for a whole one; the rows so far are flushed on drop.
                        drop(sink);
                        return Err(stopped_after(e, rows).into());
                    }
                };
                request = next_request;
            }
            None => break,
        }
    }
    progress.clear();
    sink.finish()?;
    Ok(())
}

/// A provider error met after some pages were written, saying how many.
fn stopped_after(mut e: crate::domain::ApiError, rows: u64) -> crate::domain::ApiError {
    e.message = format!("{} (stopped after {rows} rows)", e.message);
    e
}
