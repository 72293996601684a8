//! Charts: what each one charts (`ChartKey`), the aggregates it draws (integer cents,
//! months from `State::today`), its view on a pane's stack and the cache of finished ones.
//! Pure data: the paging is in `chart_loads`, the drawing in `ui::chart`.

use super::ids::{Ticket, ViewId};
use crate::domain::cashless::{Wallet, WalletMode};
use crate::domain::customer::Promotion;
use crate::domain::money::Currency;
use crate::domain::transfer::MoneyOut;
use crate::domain::{ApiError, Cents, Page};
use chrono::{Datelike, Months, NaiveDate};
use std::collections::BTreeMap;

/// Months a user's transfers chart covers, the current one last.
pub const MONTHS: usize = 24;

/// What a chart is of; the cache is keyed by it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChartKey {
    /// An S-money user's transfers by month (`AppUserId`).
    UserTransfers(String),
    /// Every pxlhub wallet, by establishment.
    Wallets,
    /// A MasCustomers account's promotions.
    Promotions(String),
}

impl ChartKey {
    /// For breadcrumbs.
    pub fn title(&self) -> String {
        match self {
            ChartKey::UserTransfers(user) => format!("Chart: transfers of {user}"),
            ChartKey::Wallets => "Chart: wallets by establishment".into(),
            ChartKey::Promotions(account) => {
                format!("Chart: promotions of {}", super::subject::short_id(account))
            }
        }
    }
}

/// The first day of the month `d` is in.
pub fn month_of(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// One month of a user's transfers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthTotal {
    /// Its first day.
    pub month: NaiveDate,
    pub count: u64,
    pub amount: Cents,
}

/// A user's transfers over the `MONTHS` months up to today's, oldest month first.
#[derive(Debug, Clone, PartialEq)]
pub struct TransfersByMonth {
    pub months: Vec<MonthTotal>,
    /// S-money moneyouts carry no currency: the API's amounts are euros.
    pub currency: Currency,
    /// Transfers read, in the window or not.
    pub read: u64,
}

impl TransfersByMonth {
    pub fn new(today: NaiveDate) -> TransfersByMonth {
        let last = month_of(today);
        let months = (0..MONTHS)
            .rev()
            .map(|back| MonthTotal {
                month: last
                    .checked_sub_months(Months::new(back as u32))
                    .unwrap_or(last),
                count: 0,
                amount: Cents(0),
            })
            .collect();
        TransfersByMonth {
            months,
            currency: Currency::EUR,
            read: 0,
        }
    }

    /// The first day the chart covers.
    pub fn since(&self) -> NaiveDate {
        self.months.first().map_or(NaiveDate::MIN, |m| m.month)
    }

    /// Adds a page of transfers (in any order); those outside the months are only counted
    /// as read. A transfer's month is that of its date in the provider's own offset, as
    /// S-money shows it.
    pub fn add(&mut self, page: &[MoneyOut]) {
        for t in page {
            self.read += 1;
            let month = month_of(t.operation_date.date_naive());
            if let Some(m) = self.months.iter_mut().find(|m| m.month == month) {
                m.count += 1;
                m.amount = Cents(m.amount.0.saturating_add(t.amount.0));
            }
        }
    }

    pub fn total_count(&self) -> u64 {
        self.months.iter().map(|m| m.count).sum()
    }

    pub fn total_amount(&self) -> Cents {
        Cents(self.months.iter().map(|m| m.amount.0).sum())
    }

    /// The monthly counts, oldest first (for a sparkline).
    pub fn counts(&self) -> Vec<u64> {
        self.months.iter().map(|m| m.count).collect()
    }
}

/// One establishment's wallets in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EstablishmentTotal {
    pub wallets: u64,
    pub balance: i64,
    /// Postpaid wallets whose balance is below zero.
    pub postpaid_negative: u64,
}

/// The balance histogram's bins: upper bounds in cents (exclusive), the last bin open.
pub const BINS: [(i64, &str); 7] = [
    (-50_000, "< -500"),
    (-25_000, "-500…-250"),
    (0, "-250…<0"),
    (1, "0"),
    (25_000, ">0…250"),
    (50_000, "250…500"),
    (i64::MAX, "≥ 500"),
];

/// Which bin a balance in cents falls in.
pub fn bin_of(cents: i64) -> usize {
    BINS.iter()
        .position(|(upper, _)| cents < *upper)
        .unwrap_or(BINS.len() - 1)
}

/// Every wallet, by establishment and currency, and the spread of the balances of the
/// most common currency.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WalletSpread {
    pub by_establishment: BTreeMap<(String, Currency), EstablishmentTotal>,
    /// Wallets per currency, so the histogram is of one currency only.
    pub per_currency: BTreeMap<Currency, u64>,
    /// Per currency, the wallets in each of `BINS`.
    pub bins: BTreeMap<Currency, [u64; BINS.len()]>,
    pub read: u64,
}

