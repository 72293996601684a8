//! Change an account's payment method: only the methods the account may use; an IBAN with
//! live checks (masked once valid and left), or a card token looked up at Lyra and refused
//! when expired or cancelled.

use super::field::{Field, Masking, parse_uuid};
use super::logic::{FormLogic, choice_index, first_invalid, set_error, set_visible, text_of};
use super::machine::{FormCore, Invalid, Prepared};
use super::promotion::customer_suffix;
use super::request::{WriteOk, WriteRequest};
use super::view::ChangeLine;
use super::{AuditSummary, FormOutcome, WriteContext};
use crate::app::resources::is_uuid;
use crate::domain::card::{CardToken, TokenStatus};
use crate::domain::customer::{PaymentMethod, PaymentMethodType};
use crate::domain::iban::{Iban, normalize};
use crate::domain::mask::mask_pan;
use crate::domain::requests::PaymentMethodChange;
use crate::domain::{ApiError, Provider};
use chrono::NaiveDate;

const METHOD: usize = 0;
const IBAN: usize = 1;
const TOKEN: usize = 2;

/// Where the lookup of the typed card token stands.
#[derive(Debug, Clone, PartialEq)]
enum TokenLookup {
    /// Nothing that looks like a token yet.
    None,
    /// Asked with `FormOutcome::ResolveToken`; waiting for `token_resolved`.
    Resolving(String),
    /// An active card, usable.
    Resolved(CardToken),
    /// A card that cannot be used, and why.
    Refused { token: String, reason: String },
    /// The lookup failed (unknown token, provider down).
    Failed { token: String, message: String },
}

