//! Turning byte offsets in the config text into 1-based lines and dotted key paths.

/// 1-based line and column of a byte offset.
pub(crate) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = src.get(..offset).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before
        .get(line_start..)
        .map_or(1, |s| s.chars().count() + 1);
    (line, column)
}

pub(crate) fn line_of(src: &str, offset: usize) -> usize {
    line_col(src, offset).0
}

/// The dotted key at a byte offset, from the line's `key =` and the nearest table header
/// above it. The parser does not expose the key path of a type error, only its span.
pub(crate) fn key_path_at(src: &str, offset: usize) -> String {
    let line_no = line_of(src, offset);
    let lines: Vec<&str> = src.lines().collect();
    let Some(line) = lines.get(line_no.saturating_sub(1)) else {
        return String::new();
    };
    let trimmed = line.trim();
    if let Some(header) = table_header(trimmed) {
        return header;
    }
    let key = trimmed
        .split_once('=')
        .map(|(k, _)| clean_key(k))
        .unwrap_or_default();
    let table = lines
        .iter()
        .take(line_no.saturating_sub(1))
        .rev()
        .find_map(|l| table_header(l.trim()));
    match (table, key.is_empty()) {
        (Some(t), false) => format!("{t}.{key}"),
        (Some(t), true) => t,
        (None, _) => key,
    }
}

fn table_header(line: &str) -> Option<String> {
    let inner = line.strip_prefix('[')?;
    let inner = inner.strip_prefix('[').unwrap_or(inner);
    let end = inner.find(']')?;
    Some(
        inner
            .get(..end)?
            .split('.')
            .map(clean_key)
            .collect::<Vec<_>>()
            .join("."),
    )
}

fn clean_key(k: &str) -> String {
    k.trim().trim_matches('"').trim_matches('\'').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_keys() {
        let src = "theme = \"x\"\n\n[profiles.\"a b\"]\nread_only = 3\n";
        assert_eq!(line_col(src, 0), (1, 1));
        let off = src.find("3").unwrap_or(0);
        assert_eq!(line_col(src, off), (4, 13));
        assert_eq!(key_path_at(src, off), "profiles.a b.read_only");
        assert_eq!(key_path_at(src, 2), "theme");
        assert_eq!(
            key_path_at(src, src.find("[prof").unwrap_or(0)),
            "profiles.a b"
        );
    }
}
