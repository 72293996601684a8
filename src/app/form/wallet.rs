//! Open a cashless wallet for a stay: the stay picked from a type-to-filter list (guest,
//! dates, establishment) or typed as a uuid, its establishment, mode, currency, medium
//! reference, and a credit limit for postpaid only. The chosen stay's wallet is looked up,
//! so the form says before confirmation when it already has one. One correlation id per
//! form, kept across retries.

use super::FormOutcome;
use super::field::{Field, format_date, parse_uuid};
use super::logic::{FormLogic, choice_index, first_invalid, set_error, set_visible, text_of};
use super::machine::{FormCore, Invalid, Prepared};
use super::picker::{PickOption, Picker};
use super::request::{WriteOk, WriteRequest};
use super::view::ChangeLine;
use super::{AuditSummary, WriteContext};
use crate::domain::Provider;
use crate::domain::cashless::{Stay, Wallet, WalletMode};
use crate::domain::money::{Currency, format_cents, parse_units};
use crate::domain::requests::OpenWallet;
use crate::domain::{ApiError, ErrorKind};
use std::collections::BTreeMap;

const STAY: usize = 0;
const STAY_ID: usize = 1;
const ESTABLISHMENT: usize = 2;
const ESTABLISHMENT_ID: usize = 3;
const MODE: usize = 4;
const CURRENCY: usize = 5;
const CREDIT_LIMIT: usize = 6;
const MEDIUM: usize = 7;

const MODES: [WalletMode; 2] = [WalletMode::Prepaid, WalletMode::Postpaid];
const MEDIUM_MAX: usize = 64;

/// What is known of a stay's wallet.
#[derive(Debug, Clone, PartialEq)]
enum StayWallet {
    Checking,
    None,
    Has(Box<Wallet>),
    /// The lookup failed: said, and the confirmation says it is unknown.
    Unknown(String),
}

#[derive(Debug, Clone)]
pub(super) struct OpenWalletForm {
    core: FormCore,
    stays: Vec<Stay>,
    correlation_id: String,
    /// By stay id (lower case): what its lookup found.
    wallets: BTreeMap<String, StayWallet>,
}

/// `Jan de Vries · 2026-11-19 → 11-23 · Hôtel des Arts Lyon`: what the filter looks in.
fn stay_label(s: &Stay) -> String {
    let hotel = s.establishment_name.clone().unwrap_or_else(|| {
        format!(
            "establishment {}",
            crate::app::subject::short_id(&s.establishment_id)
        )
    });
    format!(
        "{} · {} → {} · {hotel}",
        s.guest_name,
        format_date(s.arrival),
        s.departure.format("%m-%d")
    )
}

impl OpenWalletForm {
    /// The arguments of `WriteForm::open_wallet`.
    pub fn new(
        ctx: WriteContext,
        stays: Vec<Stay>,
        preselected: Option<String>,
        correlation_id: String,
    ) -> OpenWalletForm {
        let mut options: Vec<PickOption> = stays
            .iter()
            .map(|s| PickOption {
                label: stay_label(s),
                always: false,
            })
            .collect();
        options.push(PickOption {
            label: "type a stay id…".into(),
            always: true,
        });
        let typed_index = options.len() - 1;
        let (selected, typed_id) = match &preselected {
            Some(id) => match stays.iter().position(|s| s.id.eq_ignore_ascii_case(id)) {
                Some(i) => (i, String::new()),
                None => (typed_index, id.clone()),
            },
            None => (0, String::new()),
        };
        let fields = vec![
            Field::pick("Stay", Picker::new(options, selected))
                .with_placeholder("type a guest, a date or a hotel"),
            Field::text("Stay id", &typed_id).with_placeholder("stay uuid"),
            Field::display("Establishment", ""),
            Field::text("Establishment id", "").with_placeholder("establishment uuid"),
            Field::choice(
                "Mode",
                MODES.iter().map(|m| m.as_str().to_string()).collect(),
                0,
            ),
            Field::text("Currency", "EUR").with_placeholder("ISO 4217, like EUR"),
            Field::text("Credit limit", "").with_placeholder("100.00 (optional)"),
            Field::text("Medium ref", "").with_placeholder("bracelet / QR (optional)"),
        ];
        let mut form = OpenWalletForm {
            core: FormCore::new("Open a wallet", ctx, fields),
            stays,
            correlation_id,
            wallets: BTreeMap::new(),
        };
        form.revalidate();
        form.core.fix_focus();
        form
    }

