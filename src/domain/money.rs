//! Money as integer cents with an ISO 4217 currency. Never a float.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount in the currency's minor unit (cents). Signed: refunds and balances may be negative.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Cents(pub i64);

/// A three-letter ISO 4217 code, upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("a currency is three letters, like EUR (got {0:?})")]
    BadCurrency(String),
    #[error("enter an amount like 100.00 (got {0:?})")]
    BadAmount(String),
    #[error("at most two decimals (got {0:?})")]
    TooManyDecimals(String),
    #[error("the amount is too large")]
    Overflow,
}

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");

    pub fn parse(s: &str) -> Result<Currency, MoneyError> {
        let up = s.trim().to_ascii_uppercase();
        let bytes = up.as_bytes();
        if bytes.len() == 3 && bytes.iter().all(u8::is_ascii_uppercase) {
            Ok(Currency([bytes[0], bytes[1], bytes[2]]))
        } else {
            Err(MoneyError::BadCurrency(s.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII upper-case letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// An amount with its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub cents: Cents,
    pub currency: Currency,
}

impl Money {
    pub fn new(cents: i64, currency: Currency) -> Money {
        Money {
            cents: Cents(cents),
            currency,
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", format_cents(self.cents), self.currency)
    }
}

impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_cents(*self))
    }
}

/// `123456` → `"1,234.56"`, `-5` → `"-0.05"`. Grouping with commas, two decimals.
pub fn format_cents(cents: Cents) -> String {
    let neg = cents.0 < 0;
    let abs = cents.0.unsigned_abs();
    let units = abs / 100;
    let frac = abs % 100;
    let digits = units.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{}{}.{:02}", if neg { "-" } else { "" }, grouped, frac)
}

/// Parses an amount typed in currency units (`100`, `100.5`, `100.00`, `1,234.56`,
/// `1 234,56` with a comma decimal) into cents. Rejects more than two decimals, signs
/// and anything that is not a number: money typed by a person is never rounded.
pub fn parse_units(input: &str) -> Result<Cents, MoneyError> {
    let s: String = input
        .trim()
        .chars()
        .filter(|c| *c != ' ' && *c != '\u{a0}' && *c != '_')
        .collect();
    if s.is_empty() {
        return Err(MoneyError::BadAmount(input.to_string()));
    }
    // The last '.' or ',' followed by one or two digits is the decimal separator; a ','
    // followed by three digits is grouping; anything else is ambiguous and refused.
    let (int_part, frac_part) = match s.rfind(['.', ',']) {
        None => (s.as_str(), ""),
        Some(p) => match (s.len() - p - 1, s.as_bytes()[p]) {
            (1 | 2, _) => (&s[..p], &s[p + 1..]),
            (3, b',') => (s.as_str(), ""),
            (0, _) => return Err(MoneyError::BadAmount(input.to_string())),
            _ => return Err(MoneyError::TooManyDecimals(input.to_string())),
        },
    };
    let int_digits: String = int_part
        .chars()
        .filter(|c| *c != ',' && *c != '.')
        .collect();
    if int_digits.is_empty() && frac_part.is_empty() {
        return Err(MoneyError::BadAmount(input.to_string()));
    }
    if !int_digits.chars().all(|c| c.is_ascii_digit())
        || !frac_part.chars().all(|c| c.is_ascii_digit())
    {
        return Err(MoneyError::BadAmount(input.to_string()));
    }
    let units: i64 = if int_digits.is_empty() {
        0
    } else {
        int_digits.parse().map_err(|_| MoneyError::Overflow)?
    };
    let frac: i64 = match frac_part.len() {
        0 => 0,
        1 => {
            frac_part
                .parse::<i64>()
                .map_err(|_| MoneyError::BadAmount(input.to_string()))?
                * 10
        }
        _ => frac_part
            .parse()
            .map_err(|_| MoneyError::BadAmount(input.to_string()))?,
    };
    units
        .checked_mul(100)
        .and_then(|c| c.checked_add(frac))
        .map(Cents)
        .ok_or(MoneyError::Overflow)
}

/// Parses a bigint string of cents (`"10000"`), as pxlhub sends money.
pub fn parse_cents_string(s: &str) -> Result<Cents, MoneyError> {
    let t = s.trim();
    let ok = !t.is_empty()
        && t.strip_prefix('-')
            .unwrap_or(t)
            .chars()
            .all(|c| c.is_ascii_digit());
    if !ok {
        return Err(MoneyError::BadAmount(s.to_string()));
    }
    t.parse::<i64>()
        .map(Cents)
        .map_err(|_| MoneyError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_grouping() {
        assert_eq!(format_cents(Cents(0)), "0.00");
        assert_eq!(format_cents(Cents(5)), "0.05");
        assert_eq!(format_cents(Cents(-5)), "-0.05");
        assert_eq!(format_cents(Cents(123456)), "1,234.56");
        assert_eq!(format_cents(Cents(100000000)), "1,000,000.00");
    }

    #[test]
    fn parses_units() {
        assert_eq!(parse_units("100"), Ok(Cents(10000)));
        assert_eq!(parse_units("100.00"), Ok(Cents(10000)));
        assert_eq!(parse_units("100.5"), Ok(Cents(10050)));
        assert_eq!(parse_units("0,99"), Ok(Cents(99)));
        assert_eq!(parse_units("1,234.56"), Ok(Cents(123456)));
        assert_eq!(parse_units("1 234,56"), Ok(Cents(123456)));
        assert!(parse_units("1.234").is_err());
        assert!(parse_units("abc").is_err());
        assert!(parse_units("").is_err());
        assert!(parse_units("-3").is_err());
        assert!(parse_units("99999999999999999999").is_err());
    }

    #[test]
    fn currency_is_three_letters() {
        assert_eq!(
            Currency::parse("eur").map(|c| c.to_string()),
            Ok("EUR".to_string())
        );
        assert!(Currency::parse("EURO").is_err());
        assert!(Currency::parse("E1R").is_err());
    }

    #[test]
    fn cents_strings() {
        assert_eq!(parse_cents_string("10000"), Ok(Cents(10000)));
        assert_eq!(parse_cents_string("-12"), Ok(Cents(-12)));
        assert!(parse_cents_string("10.00").is_err());
        assert!(parse_cents_string("").is_err());
    }
}
