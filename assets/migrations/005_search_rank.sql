-- The term tables again, narrower: instead of each row's name and id (some fifty bytes a
-- term, written a million times at scale 50), the row's rank in the order every search by
-- name returns (name, then id), numbered by the sandbox as it fills them
-- (`sandbox::search::build_terms`). A search by name reads two integers per term it finds
-- and sorts integers; filling them writes a third of the bytes. Ranks stay true because
-- only the seed writes customers and stays (a reset empties these tables and fills them
-- again). Emptied here, they are filled again on the next start.
DROP TABLE customer_terms;
DROP TABLE stay_terms;

CREATE TABLE customer_terms (
    term     TEXT NOT NULL,
    customer INTEGER NOT NULL,
    rank     INTEGER NOT NULL,
    PRIMARY KEY (term, customer)
) WITHOUT ROWID;

CREATE TABLE stay_terms (
    term TEXT NOT NULL,
    stay INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    PRIMARY KEY (term, stay)
) WITHOUT ROWID;