    fn typed_stay(&self) -> bool {
        choice_index(&self.core, STAY) >= self.stays.len()
    }

    /// The stay chosen from the list, or the listed stay whose id was typed.
    fn known_stay(&self) -> Option<&Stay> {
        if self.typed_stay() {
            let id = parse_uuid(text_of(&self.core, STAY_ID), "stay id").ok()?;
            self.stays.iter().find(|s| s.id.eq_ignore_ascii_case(&id))
        } else {
            self.stays.get(choice_index(&self.core, STAY))
        }
    }

    /// The chosen stay's id, when it is known well enough to look its wallet up.
    fn lookup_id(&self) -> Option<String> {
        self.stay_id().ok()
    }

    /// Asks for the chosen stay's wallet, unless it is known or being asked for.
    fn look_up(&mut self) -> FormOutcome {
        let Some(id) = self.lookup_id() else {
            return FormOutcome::Stay;
        };
        if self.wallets.contains_key(&id) {
            return FormOutcome::Stay;
        }
        self.wallets.insert(id.clone(), StayWallet::Checking);
        self.revalidate();
        FormOutcome::LookUpStayWallet(id)
    }

    fn known_wallet(&self) -> Option<&StayWallet> {
        self.wallets.get(&self.lookup_id()?)
    }

    /// The confirmation's "before": the wallet the stay already has, or none.
    fn before(&self) -> String {
        match self.known_wallet() {
            Some(StayWallet::Has(w)) => format!("wallet {} ({})", w.id, w.status),
            Some(StayWallet::None) => "none".into(),
            Some(StayWallet::Unknown(why)) => format!("not known ({why})"),
            Some(StayWallet::Checking) | None => "not known (still checking)".into(),
        }
    }

    fn mode(&self) -> WalletMode {
        MODES
            .get(choice_index(&self.core, MODE))
            .cloned()
            .unwrap_or(WalletMode::Prepaid)
    }

    fn stay_id(&self) -> Result<String, String> {
        match self.known_stay() {
            Some(s) => Ok(s.id.to_ascii_lowercase()),
            None => parse_uuid(text_of(&self.core, STAY_ID), "stay id"),
        }
    }

    fn establishment_id(&self) -> Result<String, String> {
        match self.known_stay() {
            Some(s) => Ok(s.establishment_id.to_ascii_lowercase()),
            None => parse_uuid(text_of(&self.core, ESTABLISHMENT_ID), "establishment id"),
        }
    }

    fn currency(&self) -> Result<Currency, String> {
        Currency::parse(text_of(&self.core, CURRENCY)).map_err(|e| e.to_string())
    }

    fn credit_limit(&self) -> Result<Option<crate::domain::Cents>, String> {
        let text = text_of(&self.core, CREDIT_LIMIT);
        if self.mode() != WalletMode::Postpaid || text.trim().is_empty() {
            return Ok(None);
        }
        parse_units(text).map(Some).map_err(|e| e.to_string())
    }

    fn medium_ref(&self) -> Result<Option<String>, String> {
        let text = text_of(&self.core, MEDIUM).trim();
        if text.is_empty() {
            Ok(None)
        } else if text.chars().count() > MEDIUM_MAX {
            Err(format!("at most {MEDIUM_MAX} characters"))
        } else {
            Ok(Some(text.to_string()))
        }
    }

