-- Tables of the sandbox. Money is integer cents; timestamps are RFC 3339 text in UTC (`Z`),
-- which sorts in time order; S-money operation dates are kept as epoch milliseconds plus
-- the offset they are shown in.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE customers (
    id                TEXT PRIMARY KEY,
    external_id       TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL,
    segment           TEXT NOT NULL,
    name              TEXT NOT NULL,
    first_name        TEXT NOT NULL,
    last_name         TEXT NOT NULL,
    email             TEXT NOT NULL,
    phone             TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    special_treatment TEXT NOT NULL,
    categories        TEXT NOT NULL
);

CREATE TABLE accounts (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    modality    TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    street      TEXT,
    postal_code TEXT,
    city        TEXT,
    country     TEXT,
    pm_type     TEXT NOT NULL,
    pm_iban     TEXT,
    pm_token    TEXT,
    methods     TEXT NOT NULL
);

CREATE TABLE billing_addresses (
    id           INTEGER PRIMARY KEY,
    account_id   TEXT NOT NULL,
    street       TEXT NOT NULL,
    postal_code  TEXT NOT NULL,
    city         TEXT NOT NULL,
    country      TEXT NOT NULL,
    create_stamp TEXT NOT NULL
);

CREATE TABLE promotions (
    id                TEXT PRIMARY KEY,
    account_id        TEXT NOT NULL,
    code              TEXT NOT NULL,
    name              TEXT NOT NULL,
    discount_type     TEXT NOT NULL,
    discount_value    INTEGER NOT NULL,
    start_date        TEXT NOT NULL,
    end_date          TEXT,
    cancellation_date TEXT
);

CREATE TABLE promotion_history (
    id                   TEXT PRIMARY KEY,
    account_id           TEXT NOT NULL,
    account_promotion_id TEXT NOT NULL,
    code                 TEXT NOT NULL,
    operation            TEXT NOT NULL,
    operation_date       TEXT NOT NULL
);

CREATE TABLE card_tokens (
    token         TEXT PRIMARY KEY,
    pan           TEXT NOT NULL,
    brand         TEXT NOT NULL,
    expiry_month  INTEGER NOT NULL,
    expiry_year   INTEGER NOT NULL,
    status        TEXT NOT NULL,
    creation_date TEXT NOT NULL,
    replacement   TEXT
);

CREATE TABLE establishments (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE stays (
    id               TEXT PRIMARY KEY,
    establishment_id TEXT NOT NULL,
    guest_name       TEXT NOT NULL,
    arrival          TEXT NOT NULL,
    departure        TEXT NOT NULL
);

CREATE TABLE wallets (
    id                 TEXT PRIMARY KEY,
    stay_id            TEXT NOT NULL UNIQUE,
    establishment_id   TEXT NOT NULL,
    mode               TEXT NOT NULL,
    currency           TEXT NOT NULL,
    balance_cents      INTEGER NOT NULL,
    credit_limit_cents INTEGER,
    medium_ref         TEXT,
    status             TEXT NOT NULL,
    opened_at          TEXT NOT NULL,
    correlation_id     TEXT NOT NULL
);

CREATE TABLE refunds (
    idempotency_key TEXT PRIMARY KEY,
    wallet_id       TEXT NOT NULL,
    refunded_cents  INTEGER NOT NULL,
    refund_ref      TEXT NOT NULL,
    business_date   TEXT NOT NULL,
    correlation_id  TEXT NOT NULL
);

CREATE TABLE smoney_users (
    app_user_id   TEXT PRIMARY KEY,
    account_id    INTEGER NOT NULL,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    email         TEXT NOT NULL,
    status        INTEGER NOT NULL,
    kyc_level     INTEGER NOT NULL,
    balance_cents INTEGER NOT NULL
);

CREATE TABLE bank_accounts (
    id           INTEGER PRIMARY KEY,
    app_user_id  TEXT NOT NULL,
    display_name TEXT NOT NULL,
    bic          TEXT NOT NULL,
    iban         TEXT NOT NULL,
    is_mine      INTEGER NOT NULL
);

CREATE TABLE moneyouts (
    id              INTEGER PRIMARY KEY,
    app_user_id     TEXT NOT NULL,
    kind            TEXT NOT NULL,
    bank_account_id INTEGER,
    ba_display_name TEXT NOT NULL,
    ba_bic          TEXT NOT NULL,
    ba_iban         TEXT NOT NULL,
    ba_is_mine      INTEGER NOT NULL,
    amount          INTEGER NOT NULL,
    fee_amount      INTEGER NOT NULL,
    fee_vat_tenths  INTEGER,
    fee_with_vat    INTEGER NOT NULL,
    fee_status      INTEGER NOT NULL,
    op_ms           INTEGER NOT NULL,
    op_offset_min   INTEGER NOT NULL
);
