//! Provider strings with escape sequences and bidi overrides drawn in a form, its
//! confirmation and its failure: nothing reaches the terminal but inert text.

use super::common::*;
use guichet::app::Keymap;
use guichet::app::form::{FormOutcome, WriteForm};
use guichet::domain::customer::{IbanText, PaymentMethod, PaymentMethodType};
use guichet::domain::{ApiError, ErrorKind, Provider};
use guichet::ui::form::render_form;
use guichet::ui::{ColorDepth, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const EVIL: &str = "Mallory\x1b]0;pwned\x07\x1b[31mRED\u{202e}gnp.exe\u{2066}x\u{2069}";

fn draw(form: &WriteForm) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    let view = form.view(&Keymap::defaults());
    let theme = Theme::builtin("dark", ColorDepth::TrueColor).expect("built-in theme");
    terminal
        .draw(|f| render_form(f, f.area(), &view, &theme))
        .expect("draw");
    terminal
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// Fails on any control or bidi character in the buffer; returns the screen's text.
fn assert_inert(terminal: &Terminal<TestBackend>, what: &str) -> String {
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control() || is_bidi(c)),
            "{what}: {:?} reached the screen",
            cell.symbol()
        );
    }
    let text = format!("{}", terminal.backend());
    assert!(text.contains("Mallory"), "{what}: {text}");
    // ratatui's buffer happens to drop these today; shown inert, they cannot depend on it.
    assert!(text.contains('␛'), "{what}: the escape shown inert: {text}");
    assert!(
        text.contains("\\u{202e}"),
        "{what}: the override shown inert: {text}"
    );
    text
}

fn evil_ctx() -> guichet::app::form::WriteContext {
    let mut c = ctx(false, false);
    c.profile = format!("p{EVIL}");
    c.customer_name = Some(EVIL.into());
    c
}

fn evil_wallet_form() -> WriteForm {
    let mut stays = stays();
    stays[0].guest_name = EVIL.into();
    stays[0].establishment_name = Some(format!("Hôtel {EVIL}"));
    stays[0].id = format!("a1b2{EVIL}");
    WriteForm::open_wallet(evil_ctx(), stays, None, CORRELATION.into())
}

#[test]
fn hostile_stay_and_error_text_stay_inert() {
    let mut form = evil_wallet_form();
    assert_inert(&draw(&form), "wallet form");
    focus(&mut form, "Medium ref");
    type_text(&mut form, "BR-004512");
    assert_eq!(enter(&mut form), FormOutcome::Stay);
    assert!(form.view(&Keymap::defaults()).confirm.is_some());
    assert_inert(&draw(&form), "wallet confirmation");

    let mut refused = evil_wallet_form();
    focus(&mut refused, "Medium ref");
    type_text(&mut refused, "BR-004512");
    submit_and_confirm(&mut refused);
    refused.submitted(Err(rejected("0002", EVIL)));
    assert_inert(&draw(&refused), "refusal");

    let mut unknown = evil_wallet_form();
    focus(&mut unknown, "Medium ref");
    type_text(&mut unknown, "BR-004512");
    submit_and_confirm(&mut unknown);
    let mut lost = ApiError::new(Provider::Pxlhub, ErrorKind::Timeout, EVIL);
    lost.outcome_unknown = true;
    unknown.submitted(Err(lost));
    assert_inert(&draw(&unknown), "outcome unknown");
}

#[test]
fn hostile_ids_in_the_confirmation_path_and_before_line_stay_inert() {
    let mut form = WriteForm::payment_method(
        evil_ctx(),
        format!("8f0e{EVIL}"),
        vec![
            PaymentMethodType::DirectDebit,
            PaymentMethodType::CreditCard,
        ],
        PaymentMethod::DirectDebit {
            iban: IbanText(format!("FR76{EVIL}")),
        },
        today(),
    );
    focus(&mut form, "IBAN");
    type_text(&mut form, NEW_IBAN);
    assert_eq!(enter(&mut form), FormOutcome::Stay);
    assert!(form.view(&Keymap::defaults()).confirm.is_some());
    assert_inert(&draw(&form), "payment confirmation");
}