    fn request(&self) -> Result<OpenWallet, Invalid> {
        let at = |field: usize, label: &'static str| {
            move |m: String| Invalid {
                field: Some(field),
                message: format!("{label}: {m}"),
            }
        };
        let stay_id = self.stay_id().map_err(at(STAY_ID, "Stay id"))?;
        let establishment_id = self
            .establishment_id()
            .map_err(at(ESTABLISHMENT_ID, "Establishment id"))?;
        let currency = self.currency().map_err(at(CURRENCY, "Currency"))?;
        let credit_limit = self
            .credit_limit()
            .map_err(at(CREDIT_LIMIT, "Credit limit"))?;
        let medium_ref = self.medium_ref().map_err(at(MEDIUM, "Medium ref"))?;
        Ok(OpenWallet {
            stay_id,
            establishment_id,
            mode: self.mode(),
            currency,
            medium_ref,
            credit_limit,
            correlation_id: self.correlation_id.clone(),
        })
    }
}

/// `postpaid EUR, credit limit 100.00 EUR, medium BR-004512`.
fn wallet_line(w: &OpenWallet) -> String {
    let mut s = format!("{} {}", w.mode, w.currency);
    if let Some(c) = w.credit_limit {
        s.push_str(&format!(
            ", credit limit {} {}",
            format_cents(c),
            w.currency
        ));
    }
    if let Some(m) = &w.medium_ref {
        s.push_str(&format!(", medium {m}"));
    }
    s
}

impl FormLogic for OpenWalletForm {
    fn core(&self) -> &FormCore {
        &self.core
    }

    fn core_mut(&mut self) -> &mut FormCore {
        &mut self.core
    }

    fn provider(&self) -> Provider {
        Provider::Pxlhub
    }

    fn revalidate(&mut self) {
        let typed = self.typed_stay();
        let known = self.known_stay().cloned();
        let postpaid = self.mode() == WalletMode::Postpaid;
        set_visible(&mut self.core, STAY_ID, typed);
        set_visible(&mut self.core, ESTABLISHMENT, known.is_some());
        set_visible(&mut self.core, ESTABLISHMENT_ID, known.is_none());
        set_visible(&mut self.core, CREDIT_LIMIT, postpaid);
        if let Some(f) = self.core.fields.get_mut(ESTABLISHMENT) {
            match &known {
                Some(s) => {
                    f.set_display(s.establishment_id.clone());
                    f.note = s.establishment_name.clone();
                }
                None => {
                    f.set_display("");
                    f.note = None;
                }
            }
        }
        let wallet_note = match self.known_wallet() {
            Some(StayWallet::Checking) => Some("checking whether it has a wallet…".to_string()),
            Some(StayWallet::Has(w)) => Some(format!(
                "⚠ already has wallet {} ({}): submitting opens nothing new",
                w.id, w.status
            )),
            Some(StayWallet::None) => Some("no wallet yet".to_string()),
            Some(StayWallet::Unknown(why)) => {
                Some(format!("its wallet could not be checked: {why}"))
            }
            None => None,
        };
        if let Some(f) = self.core.fields.get_mut(STAY_ID) {
            f.note = known
                .as_ref()
                .filter(|_| typed)
                .map(|s| format!("{}, listed", s.guest_name));
        }
        // What is known of the chosen stay's wallet is said on the field that chose it.
        if typed {
            if let Some(f) = self.core.fields.get_mut(STAY_ID) {
                f.note = match (f.note.take(), wallet_note) {
                    (Some(listed), Some(w)) => Some(format!("{listed}; {w}")),
                    (note, None) => note,
                    (None, w) => w,
                };
            }
            if let Some(f) = self.core.fields.get_mut(STAY) {
                f.note = None;
            }
        } else if let Some(f) = self.core.fields.get_mut(STAY) {
            f.note = wallet_note;
        }
        let stay_err = if typed {
            parse_uuid(text_of(&self.core, STAY_ID), "stay id").err()
        } else {
            None
        };
        let est_err = self.establishment_id().err().filter(|_| known.is_none());
        let cur_err = self.currency().err();
        let limit_err = self.credit_limit().err();
        let medium_err = self.medium_ref().err();
        set_error(&mut self.core, STAY_ID, stay_err);
        set_error(&mut self.core, ESTABLISHMENT_ID, est_err);
        set_error(&mut self.core, CURRENCY, cur_err);
        set_error(&mut self.core, CREDIT_LIMIT, limit_err);
        set_error(&mut self.core, MEDIUM, medium_err);
        if let Some(f) = self.core.fields.get_mut(CREDIT_LIMIT) {
            f.note = parse_units(f.value())
                .ok()
                .map(|c| format!("{} cents", c.0));
        }
    }