impl WalletSpread {
    pub fn add(&mut self, page: &[Wallet]) {
        for w in page {
            self.read += 1;
            let row = self
                .by_establishment
                .entry((w.establishment_id.clone(), w.currency))
                .or_default();
            row.wallets += 1;
            row.balance = row.balance.saturating_add(w.balance.0);
            if w.mode == WalletMode::Postpaid && w.balance.0 < 0 {
                row.postpaid_negative += 1;
            }
            *self.per_currency.entry(w.currency).or_default() += 1;
            self.bins.entry(w.currency).or_insert([0; BINS.len()])[bin_of(w.balance.0)] += 1;
        }
    }

    /// The currency most wallets are in (the histogram's).
    pub fn main_currency(&self) -> Option<Currency> {
        self.per_currency
            .iter()
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
            .map(|(c, _)| *c)
    }

    /// Wallets in another currency than the histogram's.
    pub fn other_currencies(&self) -> u64 {
        let main = self.main_currency();
        self.per_currency
            .iter()
            .filter(|(c, _)| Some(**c) != main)
            .map(|(_, n)| n)
            .sum()
    }
}

/// What a chart draws.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartData {
    Transfers(TransfersByMonth),
    Wallets(WalletSpread),
    /// Every promotion of the account (any state), as the provider lists them.
    Promotions(Vec<Promotion>),
}

impl ChartData {
    /// Nothing read yet, for `key` on `today`.
    pub fn empty(key: &ChartKey, today: NaiveDate) -> ChartData {
        match key {
            ChartKey::UserTransfers(_) => ChartData::Transfers(TransfersByMonth::new(today)),
            ChartKey::Wallets => ChartData::Wallets(WalletSpread::default()),
            ChartKey::Promotions(_) => ChartData::Promotions(Vec::new()),
        }
    }

    /// Rows read so far.
    pub fn rows(&self) -> u64 {
        match self {
            ChartData::Transfers(t) => t.read,
            ChartData::Wallets(w) => w.read,
            ChartData::Promotions(p) => p.len() as u64,
        }
    }
}

/// Where the paging of a chart stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paging {
    /// Pages asked for and not answered yet: page → ticket.
    pub asking: BTreeMap<u32, Ticket>,
    /// Pages answered.
    pub done: std::collections::BTreeSet<u32>,
    /// The next page not asked for yet.
    pub next: u32,
    /// The number of pages, once known (a total, or the page that ended the list).
    pub pages: Option<u32>,
    /// A page waiting for the provider's `Retry-After`.
    pub waiting: Option<u32>,
}

impl Paging {
    /// Every page up to the end has arrived.
    pub fn complete(&self) -> bool {
        self.pages
            .is_some_and(|n| self.asking.is_empty() && (0..n).all(|p| self.done.contains(&p)))
    }
}

/// A chart view: what it charts, what is read so far, how the reading goes.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartView {
    pub id: ViewId,
    pub key: ChartKey,
    pub data: ChartData,
    pub paging: Paging,
    /// Every page is in: the chart is final (and cached).
    pub complete: bool,
    /// Shown from the cache, without a request.
    pub cached: bool,
    pub error: Option<ApiError>,
    /// The reading stopped at `chart_loads::MAX_PAGES` before the list ended.
    pub truncated: bool,
    /// 429s taken in this reading.
    pub rate_retries: u32,
    /// The month the cursor is on (transfers), or the promotion (timeline); an index.
    pub cursor: usize,
}

impl ChartView {
    pub fn new(id: ViewId, key: ChartKey, today: NaiveDate) -> ChartView {
        let data = ChartData::empty(&key, today);
        let cursor = match key {
            ChartKey::UserTransfers(_) => MONTHS - 1,
            _ => 0,
        };
        ChartView {
            id,
            key,
            data,
            paging: Paging::default(),
            complete: false,
            cached: false,
            error: None,
            truncated: false,
            rate_retries: 0,
            cursor,
        }
    }

    pub fn title(&self) -> String {
        self.key.title()
    }

    pub fn tickets(&self) -> Vec<Ticket> {
        self.paging.asking.values().copied().collect()
    }

