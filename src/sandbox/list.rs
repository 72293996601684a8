//! One paged read over a filtered table: the true total, then the page in a total order.
//!
//! Deep pages would make SQLite step over every earlier row. Pages in the second half are
//! read backwards from the end, and from the middle on, an anchor cache keeps the sort key
//! of every `ANCHOR_STRIDE`th row of each list and order, so a page starts with an index
//! seek (`(key, id) >= anchor`) and skips fewer than `ANCHOR_STRIDE` rows. Anchors are keyed
//! on the data generation read inside the reader's own transaction (see
//! `store::data_generation`), so they always describe the snapshot they were built from.

use super::http::{Paging, page_query};
use super::store::{Reader, data_generation};
use rusqlite::types::Value;
use rusqlite::{Row, params_from_iter};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Rows between two anchors.
pub const ANCHOR_STRIDE: i64 = 512;
/// Offsets below this are skipped by SQLite directly.
pub const ANCHOR_MIN_OFFSET: i64 = 1024;

type Anchors = Arc<Vec<(Value, Value)>>;

/// Sort keys of every `ANCHOR_STRIDE`th row, per list query and order, for the newest data
/// generation a reader has seen.
#[derive(Default)]
pub struct AnchorCache {
    map: Mutex<Generation>,
}

#[derive(Default)]
struct Generation {
    number: u64,
    lists: HashMap<String, Anchors>,
}

impl AnchorCache {
    /// The anchors of `key` at `generation`, which must be the generation of the snapshot
    /// `build` reads. Anchors of an older snapshot are used once and never stored, so a
    /// reader that began before a write cannot leave them to later readers.
    fn get_or_build(
        &self,
        key: String,
        generation: u64,
        build: impl FnOnce() -> rusqlite::Result<Vec<(Value, Value)>>,
    ) -> rusqlite::Result<Anchors> {
        if let Ok(m) = self.map.lock()
            && m.number == generation
            && let Some(a) = m.lists.get(&key)
        {
            return Ok(a.clone());
        }
        let anchors = Arc::new(build()?);
        if let Ok(mut m) = self.map.lock() {
            if generation > m.number {
                // Anchors of older generations can never be used again.
                m.number = generation;
                m.lists.clear();
            }
            if generation == m.number {
                m.lists.insert(key, anchors.clone());
            }
        }
        Ok(anchors)
    }
}

/// A list query: `from` is `table WHERE …` with `?N` placeholders bound to `args`.
pub struct ListQuery<'a> {
    pub select: &'a str,
    pub from: String,
    pub args: Vec<Value>,
    pub sort_column: &'a str,
    pub id_column: &'a str,
}

/// Returns the rows of the page (in the requested order) and the total.
pub fn fetch_page<T>(
    conn: &Reader<'_>,
    q: &ListQuery<'_>,
    paging: &Paging,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<(Vec<T>, u64)> {
    let total: i64 = conn
        .prepare_cached(&format!("SELECT COUNT(*) FROM {}", q.from))?
        .query_row(params_from_iter(q.args.iter()), |r| r.get(0))?;
    let total = total.max(0) as u64;
    let pq = page_query(paging, q.sort_column, q.id_column, total);
    if pq.limit == 0 {
        return Ok((Vec::new(), total));
    }
    let mut args = q.args.clone();
    let mut from = q.from.clone();
    let mut offset = pq.offset;
    if pq.offset >= ANCHOR_MIN_OFFSET {
        let key = format!("{}|{:?}|{}", q.from, q.args, pq.order_by);
        let generation = data_generation(conn)?;
        let anchors = conn.anchors().get_or_build(key, generation, || {
            let sql = format!(
                "SELECT {}, {} FROM {} ORDER BY {}",
                q.sort_column, q.id_column, q.from, pq.order_by
            );
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query(params_from_iter(q.args.iter()))?;
            let mut out = Vec::new();
            let mut i = 0i64;
            while let Some(r) = rows.next()? {
                if i % ANCHOR_STRIDE == 0 {
                    out.push((r.get::<_, Value>(0)?, r.get::<_, Value>(1)?));
                }
                i += 1;
            }
            Ok(out)
        })?;
        let a = (pq.offset / ANCHOR_STRIDE) as usize;
        if let Some((k, id)) = anchors.get(a) {
            let n = args.len();
            let cmp = if pq.desc { "<=" } else { ">=" };
            let join = if from.contains(" WHERE ") {
                "AND"
            } else {
                "WHERE"
            };
            from = format!(
                "{from} {join} ({}, {}) {cmp} (?{}, ?{})",
                q.sort_column,
                q.id_column,
                n + 1,
                n + 2
            );
            args.push(k.clone());
            args.push(id.clone());
            offset = pq.offset - a as i64 * ANCHOR_STRIDE;
        }
    }
    // LIMIT and OFFSET are bound, so one cached statement serves every page of a list.
    let n = args.len();
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {} LIMIT ?{} OFFSET ?{}",
        q.select,
        from,
        pq.order_by,
        n + 1,
        n + 2
    );
    args.push(Value::Integer(pq.limit));
    args.push(Value::Integer(offset));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows: Vec<T> = stmt
        .query_map(params_from_iter(args.iter()), map)?
        .collect::<Result<_, _>>()?;
    if pq.reversed {
        rows.reverse();
    }
    Ok((rows, total))
}
