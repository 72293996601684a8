//! BIC rules (ISO 9362): `^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$`.

/// Why a BIC is refused; variants follow S-money's codes 186–190.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BicError {
    #[error("a BIC has 8 or 11 characters")]
    Length,
    #[error("the first four characters of a BIC (the bank) are letters")]
    BankCode,
    #[error("characters 5–6 of a BIC are a country code")]
    CountryCode,
    #[error("characters 7–8 of a BIC (the location) are letters or digits")]
    LocationCode,
    #[error("characters 9–11 of a BIC (the branch) are letters or digits")]
    BranchCode,
}

impl BicError {
    pub fn smoney_code(&self) -> u32 {
        match self {
            BicError::Length => 186,
            BicError::BankCode => 187,
            BicError::CountryCode => 188,
            BicError::LocationCode => 189,
            BicError::BranchCode => 190,
        }
    }
}

/// Validates a BIC, upper-casing and trimming first. Returns the normalized form.
pub fn parse_bic(input: &str) -> Result<String, BicError> {
    let s = input.trim().to_ascii_uppercase();
    let b = s.as_bytes();
    if b.len() != 8 && b.len() != 11 {
        return Err(BicError::Length);
    }
    let alnum = |x: &u8| x.is_ascii_uppercase() || x.is_ascii_digit();
    if !b[..4].iter().all(u8::is_ascii_uppercase) {
        return Err(BicError::BankCode);
    }
    if !b[4..6].iter().all(u8::is_ascii_uppercase) {
        return Err(BicError::CountryCode);
    }
    if !b[6..8].iter().all(alnum) {
        return Err(BicError::LocationCode);
    }
    if b.len() == 11 && !b[8..].iter().all(alnum) {
        return Err(BicError::BranchCode);
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_rejects() {
        assert_eq!(parse_bic("cmcifr2a"), Ok("CMCIFR2A".to_string()));
        assert!(parse_bic("DEUTDEFF500").is_ok());
        assert_eq!(parse_bic("CMCIFR2"), Err(BicError::Length));
        assert_eq!(parse_bic("CM1IFR2A"), Err(BicError::BankCode));
        assert_eq!(parse_bic("CMCIF12A"), Err(BicError::CountryCode));
        assert_eq!(parse_bic("CMCIFR-A"), Err(BicError::LocationCode));
        assert_eq!(parse_bic("CMCIFR2A50-"), Err(BicError::BranchCode));
    }
}
