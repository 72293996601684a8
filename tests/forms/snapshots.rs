//! Snapshots of each form and its confirmation (normal, and production with the last four
//! typed) at 80x24 and 120x40, plus the submission states.

use super::common::*;
use guichet::app::form::{FormOutcome, WriteForm};
use guichet::app::{Key, Keymap};
use guichet::ui::form::render_form;
use guichet::ui::{ColorDepth, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn theme() -> Theme {
    Theme::builtin("dark", ColorDepth::TrueColor).expect("built-in theme")
}

fn draw(form: &WriteForm, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let view = form.view(&Keymap::defaults());
    let theme = theme();
    terminal
        .draw(|f| render_form(f, f.area(), &view, &theme))
        .expect("draw");
    terminal
}

fn snap_sizes(name: &str, form: &WriteForm) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(form, w, h).backend());
    }
}

fn confirming(mut form: WriteForm) -> WriteForm {
    assert_eq!(enter(&mut form), FormOutcome::Stay);
    assert!(
        form.view(&Keymap::defaults()).confirm.is_some(),
        "confirmation is up"
    );
    form
}

#[test]
fn wallet_form_and_confirmations() {
    snap_sizes("wallet_form", &filled_wallet(false));
    snap_sizes("wallet_confirm", &confirming(filled_wallet(false)));
    let mut prod = confirming(filled_wallet(true));
    type_text(&mut prod, "0002");
    snap_sizes("wallet_confirm_production", &prod);
}

#[test]
fn payment_form_and_confirmations() {
    let mut typing = payment_form(false, false);
    focus(&mut typing, "IBAN");
    type_text(&mut typing, "DE89 3704 0044");
    snap_sizes("payment_form_typing_iban", &typing);
    let mut left = filled_payment(false);
    tab(&mut left);
    snap_sizes("payment_form_iban_masked", &left);
    snap_sizes("payment_confirm", &confirming(filled_payment(false)));
    let mut prod = confirming(filled_payment(true));
    type_text(&mut prod, "1e2f");
    snap_sizes("payment_confirm_production", &prod);
}

#[test]
fn payment_by_card_shows_the_card_before_confirmation() {
    use guichet::domain::card::TokenStatus;
    let mut f = payment_form(false, false);
    right(&mut f);
    focus(&mut f, "Card token");
    assert_eq!(
        type_text(&mut f, TOKEN),
        FormOutcome::ResolveToken(TOKEN.into())
    );
    insta::assert_snapshot!("payment_card_resolving_80x24", draw(&f, 80, 24).backend());
    f.token_resolved(Ok(card(TokenStatus::Active, 12, 2027)));
    insta::assert_snapshot!("payment_card_resolved_80x24", draw(&f, 80, 24).backend());
    insta::assert_snapshot!(
        "payment_card_confirm_80x24",
        draw(&confirming(f), 80, 24).backend()
    );
}

#[test]
fn promotion_form_and_confirmations() {
    snap_sizes("promotion_form", &promotion_form(false, false));
    snap_sizes(
        "promotion_confirm",
        &confirming(promotion_form(false, false)),
    );
    let mut prod = confirming(promotion_form(true, false));
    type_text(&mut prod, "6666");
    snap_sizes("promotion_confirm_production", &prod);
}

#[test]
fn submission_states() {
    let mut unknown = confirming(filled_wallet(false));
    press(&mut unknown, Key::char('y'));
    unknown.submitted(Err(lost_answer()));
    insta::assert_snapshot!(
        "wallet_outcome_unknown_80x24",
        draw(&unknown, 80, 24).backend()
    );

    let mut failed = confirming(filled_payment(false));
    press(&mut failed, Key::char('y'));
    failed.submitted(Err(rejected("0002", "IBAN bank code unknown")));
    insta::assert_snapshot!("payment_failed_80x24", draw(&failed, 80, 24).backend());

    let mut discard = promotion_form(false, true);
    clear(&mut discard);
    esc(&mut discard);
    insta::assert_snapshot!(
        "promotion_read_only_discard_80x24",
        draw(&discard, 80, 24).backend()
    );
}

