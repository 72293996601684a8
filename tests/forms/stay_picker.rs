//! The open-a-wallet form's stay picker: a type-to-filter list of stays (guest, dates,
//! establishment), the chosen stay's wallet looked up, and said before confirmation when it
//! has one (the confirmation's "before" is that wallet, not "none").

use super::common::*;
use chrono::{TimeZone, Utc};
use guichet::app::form::{FormOutcome, WriteForm};
use guichet::app::{Key, KeyCode, Keymap};
use guichet::domain::cashless::{Wallet, WalletMode, WalletStatus};
use guichet::domain::money::{Cents, Currency};
use guichet::domain::{ApiError, ErrorKind, Provider};
use guichet::ui::form::render_form;
use guichet::ui::{ColorDepth, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn form() -> WriteForm {
    WriteForm::open_wallet(ctx(false, false), stays(), None, CORRELATION.into())
}

fn wallet_of_second_stay() -> Wallet {
    Wallet {
        id: "26dffc0d-0000-4000-8000-000000000001".into(),
        stay_id: stays()[1].id.clone(),
        establishment_id: stays()[1].establishment_id.clone(),
        mode: WalletMode::Prepaid,
        currency: Currency::parse("EUR").expect("EUR"),
        balance: Cents(0),
        credit_limit: None,
        medium_ref: None,
        status: WalletStatus::Open,
        opened_at: Utc
            .with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
            .single()
            .expect("a time"),
    }
}

fn draw(form: &WriteForm, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let view = form.view(&Keymap::defaults());
    let theme = Theme::builtin("dark", ColorDepth::TrueColor).expect("built-in theme");
    terminal
        .draw(|f| render_form(f, f.area(), &view, &theme))
        .expect("draw");
    terminal
}

#[test]
fn typing_filters_the_stays_by_guest_date_or_hotel() {
    let mut f = form();
    assert_eq!(
        f.opened(),
        FormOutcome::LookUpStayWallet(stays()[0].id.clone()),
        "the stay chosen at first is looked up as the form opens"
    );
    let stay = row(&f, "Stay");
    assert_eq!(stay.choice_pos, Some((1, 3)));
    assert_eq!(stay.options.len(), 3, "both stays and the typed-id option");
    assert!(
        stay.options[0].0.contains("Hôtel des Arts Lyon"),
        "{stay:?}"
    );
    // The hotel's name narrows to the second stay (and the typed-id option stays).
    let out = type_text(&mut f, "nantes");
    assert_eq!(
        out,
        FormOutcome::Stay,
        "the filter's last letter changes nothing more"
    );
    let stay = row(&f, "Stay");
    assert_eq!(stay.filter.as_deref(), Some("nantes"));
    assert_eq!(stay.choice_pos, Some((1, 2)));
    assert!(
        stay.value.starts_with("Aiko Tanaka · 2026-11-20 → 11-27"),
        "{stay:?}"
    );
    // A date works too, and any case.
    clear(&mut f);
    type_text(&mut f, "JAN 11-19");
    assert!(row(&f, "Stay").value.starts_with("Jan de Vries"));
    // Nothing matches: only typing an id is left.
    type_text(&mut f, "zzz");
    assert_eq!(row(&f, "Stay").value, "type a stay id…");
    assert!(labels(&f).contains(&"Stay id".to_string()));
}

#[test]
fn a_stay_that_has_a_wallet_is_said_so_before_confirmation() {
    let mut f = form();
    f.opened();
    f.stay_wallet_known(&stays()[0].id, Ok(None));
    assert_eq!(row(&f, "Stay").note.as_deref(), Some("no wallet yet"));
    // Choosing the second stay asks for its wallet.
    assert_eq!(
        right(&mut f),
        FormOutcome::LookUpStayWallet(stays()[1].id.clone())
    );
    assert_eq!(
        row(&f, "Stay").note.as_deref(),
        Some("checking whether it has a wallet…")
    );
    f.stay_wallet_known(&stays()[1].id, Ok(Some(wallet_of_second_stay())));
    let note = row(&f, "Stay").note.expect("a note");
    assert!(
        note.contains("already has wallet 26dffc0d-0000-4000-8000-000000000001 (open)"),
        "{note}"
    );
    // Back and forth: what is known is not asked again.
    assert_eq!(press(&mut f, Key::plain(KeyCode::Left)), FormOutcome::Stay);
    assert_eq!(right(&mut f), FormOutcome::Stay);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("stay_picker_has_a_wallet_{w}x{h}"),
            draw(&f, w, h).backend()
        );
    }
    // The confirmation's "before" is that wallet.
    assert_eq!(enter(&mut f), FormOutcome::Stay);
    let confirm = f
        .view(&Keymap::defaults())
        .confirm
        .expect("the confirmation");
    assert_eq!(
        confirm.changes[0].before,
        "wallet 26dffc0d-0000-4000-8000-000000000001 (open)"
    );
}

