//! IBAN rules (ISO 13616): structure, per-country length, MOD 97-10; and generation of valid
//! IBANs for the sandbox's seed data.

use std::fmt;

/// Why an IBAN is refused. The variants follow S-money's codes 179–185 so that the sandbox
/// and the forms say the same thing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IbanError {
    #[error("an IBAN has only letters and digits")]
    InvalidCharacters,
    #[error("an IBAN starts with two letters and two digits, like FR76")]
    BadStructure,
    #[error("unknown IBAN country {0}")]
    UnknownCountry(String),
    #[error("an IBAN for {country} has {expected} characters, this one has {got}")]
    WrongLength {
        country: String,
        expected: usize,
        got: usize,
    },
    #[error("the IBAN check digits do not match: a character is wrong")]
    Checksum,
}

impl IbanError {
    /// The S-money error code for this failure.
    pub fn smoney_code(&self) -> u32 {
        match self {
            IbanError::InvalidCharacters => 179,
            IbanError::BadStructure => 180,
            IbanError::UnknownCountry(_) => 182,
            IbanError::WrongLength { .. } => 183,
            IbanError::Checksum => 184,
        }
    }
}

/// A validated IBAN, stored in its electronic form (no spaces, upper case).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Iban(String);

/// IBAN length per country (SWIFT IBAN registry).
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NL", 18),
    ("NO", 15),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("SA", 24),
    ("SC", 31),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
];

/// Expected IBAN length for a country code, if the country uses IBANs.
pub fn country_length(country: &str) -> Option<usize> {
    LENGTHS.iter().find(|(c, _)| *c == country).map(|(_, l)| *l)
}

/// Removes spaces and upper-cases, as a person may type `fr76 3000 6000 ...`.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// MOD 97-10 over the rearranged IBAN; 1 means valid.
fn mod97(electronic: &str) -> u32 {
    let rearranged = electronic[4..].bytes().chain(electronic[..4].bytes());
    let mut acc: u32 = 0;
    for b in rearranged {
        let v = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        acc = if v >= 10 {
            (acc * 100 + v) % 97
        } else {
            (acc * 10 + v) % 97
        };
    }
    acc
}

impl Iban {
    /// Validates structure, country, length and checksum, in that order, so the first
    /// message is the most useful one while the user is still typing.
    pub fn parse(input: &str) -> Result<Iban, IbanError> {
        let s = normalize(input);
        if !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(IbanError::InvalidCharacters);
        }
        let b = s.as_bytes();
        if b.len() < 4
            || !b[0].is_ascii_uppercase()
            || !b[1].is_ascii_uppercase()
            || !b[2].is_ascii_digit()
            || !b[3].is_ascii_digit()
        {
            return Err(IbanError::BadStructure);
        }
        let country = &s[..2];
        let expected = country_length(country)
            .ok_or_else(|| IbanError::UnknownCountry(country.to_string()))?;
        if s.len() != expected {
            return Err(IbanError::WrongLength {
                country: country.to_string(),
                expected,
                got: s.len(),
            });
        }
        if mod97(&s) != 1 {
            return Err(IbanError::Checksum);
        }
        Ok(Iban(s))
    }

    /// Builds a valid IBAN from a country and its BBAN by computing the check digits.
    pub fn from_bban(country: &str, bban: &str) -> Iban {
        let draft = format!("{country}00{bban}");
        let check = 98 - mod97(&draft);
        Iban(format!("{country}{check:02}{bban}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn country(&self) -> &str {
        &self.0[..2]
    }

    /// Country, check digits and last four: `FR76 •••• 0962`.
    pub fn masked(&self) -> String {
        crate::domain::mask::mask_iban(&self.0)
    }

    /// Groups of four, as printed on a bank statement.
    pub fn grouped(&self) -> String {
        self.0
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Never prints the full IBAN: logs and panics stay free of it.
impl fmt::Debug for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iban({})", self.masked())
    }
}

impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_known_valid() {
        for s in [
            "FR76 3000 6000 0112 3456 7890 189",
            "DE89370400440532013000",
            "GB29NWBK60161331926819",
            "fr7613106005002000743520962",
            "NL91ABNA0417164300",
            "BE68539007547034",
        ] {
            assert!(Iban::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn reports_first_problem() {
        assert_eq!(Iban::parse("FR76-3000"), Err(IbanError::InvalidCharacters));
        assert_eq!(Iban::parse("7F763000"), Err(IbanError::BadStructure));
        assert_eq!(
            Iban::parse("ZZ7630006000"),
            Err(IbanError::UnknownCountry("ZZ".into()))
        );
        assert!(matches!(
            Iban::parse("FR763000600001"),
            Err(IbanError::WrongLength { expected: 27, .. })
        ));
        assert_eq!(
            Iban::parse("FR7630006000011234567890188"),
            Err(IbanError::Checksum)
        );
    }

    #[test]
    fn generates_valid() {
        let iban = Iban::from_bban("FR", "30006000011234567890189");
        assert!(Iban::parse(iban.as_str()).is_ok());
        assert_eq!(iban.as_str(), "FR7630006000011234567890189");
    }

    #[test]
    fn never_shows_whole() {
        let iban = Iban::parse("DE89370400440532013000").unwrap();
        assert_eq!(format!("{iban:?}"), "Iban(DE89 •••• •••• •••• 3000)");
        assert!(!format!("{iban}").contains("0440532"));
    }
}