    /// The progress line: `page 3 of 12 · 600 rows`, or what ended it.
    pub fn progress(&self) -> String {
        let rows = super::format::thousands(self.data.rows());
        let noun = match self.key {
            ChartKey::UserTransfers(_) => "transfers",
            ChartKey::Wallets => "wallets",
            ChartKey::Promotions(_) => "promotions",
        };
        if self.complete {
            let from = if self.cached {
                " (cached; r reloads)"
            } else {
                ""
            };
            let cut = if self.truncated {
                " · stopped at the page limit"
            } else {
                ""
            };
            return format!("complete · {rows} {noun} read{cut}{from}");
        }
        let pages = self.paging.done.len();
        let of = match self.paging.pages {
            Some(n) => format!(" of {n}"),
            None => String::new(),
        };
        let wait = if self.paging.waiting.is_some() {
            " · waiting (rate limited)"
        } else {
            ""
        };
        format!("loading · page {pages}{of} · {rows} {noun}{wait}")
    }

    /// Cursor steps: months or promotions.
    pub fn items(&self) -> usize {
        match &self.data {
            ChartData::Transfers(t) => t.months.len(),
            ChartData::Wallets(w) => w.by_establishment.len(),
            ChartData::Promotions(p) => p.len(),
        }
    }
}

/// The finished charts, by what they chart: reopening one shows it at once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartCache {
    entries: BTreeMap<ChartKey, ChartData>,
}

impl ChartCache {
    pub fn get(&self, key: &ChartKey) -> Option<&ChartData> {
        self.entries.get(key)
    }

    pub fn put(&mut self, key: ChartKey, data: ChartData) {
        self.entries.insert(key, data);
    }

    /// Forgets a chart whose data changed (a write the console made, or `r`).
    pub fn drop_key(&mut self, key: &ChartKey) {
        self.entries.remove(key);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// What a chart asks a provider for; the answer is a `ChartAnswer` of the same kind.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartCall {
    /// S-money `GET /users/{user}/moneyouts`, newest first, `chart_loads::CHART_PAGE` a page.
    TransfersPage { user: String, page: u32 },
    /// pxlhub `GET /wallets`, `chart_loads::CHART_PAGE` a page (with the total).
    WalletsPage { page: u32 },
    /// MasCustomers: every promotion of the account, whatever its state.
    Promotions { account_id: String },
}

impl ChartCall {
    pub fn provider(&self) -> crate::domain::Provider {
        use crate::domain::Provider;
        match self {
            ChartCall::TransfersPage { .. } => Provider::Smoney,
            ChartCall::WalletsPage { .. } => Provider::Pxlhub,
            ChartCall::Promotions { .. } => Provider::Mascustomers,
        }
    }

    pub fn label(&self) -> String {
        match self {
            ChartCall::TransfersPage { page, .. } => format!("chart: transfers page {}", page + 1),
            ChartCall::WalletsPage { page } => format!("chart: wallets page {}", page + 1),
            ChartCall::Promotions { .. } => "chart: promotions".into(),
        }
    }

    pub fn failure(&self, error: ApiError) -> ChartAnswer {
        match self {
            ChartCall::TransfersPage { page, .. } => ChartAnswer::Transfers {
                page: *page,
                result: Err(error),
            },
            ChartCall::WalletsPage { page } => ChartAnswer::Wallets {
                page: *page,
                result: Err(error),
            },
            ChartCall::Promotions { .. } => ChartAnswer::Promotions(Err(error)),
        }
    }
}

/// The answer to a `ChartCall`, variant for variant.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartAnswer {
    Transfers {
        page: u32,
        result: Result<Vec<MoneyOut>, ApiError>,
    },
    Wallets {
        page: u32,
        result: Result<Page<Wallet>, ApiError>,
    },
    Promotions(Result<Vec<Promotion>, ApiError>),
}

impl ChartAnswer {
    pub fn error(&self) -> Option<&ApiError> {
        match self {
            ChartAnswer::Transfers { result, .. } => result.as_ref().err(),
            ChartAnswer::Wallets { result, .. } => result.as_ref().err(),
            ChartAnswer::Promotions(r) => r.as_ref().err(),
        }
    }

