//! Fixed, hand-written resources for deterministic screens.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use guichet::domain::Cents;
use guichet::domain::card::{CardToken, TokenStatus};
use guichet::domain::cashless::{Stay, Wallet, WalletMode, WalletStatus};
use guichet::domain::customer::{
    Account, AccountStatus, BillingAddress, BillingAddressRecord, Customer, CustomerType, Discount,
    DiscountType, IbanText, Modality, PaymentMethod, Promotion,
};
use guichet::domain::money::Currency;
use guichet::domain::transfer::{BankAccount, Fee, FeeStatus, MoneyOut, SubAccountRef};

pub fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 10, 0, 0)
        .single()
        .expect("valid time")
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

const NAMES: [(&str, &str); 6] = [
    ("Élodie Martin", "elodie.martin@example.fr"),
    ("Jan de Vries", "jan.devries@example.nl"),
    (
        "Société Générale des Eaux de Lyon",
        "compta@eaux-lyon.example.fr",
    ),
    ("Zoë Ångström", "zoe@example.se"),
    ("山田 太郎", "taro.yamada@example.jp"),
    ("Karim Benali", "karim.benali@example.fr"),
];

pub fn customer(i: usize) -> Customer {
    let (name, email) = NAMES[i % NAMES.len()];
    Customer {
        id: format!("8f0e{i:04}-1c2d-4e5f-8a9b-0c1d2e3f4a5b"),
        external_id: format!("C-{:06}", 123 + i),
        kind: if i == 2 {
            CustomerType::Business
        } else {
            CustomerType::Individual
        },
        segment: Some(if i == 2 { "ENTERPRISE" } else { "RESIDENTIAL" }.into()),
        name: name.into(),
        email: Some(email.into()),
        phone: Some("+33 6 12 34 56 78".into()),
        created_at: at(2024, 3, 1 + i as u32),
        special_treatment: if i == 0 { vec!["VIP".into()] } else { vec![] },
        categories: vec!["fiber".into(), "mobile".into()],
    }
}

pub fn customers(n: usize) -> Vec<Customer> {
    (0..n).map(customer).collect()
}

pub fn evil_customer() -> Customer {
    let mut c = customer(0);
    c.name = "Mallory\x1b]0;pwned\x07\x1b[31mRED\x1b[0m\r\n".into();
    c.email = Some("m\x1b[2J@example.fr".into());
    c
}

pub fn account(i: usize) -> Account {
    Account {
        id: format!("a1b2{i:04}-0000-4000-8000-00000000aaaa"),
        customer_id: customer(0).id,
        modality: if i.is_multiple_of(2) {
            Modality::Postpaid
        } else {
            Modality::RecurringPrepaid
        },
        status: [
            AccountStatus::Active,
            AccountStatus::Suspended,
            AccountStatus::Closed,
        ][i % 3]
            .clone(),
        created_at: at(2025, 1, 1 + i as u32),
        billing_address: Some(BillingAddress {
            street: "12 rue Oberkampf".into(),
            postal_code: "75011".into(),
            city: "Paris".into(),
            country: "FR".into(),
        }),
        payment_method: if i.is_multiple_of(2) {
            PaymentMethod::DirectDebit {
                iban: IbanText("FR7630006000011234567890189".into()),
            }
        } else {
            PaymentMethod::CreditCard {
                token_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7".into(),
            }
        },
    }
}

pub fn card(expired: bool) -> CardToken {
    CardToken {
        token: "7c9e6679-7425-40de-944b-e07fc1f90ae7".into(),
        brand: "VISA".into(),
        masked_pan: "497010XXXXXX7890".into(),
        expiry_month: 12,
        expiry_year: if expired { 2025 } else { 2027 },
        status: if expired {
            TokenStatus::Expired
        } else {
            TokenStatus::Active
        },
    }
}

pub fn promotions() -> Vec<Promotion> {
    vec![
        Promotion {
            id: "p1".into(),
            promotion_code: "WELCOME10".into(),
            name: "Welcome 10%".into(),
            discount: Discount {
                kind: DiscountType::Percentage,
                value: 10,
            },
            start_date: day(2025, 1, 1),
            end_date: Some(day(2026, 12, 31)),
            cancellation_date: None,
        },
        Promotion {
            id: "p2".into(),
            promotion_code: "SPRING5".into(),
            name: "Spring".into(),
            discount: Discount {
                kind: DiscountType::Amount,
                value: 500,
            },
            start_date: day(2027, 3, 1),
            end_date: None,
            cancellation_date: None,
        },
    ]
}

pub fn billing() -> Vec<BillingAddressRecord> {
    vec![BillingAddressRecord {
        address: BillingAddress {
            street: "3 place Bellecour".into(),
            postal_code: "69002".into(),
            city: "Lyon".into(),
            country: "FR".into(),
        },
        create_stamp: at(2025, 6, 1),
    }]
}

pub fn wallet(i: usize) -> Wallet {
    Wallet {
        id: format!("w{i:07}-0000-4000-8000-00000000beef"),
        stay_id: format!("5{i:07}-0000-4000-8000-00000000cafe"),
        establishment_id: "e5ab0000-0000-4000-8000-000000000001".into(),
        mode: if i.is_multiple_of(3) {
            WalletMode::Postpaid
        } else {
            WalletMode::Prepaid
        },
        currency: Currency::EUR,
        balance: Cents(12345 * i as i64 - 5000),
        credit_limit: (i.is_multiple_of(3)).then_some(Cents(50000)),
        medium_ref: Some(format!("BR-{:06}", 4512 + i)),
        status: if i == 4 {
            WalletStatus::Closed
        } else {
            WalletStatus::Open
        },
        opened_at: at(2026, 11, 1 + i as u32),
    }
}

pub fn stay() -> Stay {
    Stay {
        id: wallet(0).stay_id,
        establishment_id: "e5ab0000-0000-4000-8000-000000000001".into(),
        establishment_name: Some("Hôtel des Arts Lyon".into()),
        guest_name: "Jan de Vries".into(),
        arrival: day(2026, 11, 19),
        departure: day(2026, 11, 23),
    }
}

pub fn transfer(i: usize) -> MoneyOut {
    let offset = FixedOffset::east_opt(3600).expect("offset");
    MoneyOut {
        id: 412 + i as i64,
        account: Some(SubAccountRef {
            id: Some(98),
            app_account_id: Some("C-000123".into()),
            display_name: Some("Élodie Martin".into()),
            href: Some("/api/accounts/C-000123".into()),
        }),
        bank_account: BankAccount {
            id: Some(42),
            display_name: Some("Compte courant".into()),
            bic: Some("CMCIFR2A".into()),
            iban: Some(IbanText("FR7630006000011234567890189".into())),
            is_mine: Some(true),
        },
        amount: Cents(2350 + 1000 * i as i64),
        fee: Some(Fee {
            amount: Cents(150),
            vat_percent: Some(20.0),
            amount_with_vat: Cents(180),
            status: Some(FeeStatus::Succeeded),
        }),
        operation_date: offset
            .with_ymd_and_hms(2025, 3, 10, 15, 49, 58)
            .single()
            .expect("valid time"),
    }
}
