//! The README stays true: every default key binding is listed in its key tables.

#[test]
fn readme_lists_every_default_binding() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let keymap =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/keymap.toml"))
            .expect("keymap");
    let table: toml::Table = toml::from_str(&keymap).expect("keymap parses");
    let mut missing = Vec::new();
    for (scope, actions) in &table {
        let header = format!("(`[{scope}]`)");
        let section = readme.split(&header).nth(1).expect("a table per scope");
        let section = section.split("\n\n**").next().unwrap_or(section);
        for (action, keys) in actions.as_table().expect("actions") {
            let keys: Vec<String> = keys
                .as_array()
                .expect("keys")
                .iter()
                .map(|k| format!("`{}`", k.as_str().expect("key")))
                .collect();
            let row = format!("| {} | `{action}` |", keys.join(" "));
            if !section.contains(&row) {
                missing.push(format!("[{scope}] {row}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "README key tables are out of date:\n{}",
        missing.join("\n")
    );
}
