//! Seed data of S-money: one-shot and recurring moneyouts over two years, with fees and VAT.

use super::prng::Rng;
use super::seed::{
    CUSTOMERS_PER_SCALE, Ctx, FIXTURE_MONEYOUTS_PER_SCALE, MONEYOUTS_PER_USER, SeedCounts,
    country_for, external_id, iban_for,
};
use super::smoney_write::fee_with_vat;
use super::time::days_ms;
use rusqlite::params;

pub(super) fn seed_moneyouts(
    ctx: &Ctx<'_>,
    scale: u64,
    bank_ranges: &[(i64, i64)],
    counts: &mut SeedCounts,
) -> Result<(), rusqlite::Error> {
    let mut rng = Rng::stream(ctx.seed, "moneyouts");
    let tx = ctx.tx;
    let mut banks_of = tx.prepare(
        "SELECT id, display_name, bic, iban FROM bank_accounts WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
    )?;
    let mut ins = tx.prepare(
        "INSERT INTO moneyouts (id, app_user_id, kind, bank_account_id, ba_display_name, ba_bic, ba_iban, ba_is_mine, amount, fee_amount, fee_vat_tenths, fee_with_vat, fee_status, op_ms, op_offset_min) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let two_years = days_ms(730);
    let mut id = 0i64;
    for i in 0..CUSTOMERS_PER_SCALE * scale {
        let ext = external_id(i);
        let range = bank_ranges.get(i as usize).copied().unwrap_or((1, 0));
        let banks: Vec<(i64, String, String, String)> = banks_of
            .query_map(params![range.0, range.1], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        let n = if i == 0 {
            FIXTURE_MONEYOUTS_PER_SCALE * scale
        } else {
            MONEYOUTS_PER_USER
        };
        let recurring_amount = rng.range(2_000, 90_000);
        let recurring_day = rng.range(0, 27);
        for m in 0..n {
            id += 1;
            let recurring = m % 3 == 0;
            let (amount, op_ms) = if recurring {
                // Monthly, same day of month, going back from today.
                let months = (m / 3) as i64 % 24;
                (
                    recurring_amount,
                    ctx.now_ms - days_ms(months * 30 + recurring_day) + rng.range(0, 3_600_000),
                )
            } else {
                (
                    rng.range(500, 250_000),
                    ctx.now_ms - rng.range(1, two_years),
                )
            };
            let (bank_id, display, bic, iban, mine) = if banks.is_empty() || rng.chance(20) {
                let c = country_for(&mut rng);
                (
                    None,
                    "Bénéficiaire".to_string(),
                    rng.pick(c.bics).to_string(),
                    iban_for(&mut rng, c.code),
                    false,
                )
            } else {
                let b = rng.pick(&banks);
                (Some(b.0), b.1.clone(), b.2.clone(), b.3.clone(), true)
            };
            let fee = rng.range(0, 250);
            // VAT 19.6% before 2014 in France, 20% since; null for fee-free transfers.
            let vat_tenths: Option<i64> = if fee == 0 {
                None
            } else if rng.chance(10) {
                Some(196)
            } else {
                Some(200)
            };
            let with_vat = match vat_tenths {
                None => fee,
                // Fees below 250 cents at 19.6 or 20 % are always in range.
                Some(v) => fee_with_vat(fee, v).unwrap_or(fee),
            };
            let fee_status = if rng.chance(95) {
                1
            } else {
                *rng.pick(&[0i64, 2, 3, 5])
            };
            ins.execute(params![
                id,
                ext,
                if recurring { "recurring" } else { "oneshot" },
                bank_id,
                display,
                bic,
                iban,
                mine,
                amount,
                fee,
                vat_tenths,
                with_vat,
                fee_status,
                op_ms,
                super::time::paris_offset_minutes(op_ms)
            ])?;
        }
    }
    counts.moneyouts = id as u64;
    Ok(())
}
