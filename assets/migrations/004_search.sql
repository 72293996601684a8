-- Search, an extension of the sandbox (the providers' documents define none), read from
-- indexes so that it stays fast at scale.
-- Customers and stays by the start of any word of their texts (or of the whole text): one
-- row per folded term (lower case, accents removed), filled by the sandbox from the seeded
-- rows (`sandbox::search::build_terms`: folding needs more than SQL has), as only the seed
-- writes customers and stays. `customer` and `stay` are the rows' rowids; `name` and `id`
-- are the customer's (the guest's name, the stay's id), so that a search sorted by name
-- (ties by id, as every list) is counted and ordered from this table alone, without reading
-- each row it found.
CREATE TABLE customer_terms (
    term     TEXT NOT NULL,
    customer INTEGER NOT NULL,
    name     TEXT NOT NULL,
    id       TEXT NOT NULL,
    PRIMARY KEY (term, customer)
) WITHOUT ROWID;

CREATE TABLE stay_terms (
    term TEXT NOT NULL,
    stay INTEGER NOT NULL,
    name TEXT NOT NULL,
    id   TEXT NOT NULL,
    PRIMARY KEY (term, stay)
) WITHOUT ROWID;

-- Accounts by the last four characters of the IBAN or of the card's PAN, and wallets by
-- medium reference: expression and column indexes, kept by SQLite through every write.
CREATE INDEX accounts_iban_last4 ON accounts (substr(pm_iban, -4));
CREATE INDEX accounts_token ON accounts (pm_token);
CREATE INDEX card_tokens_last4 ON card_tokens (substr(pan, -4));
CREATE INDEX wallets_medium ON wallets (medium_ref);
