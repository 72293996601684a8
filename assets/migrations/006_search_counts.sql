-- The term tables again, so that a search counts and orders what it finds in SQL and keeps
-- only the page: each term row also holds how many bytes its term shares at its start with
-- the same row's term just before it in byte order (`shared`, 0 for its first). A row's
-- terms starting with a prefix follow one another, so exactly one of them (the first)
-- shares fewer bytes than the prefix has: `shared < length(prefix)` finds each customer or
-- stay once, with no de-duplication. The prefixes found in many rows have their count kept
-- (`*_term_counts`), so that a search for `m` does not count forty thousand rows.
-- Filled by the sandbox (`sandbox::search::build_terms`); emptied here, they are filled
-- again on the next start.
DROP TABLE customer_terms;
DROP TABLE stay_terms;

CREATE TABLE customer_terms (
    term     TEXT NOT NULL,
    customer INTEGER NOT NULL,
    rank     INTEGER NOT NULL,
    shared   INTEGER NOT NULL,
    PRIMARY KEY (term, customer)
) WITHOUT ROWID;

CREATE TABLE stay_terms (
    term   TEXT NOT NULL,
    stay   INTEGER NOT NULL,
    rank   INTEGER NOT NULL,
    shared INTEGER NOT NULL,
    PRIMARY KEY (term, stay)
) WITHOUT ROWID;

CREATE TABLE customer_term_counts (
    prefix TEXT PRIMARY KEY,
    found  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE stay_term_counts (
    prefix TEXT PRIMARY KEY,
    found  INTEGER NOT NULL
) WITHOUT ROWID;
