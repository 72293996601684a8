//! The layering, read from the source: a module never imports from a layer above it, and
//! the files of `app/` never import each other in a circle (keys go one way, down).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What each top-level module may import from the crate (`domain` ← `api`, `sandbox` ←
/// `app` ← `ui` ← `runtime`; `config`, `logging` and `audit` serve the runtime and the
/// binary, and `cli`, the clap definitions, reads the registry's names).
fn allowed() -> BTreeMap<&'static str, &'static [&'static str]> {
    BTreeMap::from([
        ("domain", &[][..]),
        ("api", &["domain"][..]),
        ("sandbox", &["domain"][..]),
        ("logging", &[][..]),
        ("config", &["domain", "sandbox"][..]),
        ("audit", &["domain", "config", "logging"][..]),
        // The command line's arguments name the registry's resources.
        ("cli", &["domain", "app"][..]),
        ("app", &["domain", "api"][..]),
        ("ui", &["domain", "app"][..]),
        (
            "runtime",
            &[
                "domain", "api", "sandbox", "app", "ui", "config", "logging", "audit", "cli",
            ][..],
        ),
    ])
}

/// Exported at the crate root by `macro_rules!`, usable from every layer.
const MACROS: &[&str] = &["open_enum"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("readable source folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn ident_at(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Every `PREFIX::name` in `text`, as `name`.
fn paths_after<'a>(text: &'a str, prefix: &str) -> BTreeSet<&'a str> {
    text.match_indices(prefix)
        .filter(|(i, _)| {
            // `crate::` must not be the tail of another word (`mycrate::`).
            *i == 0 || !text[..*i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        })
        .map(|(i, _)| ident_at(text, i + prefix.len()))
        .filter(|name| !name.is_empty())
        .collect()
}

/// The first names of a `use super::{a, b::c, d::{e}}` group.
fn group_heads(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut heads = BTreeSet::new();
    for (i, _) in text.match_indices(prefix) {
        let body = &text[i + prefix.len()..];
        let mut depth = 1;
        let mut expect_head = true;
        for (j, c) in body.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                ',' if depth == 1 => expect_head = true,
                c if expect_head && depth == 1 && (c.is_ascii_alphabetic() || c == '_') => {
                    heads.insert(ident_at(body, j).to_string());
                    expect_head = false;
                }
                c if expect_head && !c.is_whitespace() => expect_head = false,
                _ => {}
            }
        }
    }
    heads
}

/// The top-level module a source file belongs to (`src/app/list.rs` → `app`).
fn top_module(path: &Path) -> String {
    let rel = path.strip_prefix(src()).expect("under src");
    let first = rel.components().next().expect("a component");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_string()
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let allowed = allowed();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut problems = Vec::new();
    for path in &files {
        let top = top_module(path);
        if top == "main" || top == "lib" {
            continue;
        }
        let Some(ok) = allowed.get(top.as_str()) else {
            problems.push(format!(
                "{top}: a top-level module the layering does not place"
            ));
            continue;
        };
        let text = std::fs::read_to_string(path).expect("readable source");
        for used in paths_after(&text, "crate::") {
            if used != top && !ok.contains(&used) && !MACROS.contains(&used) {
                problems.push(format!("{}: imports crate::{used}", path.display()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "layering broken:\n{}",
        problems.join("\n")
    );
}

/// The modules of `app/` (a folder counts as one) and what each imports of the others.
fn app_graph() -> BTreeMap<String, BTreeSet<String>> {
    let app = src().join("app");
    let mut nodes: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(&app).expect("src/app") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if name == "mod" {
            continue;
        }
        let mut files = Vec::new();
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else {
            files.push(path);
        }
        nodes.insert(name, files);
    }
    let mut graph = BTreeMap::new();
    for (name, files) in &nodes {
        let mut edges = BTreeSet::new();
        for path in files {
            let text = std::fs::read_to_string(path).expect("readable source");
            let mut used: BTreeSet<String> = paths_after(&text, "crate::app::")
                .into_iter()
                .map(str::to_string)
                .collect();
            // `super::` names a sibling only from a file directly in app/.
            if path.parent() == Some(app.as_path()) {
                used.extend(
                    paths_after(&text, "super::")
                        .into_iter()
                        .map(str::to_string),
                );
                used.extend(group_heads(&text, "super::{"));
            }
            edges.extend(
                used.into_iter()
                    .filter(|u| u != name && nodes.contains_key(u)),
            );
        }
        graph.insert(name.clone(), edges);
    }
    graph
}

/// A circle in `graph`, if there is one, as the path around it.
fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_files_of_app_never_import_each_other_in_a_circle() {
    let graph = app_graph();
    assert!(graph.contains_key("update") && graph.contains_key("resources"));
    if let Some(circle) = find_circle(&graph) {
        panic!("app/ imports in a circle: {}", circle.join(" → "));
    }
}

#[test]
fn the_checks_see_a_circle_and_a_group_import() {
    let graph = BTreeMap::from([
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["c".to_string()])),
        ("c".to_string(), BTreeSet::from(["a".to_string()])),
    ]);
    assert_eq!(
        find_circle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let heads = group_heads("use super::{list::X, nav::{Go, Step}, state};", "super::{");
    assert_eq!(
        heads,
        BTreeSet::from(["list".to_string(), "nav".to_string(), "state".to_string()])
    );
    assert_eq!(
        paths_after("use crate::ui::x; mycrate::app", "crate::"),
        BTreeSet::from(["ui"])
    );
}