    fn prepare(&self) -> Result<Prepared, Invalid> {
        if let Some(invalid) = first_invalid(&self.core) {
            return Err(invalid);
        }
        let w = self.request()?;
        let guest = self
            .known_stay()
            .map(|s| {
                let hotel = s
                    .establishment_name
                    .as_ref()
                    .map(|n| format!(" at {n}"))
                    .unwrap_or_default();
                format!(" ({}{hotel})", s.guest_name)
            })
            .unwrap_or_default();
        Ok(Prepared {
            again: None,
            target: format!("stay {}{guest}", w.stay_id),
            target_id: w.stay_id.clone(),
            changes: vec![ChangeLine {
                label: "wallet".into(),
                before: self.before(),
                after: wallet_line(&w),
            }],
            request: WriteRequest::OpenWallet(w),
        })
    }

    fn retryable(&self) -> bool {
        true
    }

    fn opened(&mut self) -> FormOutcome {
        self.look_up()
    }

    fn after_edit(&mut self, index: usize) -> FormOutcome {
        if index == STAY || index == STAY_ID {
            return self.look_up();
        }
        FormOutcome::Stay
    }

    fn stay_wallet_known(&mut self, stay_id: &str, result: Result<Option<Wallet>, ApiError>) {
        let known = match result {
            Ok(Some(w)) => StayWallet::Has(Box::new(w)),
            Ok(None) => StayWallet::None,
            Err(e) if e.kind == ErrorKind::NotFound => {
                StayWallet::Unknown("pxlhub has no such stay".into())
            }
            Err(e) => StayWallet::Unknown(e.headline()),
        };
        self.wallets.insert(stay_id.to_ascii_lowercase(), known);
        self.revalidate();
    }

    fn success(&self, ok: &WriteOk, _request: &WriteRequest) -> (String, Option<String>) {
        match ok {
            WriteOk::WalletOpened(w) if w.already_open => (
                format!("this stay already has a wallet ({})", w.wallet_id),
                Some(w.wallet_id.clone()),
            ),
            WriteOk::WalletOpened(w) => (
                format!("wallet {} opened", w.wallet_id),
                Some(w.wallet_id.clone()),
            ),
            WriteOk::NoContent => ("wallet opened".into(), None),
        }
    }

    fn info_lines(&self) -> Vec<(String, String)> {
        vec![("Correlation id".into(), self.correlation_id.clone())]
    }

    fn audit_action(&self) -> &'static str {
        "wallet.open"
    }

    fn audit_of(&self, request: &WriteRequest) -> AuditSummary {
        match request {
            WriteRequest::OpenWallet(w) => AuditSummary {
                action: self.audit_action(),
                target_ids: vec![w.stay_id.clone(), w.establishment_id.clone()],
                key: request
                    .wire(&self.core.ctx.org)
                    .idempotency_key()
                    .map(str::to_string),
                summary: format!("open a {} wallet", wallet_line(w)),
            },
            _ => AuditSummary {
                action: self.audit_action(),
                target_ids: self.known_target_ids(),
                key: Some(self.correlation_id.clone()),
                summary: String::new(),
            },
        }
    }

    fn known_target_ids(&self) -> Vec<String> {
        [self.stay_id().ok(), self.establishment_id().ok()]
            .into_iter()
            .flatten()
            .collect()
    }
}