#[test]
fn a_lookup_that_fails_says_the_wallet_is_not_known() {
    let mut f = form();
    f.opened();
    let error = ApiError::new(Provider::Pxlhub, ErrorKind::Timeout, "no answer in 10 s");
    f.stay_wallet_known(&stays()[0].id, Err(error));
    let note = row(&f, "Stay").note.expect("a note");
    assert!(
        note.starts_with("its wallet could not be checked"),
        "{note}"
    );
    assert_eq!(enter(&mut f), FormOutcome::Stay);
    let confirm = f
        .view(&Keymap::defaults())
        .confirm
        .expect("the confirmation");
    assert!(
        confirm.changes[0].before.starts_with("not known ("),
        "{:?}",
        confirm.changes
    );
}

#[test]
fn the_console_asks_pxlhub_for_the_chosen_stays_wallet_and_feeds_the_form() {
    use guichet::app::effect::{Effect, FormCall, Query};
    use guichet::app::msg::{FormAnswer, Msg, Reply, WalletFormData};
    use guichet::app::state::{Environment, Session, State};
    use guichet::app::update;
    let session = Session {
        profile: "demo".into(),
        environment: Environment::Sandbox,
        read_only: false,
        demo: true,
        insecure: false,
    };
    let mut s = State::new(session, Keymap::defaults(), today());
    let asked = |effects: &[Effect], s: &State| -> Vec<(u64, Query)> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Request { ticket, query } if s.inflight.contains_key(ticket) => {
                    Some((*ticket, query.clone()))
                }
                _ => None,
            })
            .filter(|(_, q)| matches!(q, Query::Form(_)))
            .collect()
    };
    update(&mut s, Msg::Key(Key::char('3')));
    let effects = update(&mut s, Msg::Key(Key::char('o')));
    let (ticket, _) = asked(&effects, &s)[0].clone();
    let data = Reply::Form(FormAnswer::WalletFormData(Ok(WalletFormData {
        stays: Ok(stays()),
        correlation_id: CORRELATION.into(),
    })));
    let effects = update(
        &mut s,
        Msg::Reply {
            ticket,
            reply: data,
        },
    );
    let lookups = asked(&effects, &s);
    assert_eq!(
        lookups.iter().map(|(_, q)| q.clone()).collect::<Vec<_>>(),
        vec![Query::Form(FormCall::StayWallet(stays()[0].id.clone()))]
    );
    let answer = Reply::Form(FormAnswer::StayWallet {
        stay_id: stays()[0].id.clone(),
        result: Ok(Some(wallet_of_second_stay())),
    });
    update(
        &mut s,
        Msg::Reply {
            ticket: lookups[0].0,
            reply: answer,
        },
    );
    let form = s
        .form
        .as_ref()
        .and_then(|slot| slot.form())
        .expect("the form");
    let note = row(form, "Stay").note.expect("a note");
    assert!(note.contains("already has wallet"), "{note}");
    // Esc closes the form and drops a lookup still under way.
    let effects = update(&mut s, Msg::Key(Key::plain(KeyCode::Right)));
    let pending = asked(&effects, &s);
    assert_eq!(pending.len(), 1, "{effects:?}");
    update(&mut s, Msg::Key(Key::plain(KeyCode::Esc)));
    update(&mut s, Msg::Key(Key::char('y')));
    assert!(s.form.is_none());
    assert!(!s.inflight.contains_key(&pending[0].0));
}