impl TokenLookup {
    fn token(&self) -> Option<&str> {
        match self {
            TokenLookup::None => None,
            TokenLookup::Resolving(t)
            | TokenLookup::Refused { token: t, .. }
            | TokenLookup::Failed { token: t, .. } => Some(t),
            TokenLookup::Resolved(card) => Some(&card.token),
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct PaymentMethodForm {
    core: FormCore,
    account_id: String,
    methods: Vec<PaymentMethodType>,
    current: PaymentMethod,
    today: NaiveDate,
    lookup: TokenLookup,
}

fn method_label(m: &PaymentMethodType) -> String {
    match m {
        PaymentMethodType::DirectDebit => "DIRECT_DEBIT (IBAN)".into(),
        PaymentMethodType::CreditCard => "CREDIT_CARD (card token)".into(),
        PaymentMethodType::Unknown(s) => s.clone(),
    }
}

/// `VISA 497010••••••7890 exp 12/27`.
fn card_line(card: &CardToken) -> String {
    format!(
        "{} {} exp {}",
        card.brand,
        mask_pan(&card.masked_pan),
        card.expiry()
    )
}

impl PaymentMethodForm {
    /// The arguments of `WriteForm::payment_method`.
    pub fn new(
        ctx: WriteContext,
        account_id: String,
        available: Vec<PaymentMethodType>,
        current: PaymentMethod,
        today: NaiveDate,
    ) -> PaymentMethodForm {
        let mut methods: Vec<PaymentMethodType> = Vec::new();
        for m in available {
            if !matches!(m, PaymentMethodType::Unknown(_)) && !methods.contains(&m) {
                methods.push(m);
            }
        }
        let selected = methods
            .iter()
            .position(|m| *m == current.kind())
            .unwrap_or(0);
        let fields = vec![
            Field::choice(
                "Method",
                methods.iter().map(method_label).collect(),
                selected,
            ),
            Field::text("IBAN", "")
                .with_placeholder("FR76 3000 6000 0112 3456 7890 189")
                .with_masking(Masking::IbanWhenValid),
            Field::text("Card token", "").with_placeholder("the Lyra token uuid"),
        ];
        let mut form = PaymentMethodForm {
            core: FormCore::new("Change the payment method", ctx, fields),
            account_id,
            methods,
            current,
            today,
            lookup: TokenLookup::None,
        };
        form.revalidate();
        form.core.fix_focus();
        form
    }

    /// The form opened on a card token (the card updater's replacement): CREDIT_CARD
    /// chosen, the token filled in, and its lookup at Lyra asked for at once.
    pub fn with_token(mut self, token: &str) -> (PaymentMethodForm, FormOutcome) {
        let Some(card) = self
            .methods
            .iter()
            .position(|m| *m == PaymentMethodType::CreditCard)
        else {
            return (self, FormOutcome::Stay);
        };
        let options = self.methods.iter().map(method_label).collect();
        if let Some(f) = self.core.fields.get_mut(METHOD) {
            *f = Field::choice("Method", options, card);
        }
        if let Some(f) = self.core.fields.get_mut(TOKEN) {
            f.paste(token);
        }
        self.revalidate();
        self.core.focus = TOKEN;
        let outcome = self.after_edit(TOKEN);
        (self, outcome)
    }

    fn method(&self) -> Option<&PaymentMethodType> {
        self.methods.get(choice_index(&self.core, METHOD))
    }

    fn iban_check(&self) -> Result<Iban, String> {
        let text = text_of(&self.core, IBAN);
        if text.trim().is_empty() {
            return Err("enter the IBAN".into());
        }
        let iban = Iban::parse(text).map_err(|e| e.to_string())?;
        if let PaymentMethod::DirectDebit { iban: old } = &self.current
            && normalize(old.reveal()) == iban.as_str()
        {
            return Err("this is already the account's IBAN".into());
        }
        Ok(iban)
    }

    fn token_check(&self) -> Result<(String, CardToken), String> {
        let token = parse_uuid(text_of(&self.core, TOKEN), "card token")?;
        if let PaymentMethod::CreditCard { token_id } = &self.current
            && token_id.eq_ignore_ascii_case(&token)
        {
            return Err("this is already the account's card".into());
        }
        match &self.lookup {
            TokenLookup::Resolved(card) if card.token == token => Ok((token, card.clone())),
            TokenLookup::Refused { token: t, reason } if *t == token => Err(reason.clone()),
            TokenLookup::Failed { token: t, message } if *t == token => Err(message.clone()),
            _ => Err("waiting for the card lookup at Lyra".into()),
        }
    }

    fn change(&self) -> Result<(PaymentMethodChange, String), Invalid> {
        match self.method() {
            Some(PaymentMethodType::DirectDebit) => {
                let iban = self.iban_check().map_err(|m| invalid(IBAN, "IBAN", m))?;
                let after = format!("DIRECT_DEBIT {}", iban.masked());
                Ok((PaymentMethodChange::DirectDebit { iban }, after))
            }
            Some(PaymentMethodType::CreditCard) => {
                let (token_id, card) = self
                    .token_check()
                    .map_err(|m| invalid(TOKEN, "Card token", m))?;
                let after = format!("CREDIT_CARD {} (token {token_id})", card_line(&card));
                Ok((PaymentMethodChange::CreditCard { token_id }, after))
            }
            _ => Err(Invalid {
                field: None,
                message: "this account may use no payment method guichet can set".into(),
            }),
        }
    }
}

fn invalid(field: usize, label: &str, message: String) -> Invalid {
    Invalid {
        field: Some(field),
        message: format!("{label}: {message}"),
    }
}

impl FormLogic for PaymentMethodForm {
    fn core(&self) -> &FormCore {
        &self.core
    }

    fn core_mut(&mut self) -> &mut FormCore {
        &mut self.core
    }

    fn provider(&self) -> Provider {
        Provider::Mascustomers
    }

    fn revalidate(&mut self) {
        let method = self.method().cloned();
        let dd = method == Some(PaymentMethodType::DirectDebit);
        let cc = method == Some(PaymentMethodType::CreditCard);
        set_visible(&mut self.core, IBAN, dd);
        set_visible(&mut self.core, TOKEN, cc);
        let iban = self.iban_check();
        let iban_note = iban
            .as_ref()
            .ok()
            .map(|i| format!("valid {} IBAN", i.country()));
        set_error(&mut self.core, IBAN, iban.err());
        if let Some(f) = self.core.fields.get_mut(IBAN) {
            f.note = iban_note;
        }
        let token = self.token_check();
        let resolving = matches!(&self.lookup, TokenLookup::Resolving(t)
            if Some(t.as_str()) == parse_uuid(text_of(&self.core, TOKEN), "").ok().as_deref());
        let (error, note) = match token {
            Ok((_, card)) => (None, Some(card_line(&card))),
            Err(_) if resolving => (None, Some("looking the card up at Lyra…".to_string())),
            Err(e) => (Some(e), None),
        };
        set_error(&mut self.core, TOKEN, error);
        if let Some(f) = self.core.fields.get_mut(TOKEN) {
            f.note = note;
        }
    }

    fn after_edit(&mut self, index: usize) -> FormOutcome {
        if index != TOKEN {
            return FormOutcome::Stay;
        }
        let text = text_of(&self.core, TOKEN);
        if !is_uuid(text.trim()) {
            self.lookup = TokenLookup::None;
            self.revalidate();
            return FormOutcome::Stay;
        }
        let token = text.trim().to_ascii_lowercase();
        if self.lookup.token() == Some(token.as_str()) {
            return FormOutcome::Stay;
        }
        self.lookup = TokenLookup::Resolving(token.clone());
        self.revalidate();
        FormOutcome::ResolveToken(token)
    }

    /// The answer to `FormOutcome::ResolveToken`. An answer for a token no longer typed is
    /// dropped.
    fn token_resolved(&mut self, result: Result<CardToken, ApiError>) -> FormOutcome {
        let TokenLookup::Resolving(token) = &self.lookup else {
            return FormOutcome::Stay;
        };
        let token = token.clone();
        self.lookup = match result {
            Ok(card) => {
                let usable = card.status == TokenStatus::Active && !card.is_expired_on(self.today);
                if usable {
                    TokenLookup::Resolved(CardToken { token, ..card })
                } else {
                    let reason = match &card.status {
                        TokenStatus::Cancelled => {
                            format!(
                                "card token cancelled ({}): it cannot be used",
                                card_line(&card)
                            )
                        }
                        TokenStatus::Active | TokenStatus::Expired => {
                            format!("card expired ({}): it cannot be used", card_line(&card))
                        }
                        other => format!(
                            "card token status {other} ({}): only ACTIVE cards can be used",
                            card_line(&card)
                        ),
                    };
                    TokenLookup::Refused { token, reason }
                }
            }
            Err(e) => TokenLookup::Failed {
                token,
                message: format!("card lookup failed: {}", e.headline()),
            },
        };
        self.revalidate();
        FormOutcome::Stay
    }

    fn prepare(&self) -> Result<Prepared, Invalid> {
        let (change, after) = self.change()?;
        if let Some(invalid) = first_invalid(&self.core) {
            return Err(invalid);
        }
        Ok(Prepared {
            again: None,
            request: WriteRequest::ChangePaymentMethod {
                account_id: self.account_id.clone(),
                change,
            },
            target: format!(
                "account {}{}",
                self.account_id,
                customer_suffix(&self.core.ctx)
            ),
            target_id: self.account_id.clone(),
            changes: vec![ChangeLine {
                label: "payment method".into(),
                before: self.current.summary(),
                after,
            }],
        })
    }

    fn success(&self, _ok: &WriteOk, request: &WriteRequest) -> (String, Option<String>) {
        let what = match request {
            WriteRequest::ChangePaymentMethod { change, .. } => describe(change),
            _ => String::new(),
        };
        (format!("payment method changed to {what}"), None)
    }

    fn info_lines(&self) -> Vec<(String, String)> {
        let mut lines = vec![
            (
                "Account".into(),
                format!("{}{}", self.account_id, customer_suffix(&self.core.ctx)),
            ),
            ("Before".into(), self.current.summary()),
        ];
        if self.methods.is_empty() {
            lines.push((
                "Cannot change".into(),
                "this account may use no payment method guichet can set".into(),
            ));
        }
        lines
    }

    fn audit_action(&self) -> &'static str {
        "payment_method.change"
    }

    fn audit_of(&self, request: &WriteRequest) -> AuditSummary {
        let after = match request {
            WriteRequest::ChangePaymentMethod { change, .. } => describe(change),
            _ => String::new(),
        };
        AuditSummary {
            action: self.audit_action(),
            target_ids: self.known_target_ids(),
            key: None,
            summary: format!("{after} (was {})", self.current.summary()),
        }
    }

    fn known_target_ids(&self) -> Vec<String> {
        vec![self.account_id.clone()]
    }
}

/// The change in one masked line.
fn describe(change: &PaymentMethodChange) -> String {
    match change {
        PaymentMethodChange::DirectDebit { iban } => format!("DIRECT_DEBIT {}", iban.masked()),
        PaymentMethodChange::CreditCard { token_id } => format!("CREDIT_CARD token {token_id}"),
    }
}
