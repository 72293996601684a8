//! Cancel an account promotion: the promotion shown, a cancellation date that defaults to
//! today and may be neither before today nor after the promotion's end.

use super::field::{Field, format_date, parse_date};
use super::logic::{FormLogic, first_invalid, set_error, text_of};
use super::machine::{FormCore, Invalid, Prepared};
use super::request::{WriteOk, WriteRequest};
use super::view::ChangeLine;
use super::{AuditSummary, WriteContext};
use crate::domain::Provider;
use crate::domain::customer::{Promotion, PromotionState};
use chrono::NaiveDate;

const DATE: usize = 0;

#[derive(Debug, Clone)]
pub(super) struct CancelPromotionForm {
    core: FormCore,
    account_id: String,
    promotion: Promotion,
    today: NaiveDate,
}

impl CancelPromotionForm {
    pub fn new(
        ctx: WriteContext,
        account_id: String,
        promotion: Promotion,
        today: NaiveDate,
    ) -> CancelPromotionForm {
        let fields = vec![Field::date("Cancellation date", today).with_placeholder("yyyy-mm-dd")];
        let mut form = CancelPromotionForm {
            core: FormCore::new("Cancel a promotion", ctx, fields),
            account_id,
            promotion,
            today,
        };
        form.revalidate();
        form
    }

    /// Why this promotion cannot be cancelled at all, whatever the date.
    fn blocked(&self) -> Option<String> {
        match self.promotion.state_on(self.today) {
            PromotionState::Cancelled => Some(format!(
                "this promotion is already cancelled{}",
                self.promotion
                    .cancellation_date
                    .map(|d| format!(" (since {})", format_date(d)))
                    .unwrap_or_default()
            )),
            PromotionState::Ended => Some("this promotion has ended: nothing to cancel".into()),
            PromotionState::Scheduled | PromotionState::Active => None,
        }
    }

    /// The date typed, checked against today and the promotion's end.
    fn validate_date(&self, text: &str) -> Result<NaiveDate, String> {
        validate_cancellation_date(text, self.today, self.promotion.end_date)
    }
}

/// The rules of a cancellation date: `yyyy-mm-dd`, not before `today`, not after `end`.
pub fn validate_cancellation_date(
    text: &str,
    today: NaiveDate,
    end: Option<NaiveDate>,
) -> Result<NaiveDate, String> {
    let date = parse_date(text)?;
    if date < today {
        return Err(format!("cannot be before today ({})", format_date(today)));
    }
    if let Some(end) = end.filter(|e| date > *e) {
        return Err(format!(
            "cannot be after the promotion's end ({})",
            format_date(end)
        ));
    }
    Ok(date)
}

impl FormLogic for CancelPromotionForm {
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
        let err = self.validate_date(text_of(&self.core, DATE)).err();
        set_error(&mut self.core, DATE, err);
    }

    fn prepare(&self) -> Result<Prepared, Invalid> {
        if let Some(reason) = self.blocked() {
            return Err(Invalid {
                field: None,
                message: reason,
            });
        }
        if let Some(invalid) = first_invalid(&self.core) {
            return Err(invalid);
        }
        let date = self
            .validate_date(text_of(&self.core, DATE))
            .map_err(|message| Invalid {
                field: Some(DATE),
                message,
            })?;
        let p = &self.promotion;
        Ok(Prepared {
            again: None,
            request: WriteRequest::CancelPromotion {
                account_id: self.account_id.clone(),
                promotion_id: p.id.clone(),
                cancellation_date: date,
            },
            target: format!(
                "promotion {} {} of account {}{}",
                p.promotion_code,
                p.id,
                self.account_id,
                customer_suffix(&self.core.ctx)
            ),
            target_id: p.id.clone(),
            changes: vec![ChangeLine {
                label: "cancellation date".into(),
                before: p
                    .cancellation_date
                    .map(format_date)
                    .unwrap_or_else(|| "none".into()),
                after: format_date(date),
            }],
        })
    }

    fn success(&self, _ok: &WriteOk, request: &WriteRequest) -> (String, Option<String>) {
        let date = match request {
            WriteRequest::CancelPromotion {
                cancellation_date, ..
            } => format_date(*cancellation_date),
            _ => String::new(),
        };
        (
            format!(
                "promotion {} cancelled as of {date}",
                self.promotion.promotion_code
            ),
            None,
        )
    }

    fn info_lines(&self) -> Vec<(String, String)> {
        let p = &self.promotion;
        let mut lines = vec![
            ("Account".into(), self.account_id.clone()),
            (
                "Promotion".into(),
                format!("{} — {}", p.promotion_code, p.name),
            ),
            ("Discount".into(), p.discount.to_string()),
            (
                "Dates".into(),
                format!(
                    "{} → {} ({})",
                    format_date(p.start_date),
                    p.end_date
                        .map(format_date)
                        .unwrap_or_else(|| "no end".into()),
                    p.state_on(self.today).label()
                ),
            ),
        ];
        if let Some(reason) = self.blocked() {
            lines.push(("Cannot cancel".into(), reason));
        }
        lines
    }

    fn audit_action(&self) -> &'static str {
        "promotion.cancel"
    }

    fn audit_of(&self, request: &WriteRequest) -> AuditSummary {
        AuditSummary {
            action: self.audit_action(),
            target_ids: self.known_target_ids(),
            key: None,
            summary: format!(
                "cancel promotion {} with {}",
                self.promotion.promotion_code,
                request.wire(&self.core.ctx.org).masked_body()
            ),
        }
    }

    fn known_target_ids(&self) -> Vec<String> {
        vec![self.account_id.clone(), self.promotion.id.clone()]
    }
}

pub(crate) fn customer_suffix(ctx: &WriteContext) -> String {
    ctx.customer_name
        .as_ref()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default()
}
