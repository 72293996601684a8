//! The raw JSON view: a pretty-printed value, coloured by token type, every string cleaned
//! of control characters (already masked by the app unless revealed).

use super::Theme;
use super::sanitize;
use ratatui::text::{Line, Span};
use serde_json::Value;

const INDENT: &str = "  ";

/// The provider's own answer: the request line and the status above the body as it came
/// (already pretty-printed and masked by the api layer), each line coloured by what it holds.
pub fn raw_lines(raw: &crate::domain::raw::RawBody, theme: &Theme) -> Vec<Line<'static>> {
    let status_style = if (200..300).contains(&raw.status) {
        theme.success
    } else {
        theme.error
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(sanitize::clean(&raw.request).into_owned(), theme.key),
            Span::styled(format!("  HTTP {}", raw.status), status_style),
        ]),
        Line::raw(""),
    ];
    lines.extend(raw.body.lines().map(|l| raw_line(l, theme)));
    if let Some(len) = raw.cut_from {
        lines.push(Line::styled(
            format!(
                "… cut: the body is {len} bytes, the first {} are shown",
                crate::domain::raw::RAW_MAX
            ),
            theme.muted,
        ));
    }
    lines
}

/// One line of pretty-printed JSON: its key and its value coloured apart.
fn raw_line(line: &str, theme: &Theme) -> Line<'static> {
    let line = sanitize::clean(line).into_owned();
    let body = line.trim_start();
    let indent = line.len() - body.len();
    let mut spans = vec![Span::raw(line[..indent].to_string())];
    let mut rest = body;
    if rest.starts_with('"')
        && let Some(end) = key_end(rest)
        && rest[end..].starts_with(": ")
    {
        spans.push(Span::styled(rest[..end].to_string(), theme.json_key));
        spans.push(Span::styled(": ", theme.text));
        rest = &rest[end + 2..];
    }
    let (value, comma) = match rest.strip_suffix(',') {
        Some(v) => (v, ","),
        None => (rest, ""),
    };
    let style = match value.as_bytes().first() {
        Some(b'"') => theme.json_string,
        Some(b'-' | b'0'..=b'9') => theme.json_number,
        Some(b't' | b'f' | b'n') => theme.json_literal,
        _ => theme.text,
    };
    spans.push(Span::styled(value.to_string(), style));
    if !comma.is_empty() {
        spans.push(Span::styled(comma, theme.text));
    }
    Line::from(spans)
}

/// Where a quoted string that starts `s` ends (just past its closing quote).
fn key_end(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i + 1),
            _ => escaped = false,
        }
    }
    None
}

/// The value as coloured lines.
pub fn json_lines(value: &Value, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut current = Vec::new();
    write_value(value, 0, theme, &mut current, &mut lines);
    lines.push(Line::from(current));
    lines
}

fn quoted(s: &str) -> String {
    // serde_json escapes control characters; clean() catches anything it leaves.
    let escaped = serde_json::to_string(s).unwrap_or_else(|_| "\"?\"".into());
    sanitize::clean(&escaped).into_owned()
}

fn write_value(
    value: &Value,
    depth: usize,
    theme: &Theme,
    current: &mut Vec<Span<'static>>,
    lines: &mut Vec<Line<'static>>,
) {
    match value {
        Value::Null => current.push(Span::styled("null", theme.json_literal)),
        Value::Bool(b) => current.push(Span::styled(b.to_string(), theme.json_literal)),
        Value::Number(n) => current.push(Span::styled(n.to_string(), theme.json_number)),
        Value::String(s) => current.push(Span::styled(quoted(s), theme.json_string)),
        Value::Array(items) if items.is_empty() => current.push(Span::styled("[]", theme.text)),
        Value::Object(map) if map.is_empty() => current.push(Span::styled("{}", theme.text)),
        Value::Array(items) => {
            current.push(Span::styled("[", theme.text));
            for (i, item) in items.iter().enumerate() {
                lines.push(Line::from(std::mem::take(current)));
                current.push(Span::raw(INDENT.repeat(depth + 1)));
                write_value(item, depth + 1, theme, current, lines);
                if i + 1 < items.len() {
                    current.push(Span::styled(",", theme.text));
                }
            }
            lines.push(Line::from(std::mem::take(current)));
            current.push(Span::raw(INDENT.repeat(depth)));
            current.push(Span::styled("]", theme.text));
        }
        Value::Object(map) => {
            current.push(Span::styled("{", theme.text));
            let n = map.len();
            for (i, (k, v)) in map.iter().enumerate() {
                lines.push(Line::from(std::mem::take(current)));
                current.push(Span::raw(INDENT.repeat(depth + 1)));
                current.push(Span::styled(quoted(k), theme.json_key));
                current.push(Span::styled(": ", theme.text));
                write_value(v, depth + 1, theme, current, lines);
                if i + 1 < n {
                    current.push(Span::styled(",", theme.text));
                }
            }
            lines.push(Line::from(std::mem::take(current)));
            current.push(Span::raw(INDENT.repeat(depth)));
            current.push(Span::styled("}", theme.text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::ColorDepth;

    #[test]
    fn pretty_and_inert() {
        let theme = Theme::builtin("dark", ColorDepth::TrueColor).unwrap();
        let v = serde_json::json!({"name": "a\u{1b}[31m", "n": [1, true, null]});
        let text: Vec<String> = json_lines(&v, &theme)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            text,
            vec![
                "{",
                "  \"n\": [",
                "    1,",
                "    true,",
                "    null",
                "  ],",
                "  \"name\": \"a\\u001b[31m\"",
                "}"
            ]
        );
    }
}
