//! One paged read over a filtered table: the true total, then the page in a total order.

use super::http::{Paging, page_query};
use rusqlite::types::Value;
use rusqlite::{Connection, Row, params_from_iter};

/// A list query: `from` is `table WHERE …` with `?` placeholders bound to `args`.
pub struct ListQuery<'a> {
    pub select: &'a str,
    pub from: String,
    pub args: Vec<Value>,
    pub sort_column: &'a str,
    pub id_column: &'a str,
}

/// Returns the rows of the page (in the requested order) and the total.
pub fn fetch_page<T>(
    conn: &Connection,
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
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {} LIMIT {} OFFSET {}",
        q.select, q.from, pq.order_by, pq.limit, pq.offset
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows: Vec<T> = stmt
        .query_map(params_from_iter(q.args.iter()), map)?
        .collect::<Result<_, _>>()?;
    if pq.reversed {
        rows.reverse();
    }
    Ok((rows, total))
}

/// `%needle%` for LIKE with `\` as the escape character.
pub fn like_pattern(needle: &str) -> String {
    let mut s = String::from("%");
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('%');
    s
}