    pub fn page(&self) -> u32 {
        match self {
            ChartAnswer::Transfers { page, .. } | ChartAnswer::Wallets { page, .. } => *page,
            ChartAnswer::Promotions(_) => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cashless::WalletStatus;
    use crate::domain::transfer::BankAccount;
    use chrono::{DateTime, FixedOffset};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn moneyout(at: &str, cents: i64) -> MoneyOut {
        MoneyOut {
            id: 1,
            account: None,
            bank_account: BankAccount {
                id: None,
                display_name: None,
                bic: None,
                iban: None,
                is_mine: None,
            },
            amount: Cents(cents),
            fee: None,
            operation_date: DateTime::<FixedOffset>::parse_from_rfc3339(at).unwrap(),
        }
    }

    fn wallet(est: &str, mode: WalletMode, cents: i64, currency: &str) -> Wallet {
        Wallet {
            id: "w".into(),
            stay_id: "s".into(),
            establishment_id: est.into(),
            mode,
            currency: Currency::parse(currency).unwrap(),
            balance: Cents(cents),
            credit_limit: None,
            medium_ref: None,
            status: WalletStatus::Open,
            opened_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn the_months_end_with_todays_and_go_back_24() {
        let t = TransfersByMonth::new(day(2026, 11, 21));
        assert_eq!(t.months.len(), MONTHS);
        assert_eq!(t.months[0].month, day(2024, 12, 1));
        assert_eq!(t.months[23].month, day(2026, 11, 1));
        assert_eq!(t.since(), day(2024, 12, 1));
        // The end of a month longer than the one 24 months back.
        let t = TransfersByMonth::new(day(2026, 3, 31));
        assert_eq!(t.months[0].month, day(2024, 4, 1));
    }

    #[test]
    fn transfers_fall_in_their_month_at_the_boundaries() {
        let mut t = TransfersByMonth::new(day(2026, 11, 21));
        t.add(&[
            moneyout("2024-11-30T23:59:59+01:00", 100), // before the window
            moneyout("2024-12-01T00:00:00+01:00", 250), // first day of the first month
            moneyout("2026-10-31T23:30:00+01:00", 1_000), // its own offset's date: October
            moneyout("2026-11-01T00:10:00+01:00", 5),   // November, though 23:10 UTC
            moneyout("2026-11-21T12:00:00+01:00", -40), // a negative amount is summed as is
            moneyout("2026-12-01T00:00:00+01:00", 7),   // after today's month
        ]);
        assert_eq!(t.read, 6);
        assert_eq!(t.months[0].count, 1);
        assert_eq!(t.months[0].amount, Cents(250));
        assert_eq!(t.months[22].count, 1);
        assert_eq!(t.months[22].amount, Cents(1_000));
        assert_eq!(t.months[23].count, 2);
        assert_eq!(t.months[23].amount, Cents(-35));
        assert_eq!(t.total_count(), 4);
        assert_eq!(t.total_amount(), Cents(1_215));
        assert_eq!(t.counts().iter().sum::<u64>(), 4);
    }

    #[test]
    fn an_empty_user_charts_zeros() {
        let t = TransfersByMonth::new(day(2026, 11, 21));
        assert_eq!(t.total_count(), 0);
        assert_eq!(t.total_amount(), Cents(0));
        assert_eq!(t.currency.as_str(), "EUR");
    }

    #[test]
    fn balances_fall_in_their_bins() {
        assert_eq!(bin_of(-80_000), 0);
        assert_eq!(bin_of(-50_000), 1);
        assert_eq!(bin_of(-25_001), 1);
        assert_eq!(bin_of(-25_000), 2);
        assert_eq!(bin_of(-1), 2);
        assert_eq!(bin_of(0), 3);
        assert_eq!(bin_of(1), 4);
        assert_eq!(bin_of(49_999), 5);
        assert_eq!(bin_of(50_000), 6);
        assert_eq!(bin_of(i64::MAX), 6);
    }

    #[test]
    fn wallets_add_up_by_establishment_and_currency() {
        let mut w = WalletSpread::default();
        w.add(&[
            wallet("e1", WalletMode::Postpaid, -1_000, "EUR"),
            wallet("e1", WalletMode::Postpaid, 0, "EUR"),
            wallet("e1", WalletMode::Prepaid, 3_000, "EUR"),
            wallet("e2", WalletMode::Postpaid, -70_000, "EUR"),
            wallet("e2", WalletMode::Prepaid, 500, "CHF"),
        ]);
        let eur = Currency::EUR;
        let e1 = &w.by_establishment[&("e1".to_string(), eur)];
        assert_eq!(
            (e1.wallets, e1.balance, e1.postpaid_negative),
            (3, 2_000, 1)
        );
        let e2 = &w.by_establishment[&("e2".to_string(), eur)];
        assert_eq!(
            (e2.wallets, e2.balance, e2.postpaid_negative),
            (1, -70_000, 1)
        );
        assert_eq!(w.by_establishment.len(), 3, "CHF apart");
        assert_eq!(w.main_currency(), Some(eur));
        assert_eq!(w.other_currencies(), 1);
        assert_eq!(w.bins[&eur], [1, 0, 1, 1, 1, 0, 0]);
        assert_eq!(w.read, 5);
    }

    #[test]
    fn paging_is_complete_when_every_page_to_the_end_is_in() {
        let mut p = Paging::default();
        assert!(!p.complete());
        p.pages = Some(2);
        p.done.insert(1);
        assert!(!p.complete());
        p.done.insert(0);
        assert!(p.complete());
        p.asking.insert(2, 9);
        assert!(!p.complete(), "a page past the end still under way");
    }
}
