//! An RFC 4180 reader for the tests that parse guichet's CSV back (the command line's
//! `-o csv` and the console's export).

/// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; each
/// record ends with CRLF.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("a record ended by a bare LF"),
            (false, c) => field.push(c),
        }
    }
    assert!(
        record.is_empty() && field.is_empty(),
        "last record not ended"
    );
    records
}