#[test]
fn amount_errors_are_drawn_as_you_type() {
    for typed in ["-5", "abc", "12.345"] {
        let mut form = wallet_form(false, false);
        focus(&mut form, "Mode");
        right(&mut form);
        focus(&mut form, "Credit limit");
        type_text(&mut form, typed);
        for (w, h) in SIZES {
            let screen = draw(&form, w, h).backend().to_string();
            let got = format!("(got \"{typed}\")");
            assert!(
                screen.contains("✗ ") && screen.contains(&got),
                "{typed} at {w}x{h}:\n{screen}"
            );
        }
    }
}

#[test]
fn production_confirmation_border_uses_the_production_colour() {
    let form = confirming(filled_payment(true));
    let terminal = draw(&form, 120, 40);
    let buffer = terminal.backend().buffer();
    let top = (0..40u16)
        .find(|y| (0..120u16).any(|x| buffer[(x, *y)].symbol() == "┌"))
        .expect("a panel");
    let x = (0..120u16)
        .rev()
        .find(|x| buffer[(*x, top)].symbol() == "┌")
        .expect("corner");
    assert_eq!(
        buffer[(x, top)].fg,
        theme().badge_production.fg.expect("colour")
    );
}

#[test]
fn small_screen_keeps_the_last_four_input_in_view() {
    let mut form = confirming(filled_wallet(true));
    type_text(&mut form, "00");
    let terminal = draw(&form, 60, 15);
    let text = format!("{}", terminal.backend());
    assert!(
        text.contains("Type the last 4 of the target id: [00  ]"),
        "{text}"
    );
    assert!(text.contains("more lines of the body"), "{text}");
    assert!(text.contains("enter confirm"), "{text}");
}

#[test]
fn the_update_entry_point_routes_every_message() {
    use guichet::app::form::{FormMsg, WriteOk};
    use guichet::domain::cashless::WalletOpened;
    let mut form = confirming(filled_wallet(false));
    let out = form.update(FormMsg::Key(
        Key::char('y'),
        Some(guichet::app::Action::Confirm),
    ));
    assert!(matches!(out, FormOutcome::Submit(_)));
    let out = form.update(FormMsg::Submitted(Ok(WriteOk::WalletOpened(
        WalletOpened {
            wallet_id: "w-7".into(),
            already_open: false,
        },
    ))));
    let FormOutcome::Succeeded { message, .. } = out else {
        panic!("{out:?}")
    };
    assert_eq!(message, "wallet w-7 opened");
    let text = format!("{}", draw(&form, 80, 24).backend());
    assert!(text.contains("✓ wallet w-7 opened"), "{text}");
}

mod robustness {
    use super::*;
    use guichet::app::KeyCode;
    use guichet::app::form::WriteOk;
    use guichet::domain::card::TokenStatus;
    use proptest::prelude::*;

    fn key(n: u8) -> Key {
        match n % 16 {
            0 => Key::plain(KeyCode::Tab),
            1 => Key::plain(KeyCode::BackTab),
            2 => Key::plain(KeyCode::Enter),
            3 => Key::plain(KeyCode::Esc),
            4 => Key::plain(KeyCode::Backspace),
            5 => Key::plain(KeyCode::Left),
            6 => Key::plain(KeyCode::Right),
            7 => Key::ctrl('t'),
            8 => Key::ctrl('r'),
            9 => Key::char('y'),
            10 => Key::char('n'),
            11 => Key::char('é'),
            12 => Key::char('界'),
            13 => Key::ctrl('u'),
            _ => Key::char(char::from(b'0' + n % 10)),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn random_keys_answers_and_sizes_never_panic(
            which in 0u8..3,
            production in any::<bool>(),
            keys in prop::collection::vec(any::<u8>(), 0..80),
            width in 1u16..140,
            height in 1u16..48,
        ) {
            let mut form = match which {
                0 => wallet_form(production, false),
                1 => payment_form(production, false),
                _ => promotion_form(production, false),
            };
            for (i, k) in keys.iter().enumerate() {
                let out = press(&mut form, key(*k));
                if let FormOutcome::Close = out {
                    break;
                }
                match i % 7 {
                    3 => { form.submitted(Err(lost_answer())); }
                    5 => { form.token_resolved(Ok(card(TokenStatus::Active, 1, 2030))); }
                    6 => { form.submitted(Ok(WriteOk::NoContent)); }
                    _ => {}
                }
                draw(&form, width, height);
            }
        }
    }
}
