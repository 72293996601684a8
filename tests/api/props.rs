//! Property tests of the validators and money functions the clients rely on.

use guichet::domain::Cents;
use guichet::domain::bic::parse_bic;
use guichet::domain::iban::Iban;
use guichet::domain::mask::mask_pan;
use guichet::domain::money::{format_cents, parse_cents_string, parse_units};
use proptest::prelude::*;

/// (country, length) pairs from the IBAN registry.
const COUNTRIES: &[(&str, usize)] = &[
    ("FR", 27),
    ("DE", 22),
    ("GB", 22),
    ("ES", 24),
    ("IT", 27),
    ("NL", 18),
    ("BE", 16),
    ("CH", 21),
    ("NO", 15),
    ("MT", 31),
];

fn bban_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('0', '9'),
        1 => proptest::char::range('A', 'Z'),
    ]
}

fn valid_iban() -> impl Strategy<Value = String> {
    (0..COUNTRIES.len()).prop_flat_map(|i| {
        let (country, len) = COUNTRIES[i];
        proptest::collection::vec(bban_char(), len - 4).prop_map(move |chars| {
            let bban: String = chars.into_iter().collect();
            Iban::from_bban(country, &bban).as_str().to_string()
        })
    })
}

proptest! {
    #[test]
    fn generated_ibans_are_accepted(iban in valid_iban()) {
        let parsed = Iban::parse(&iban);
        prop_assert!(parsed.is_ok(), "{iban}: {parsed:?}");
        // Spaces and lower case are how people type them.
        let typed = Iban::parse(&iban.to_lowercase()).map(|i| i.as_str().to_string());
        prop_assert_eq!(typed, Ok(iban.clone()));
    }

    /// MOD 97-10 catches every substitution of a digit by another digit or a letter by
    /// another letter (the change is k·10^n with 0 < |k| < 97, and 97 is prime to 10).
    /// A digit swapped for a letter changes the length of the numeric form, which the
    /// check does not always catch, so it is not part of this property.
    #[test]
    fn any_single_character_change_is_rejected(
        iban in valid_iban(),
        pos in any::<prop::sample::Index>(),
        delta in 1u8..26,
    ) {
        let mut chars: Vec<char> = iban.chars().collect();
        let i = pos.index(chars.len());
        let c = chars[i];
        chars[i] = if c.is_ascii_digit() {
            char::from(b'0' + (c as u8 - b'0' + delta % 9 + 1) % 10)
        } else {
            char::from(b'A' + (c as u8 - b'A' + delta) % 26)
        };
        prop_assert_ne!(chars[i], c);
        let changed: String = chars.into_iter().collect();
        prop_assert!(Iban::parse(&changed).is_err(), "{iban} -> {changed} accepted");
    }

    #[test]
    fn generated_bics_are_accepted(
        bank in "[A-Z]{4}", country in "[A-Z]{2}", loc in "[A-Z0-9]{2}", branch in proptest::option::of("[A-Z0-9]{3}")
    ) {
        let bic = format!("{bank}{country}{loc}{}", branch.unwrap_or_default());
        prop_assert_eq!(parse_bic(&bic.to_lowercase()), Ok(bic.clone()));
    }

    #[test]
    fn malformed_bics_are_rejected(
        bic in "[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?", pos in 0usize..6, digit in 0u8..10
    ) {
        // A digit in the bank or country code.
        let mut chars: Vec<char> = bic.chars().collect();
        chars[pos] = char::from(b'0' + digit);
        let bad: String = chars.into_iter().collect();
        prop_assert!(parse_bic(&bad).is_err(), "{bad}");
        // A length other than 8 or 11.
        prop_assert!(parse_bic(&bic[..7]).is_err());
        let longer = format!("{bic}X");
        prop_assert!(parse_bic(&longer).is_err());
    }

    #[test]
    fn money_format_parse_round_trip(cents in 0i64..=1_000_000_000_000_000) {
        let shown = format_cents(Cents(cents));
        prop_assert_eq!(parse_units(&shown), Ok(Cents(cents)));
        prop_assert_eq!(parse_cents_string(&cents.to_string()), Ok(Cents(cents)));
    }

    #[test]
    fn negative_amounts_show_a_sign(cents in 1i64..=1_000_000_000_000) {
        let shown = format_cents(Cents(-cents));
        prop_assert!(shown.starts_with('-'));
        prop_assert_eq!(parse_units(&shown[1..]), Ok(Cents(cents)));
        prop_assert_eq!(parse_cents_string(&format!("-{cents}")), Ok(Cents(-cents)));
    }

    #[test]
    fn masked_pans_hide_the_middle(pan in "[0-9]{13,19}") {
        let m = mask_pan(&pan);
        let digits: String = m.chars().filter(char::is_ascii_digit).collect();
        prop_assert_eq!(digits.len(), 10);
        prop_assert!(m.starts_with(&pan[..6]) && m.ends_with(&pan[pan.len() - 4..]));
    }
}
