-- Indexes for every sort and filter, each ending with the id so that ties are ordered and
-- deep pages are read from the index. Applied after the first seeding, which is faster
-- than maintaining them row by row.
CREATE INDEX customers_name ON customers (name, id);
CREATE INDEX customers_email ON customers (email, id);
CREATE INDEX customers_created ON customers (created_at, id);

CREATE INDEX accounts_created ON accounts (created_at, id);
CREATE INDEX accounts_status ON accounts (status, id);
CREATE INDEX accounts_modality ON accounts (modality, id);
CREATE INDEX accounts_customer_created ON accounts (customer_id, created_at, id);
CREATE INDEX accounts_customer_status ON accounts (customer_id, status, id);
CREATE INDEX accounts_customer_modality ON accounts (customer_id, modality, id);

CREATE INDEX billing_account ON billing_addresses (account_id, create_stamp);
CREATE INDEX promotions_account ON promotions (account_id, start_date);
CREATE INDEX promotion_history_account ON promotion_history (account_id, operation_date);
CREATE INDEX card_tokens_pan ON card_tokens (pan);

CREATE INDEX stays_arrival ON stays (arrival, id);
CREATE INDEX stays_guest ON stays (guest_name, id);

CREATE INDEX wallets_opened ON wallets (opened_at, id);
CREATE INDEX wallets_balance ON wallets (balance_cents, id);
CREATE INDEX wallets_status ON wallets (status, id);
CREATE INDEX wallets_est_opened ON wallets (establishment_id, opened_at, id);
CREATE INDEX wallets_est_balance ON wallets (establishment_id, balance_cents, id);
CREATE INDEX wallets_est_status ON wallets (establishment_id, status, id);
CREATE INDEX wallets_status_opened ON wallets (status, opened_at, id);
CREATE INDEX wallets_status_balance ON wallets (status, balance_cents, id);

CREATE INDEX bank_accounts_user ON bank_accounts (app_user_id, id);
CREATE INDEX moneyouts_user_date ON moneyouts (app_user_id, op_ms, id);
CREATE INDEX moneyouts_user_amount ON moneyouts (app_user_id, amount, id);
CREATE INDEX moneyouts_user_id ON moneyouts (app_user_id, id);
