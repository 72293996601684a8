-- Search, an extension of the sandbox (the providers' documents define none), read from
-- indexes so that it stays fast at scale:
-- customers by any part of the name, email, phone (digits only) or external id, and stays
-- by any part of the guest's name: FTS5 trigram tables (case- and accent-insensitive),
-- filled here from the seeded rows and kept in step by triggers;
-- accounts by the last four characters of the IBAN or of the card's PAN, and wallets by
-- medium reference: expression and column indexes.
CREATE VIRTUAL TABLE customers_search USING fts5(
    name, email, phone, external_id,
    tokenize = 'trigram remove_diacritics 1'
);
INSERT INTO customers_search (rowid, name, email, phone, external_id)
    SELECT rowid, name, email, replace(replace(replace(phone, ' ', ''), '+', ''), '-', ''), external_id
    FROM customers;
CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_search (rowid, name, email, phone, external_id)
    VALUES (new.rowid, new.name, new.email,
            replace(replace(replace(new.phone, ' ', ''), '+', ''), '-', ''), new.external_id);
END;
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
    DELETE FROM customers_search WHERE rowid = old.rowid;
END;
CREATE TRIGGER customers_search_update AFTER UPDATE ON customers BEGIN
    DELETE FROM customers_search WHERE rowid = old.rowid;
    INSERT INTO customers_search (rowid, name, email, phone, external_id)
    VALUES (new.rowid, new.name, new.email,
            replace(replace(replace(new.phone, ' ', ''), '+', ''), '-', ''), new.external_id);
END;

CREATE VIRTUAL TABLE stays_search USING fts5(
    guest_name,
    tokenize = 'trigram remove_diacritics 1'
);
INSERT INTO stays_search (rowid, guest_name) SELECT rowid, guest_name FROM stays;
CREATE TRIGGER stays_search_insert AFTER INSERT ON stays BEGIN
    INSERT INTO stays_search (rowid, guest_name) VALUES (new.rowid, new.guest_name);
END;
CREATE TRIGGER stays_search_delete AFTER DELETE ON stays BEGIN
    DELETE FROM stays_search WHERE rowid = old.rowid;
END;
CREATE TRIGGER stays_search_update AFTER UPDATE ON stays BEGIN
    DELETE FROM stays_search WHERE rowid = old.rowid;
    INSERT INTO stays_search (rowid, guest_name) VALUES (new.rowid, new.guest_name);
END;

CREATE INDEX accounts_iban_last4 ON accounts (substr(pm_iban, -4));
CREATE INDEX accounts_token ON accounts (pm_token);
CREATE INDEX card_tokens_last4 ON card_tokens (substr(pan, -4));
CREATE INDEX wallets_medium ON wallets (medium_ref);
