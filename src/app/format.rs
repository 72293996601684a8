//! Numbers as people read them: thousands separators, cents as an amount.

use crate::domain::Cents;

/// `2134` → `2,134`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Cents as `1,234.56`.
pub fn money(c: Cents) -> String {
    let neg = c.0 < 0;
    let abs = c.0.unsigned_abs();
    format!(
        "{}{}.{:02}",
        if neg { "-" } else { "" },
        thousands(abs / 100),
        abs % 100
    )
}
