//! Seed data of pxlhub: establishments, stays and their wallets.

use super::prng::{Rng, uuid_for};
use super::seed::{Ctx, STAYS_PER_SCALE, SeedCounts, country_for, stay_has_wallet};
use super::seed_data::HOTELS;
use super::time::{days_ms, fmt_date, fmt_utc_ms, midnight_ms};
use rusqlite::params;

pub(super) fn seed_stays(
    ctx: &Ctx<'_>,
    scale: u64,
    counts: &mut SeedCounts,
) -> Result<(), rusqlite::Error> {
    let mut rng = Rng::stream(ctx.seed, "stays");
    let tx = ctx.tx;
    let mut ins_est = tx.prepare("INSERT INTO establishments (id, name) VALUES (?1, ?2)")?;
    for (e, name) in HOTELS.iter().enumerate() {
        ins_est.execute(params![uuid_for(ctx.seed, "establishment", e as u64), name])?;
    }
    let mut ins_stay = tx.prepare(
        "INSERT INTO stays (id, establishment_id, guest_name, arrival, departure) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut ins_wallet = tx.prepare(
        "INSERT INTO wallets (id, stay_id, establishment_id, mode, currency, balance_cents, credit_limit_cents, medium_ref, status, opened_at, correlation_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let n = STAYS_PER_SCALE * scale;
    for j in 0..n {
        let stay_id = uuid_for(ctx.seed, "stay", j);
        let est = if j == 0 {
            0
        } else {
            rng.below(HOTELS.len() as u64)
        };
        let est_id = uuid_for(ctx.seed, "establishment", est);
        let country = country_for(&mut rng);
        let guest = format!(
            "{} {}",
            rng.pick(country.first_names),
            rng.pick(country.last_names)
        );
        // Fixtures (j < 3) are in house today.
        let arrival = if j < 3 { -2 } else { rng.range(-200, 30) };
        let nights = rng.range(1, 10);
        let day = |d: i64| fmt_date(ctx.today + chrono::Duration::days(d));
        ins_stay.execute(params![
            stay_id,
            est_id,
            guest,
            day(arrival),
            day(arrival + nights)
        ])?;
        if stay_has_wallet(j) {
            let postpaid = j != 0 && rng.chance(35);
            let departed = arrival + nights < 0;
            let status = if j != 0 && departed && rng.chance(80) {
                "closed"
            } else {
                "open"
            };
            let balance = if j == 0 {
                12_345
            } else if status == "closed" {
                0
            } else if postpaid {
                -rng.range(0, 80_000)
            } else {
                rng.range(0, 50_000)
            };
            // A stay still to come was pre-registered: its wallet opened before today, never
            // in the future.
            let opened_ms =
                midnight_ms(ctx.today) + days_ms(arrival.min(-1)) + rng.range(0, 86_400_000);
            ins_wallet.execute(params![
                uuid_for(ctx.seed, "wallet", j),
                stay_id,
                est_id,
                if postpaid { "postpaid" } else { "prepaid" },
                "EUR",
                balance,
                if postpaid {
                    Some(rng.range(1, 10) * 10_000)
                } else {
                    None
                },
                if rng.chance(70) {
                    Some(format!("BR-{}", rng.digits(6)))
                } else {
                    None
                },
                status,
                fmt_utc_ms(opened_ms),
                uuid_for(ctx.seed, "wallet-correlation", j),
            ])?;
            counts.wallets += 1;
        }
    }
    counts.stays = n;
    Ok(())
}
