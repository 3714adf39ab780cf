/* pg_schema.c — the ledger's tables in PostgreSQL's dialect, the book's version, and verify's
 * proofs of the ledger's invariants on them.
 *
 * The same tables as SQLite's ledger room (docs/ledger.md), with BIGINT keys handed out under the
 * book's lock (no sequences: keys are dense and ordered), the transfers read by account through
 * two indexes (SQLite's runs of postings are its own compact form of the same index), and the
 * money rows immutable by plpgsql triggers. fb_book is the book's row: its lock, commit counter,
 * last timestamp, business date and schema version. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/pg_internal.h"

static const char schema_v1[] =
    "CREATE TABLE fb_book (id int PRIMARY KEY CHECK (id = 1), schema_version int NOT NULL,"
    " commits bigint NOT NULL DEFAULT 0, last_timestamp bigint NOT NULL DEFAULT 0,"
    " business_date int NOT NULL DEFAULT 0 CHECK (business_date >= 0));"
    "CREATE TABLE fb_settings (key text PRIMARY KEY, value bigint NOT NULL);"
    "CREATE TABLE accounts (key bigint PRIMARY KEY CHECK (key > 0), ts bigint NOT NULL UNIQUE,"
    " id text NOT NULL UNIQUE, ledger bigint NOT NULL, code int NOT NULL, flags int NOT NULL,"
    " user_data text, debits_pending bigint NOT NULL, debits_posted bigint NOT NULL,"
    " credits_pending bigint NOT NULL, credits_posted bigint NOT NULL);"
    "CREATE TABLE transfers (seq bigint PRIMARY KEY CHECK (seq > 0), ts bigint NOT NULL UNIQUE,"
    " id text NOT NULL UNIQUE, debit_account bigint NOT NULL, credit_account bigint NOT NULL,"
    " amount bigint NOT NULL CHECK (amount >= 0), pending bigint, ledger bigint NOT NULL,"
    " code int NOT NULL, flags int NOT NULL, timeout bigint NOT NULL, user_data text,"
    " value_date int NOT NULL);"
    "CREATE INDEX transfers_debit ON transfers (debit_account, ts);"
    "CREATE INDEX transfers_credit ON transfers (credit_account, ts);"
    "CREATE INDEX transfers_pending ON transfers (pending) WHERE pending IS NOT NULL;"
    "CREATE TABLE pending (ts bigint PRIMARY KEY, status smallint NOT NULL, expires_at bigint,"
    " resolved_at bigint);"
    "CREATE INDEX pending_due ON pending (expires_at) WHERE status = 1 AND expires_at IS NOT NULL;"
    "CREATE TABLE failed_ids (id text PRIMARY KEY, ts bigint NOT NULL, result int NOT NULL);"
    "CREATE TABLE balances (account bigint NOT NULL, ts bigint NOT NULL,"
    " debits_pending bigint NOT NULL, debits_posted bigint NOT NULL,"
    " credits_pending bigint NOT NULL, credits_posted bigint NOT NULL, value_date int NOT NULL,"
    " PRIMARY KEY (account, ts));"
    "CREATE VIEW accounts_now AS SELECT * FROM accounts;"
    "CREATE FUNCTION fb_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " RAISE EXCEPTION '% rows are never changed or deleted', TG_TABLE_NAME; END $$;"
    "CREATE TRIGGER transfers_immutable BEFORE UPDATE OR DELETE ON transfers"
    " FOR EACH STATEMENT EXECUTE FUNCTION fb_immutable();"
    "CREATE TRIGGER balances_immutable BEFORE UPDATE OR DELETE ON balances"
    " FOR EACH STATEMENT EXECUTE FUNCTION fb_immutable();"
    "CREATE FUNCTION fb_account_identity() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " RAISE EXCEPTION 'an account''s identity never changes (%)', OLD.id; END $$;"
    "CREATE TRIGGER accounts_identity BEFORE UPDATE ON accounts FOR EACH ROW WHEN"
    " ((OLD.key, OLD.ts, OLD.id, OLD.ledger, OLD.code, OLD.user_data) IS DISTINCT FROM"
    " (NEW.key, NEW.ts, NEW.id, NEW.ledger, NEW.code, NEW.user_data))"
    " EXECUTE FUNCTION fb_account_identity();"
    "CREATE TRIGGER accounts_immutable BEFORE DELETE ON accounts"
    " FOR EACH STATEMENT EXECUTE FUNCTION fb_immutable();"
    "CREATE TRIGGER failed_ids_immutable BEFORE UPDATE OR DELETE ON failed_ids"
    " FOR EACH STATEMENT EXECUTE FUNCTION fb_immutable();"
    "INSERT INTO fb_book (id, schema_version) VALUES (1, 1);";

/* 2: the access room and the ledger's chain, as SQLite has them from its versions 14 (users
 * that can be disabled, revoked, rotated; the audit log of both doors, keyed), 24 (ledger_chain)
 * and the guarantor role: the same columns, BYTEA for SQLite's blobs, plpgsql triggers where
 * SQLite has its RAISE(ABORT) ones. users.party names a party, which the loan book (not on
 * PostgreSQL yet) would hold: no reference, and the book refuses the roles bound to one. */
static const char schema_v2[] =
    "CREATE TABLE users (key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    " name text NOT NULL UNIQUE, role text NOT NULL CHECK (role IN ('admin', 'bank_officer',"
    " 'enterprise', 'government', 'auditor', 'guarantor')), party text, region int,"
    " token_hash bytea UNIQUE, password_hash text, created_at bigint NOT NULL,"
    " changed_at bigint NOT NULL, disabled_at bigint,"
    " CHECK ((role IN ('enterprise', 'guarantor')) = (party IS NOT NULL)),"
    " CHECK ((role = 'government') = (region IS NOT NULL)));"
    "CREATE TABLE audit (seq bigint PRIMARY KEY CHECK (seq > 0), at bigint NOT NULL,"
    " channel text NOT NULL CHECK (channel IN ('api', 'cli')), actor text NOT NULL,"
    " operation text NOT NULL, request_id text NOT NULL,"
    " result text NOT NULL CHECK (result IN ('ok', 'refused', 'failed')), outcome text NOT NULL,"
    " status int NOT NULL, prev bytea NOT NULL, hash bytea NOT NULL);"
    "CREATE TABLE audit_keying (one int PRIMARY KEY CHECK (one = 1), keyed_from bigint NOT NULL,"
    " key_id bytea NOT NULL, mac bytea NOT NULL, at bigint NOT NULL);"
    "CREATE TABLE ledger_chain (ts bigint PRIMARY KEY, n bigint NOT NULL CHECK (n > 0),"
    " hash bytea NOT NULL CHECK (length(hash) = 32));"
    "CREATE FUNCTION fb_never_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " RAISE EXCEPTION '%', TG_ARGV[0]; END $$;"
    "CREATE TRIGGER audit_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON audit"
    " FOR EACH STATEMENT EXECUTE FUNCTION fb_never_changed('the audit log is never changed');"
    "CREATE TRIGGER audit_keying_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_keying"
    " FOR EACH STATEMENT EXECUTE FUNCTION fb_never_changed('the audit log''s key never changes');"
    "CREATE TRIGGER ledger_chain_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_chain"
    " FOR EACH STATEMENT EXECUTE FUNCTION fb_never_changed('the chain is never changed or cut');"
    /* A book of version 1 gets one seal over every row it holds, as SQLite's version 24 gives a
     * book from before the chain: written by the store after this step (fb__pg_chain_genesis). */
    "UPDATE fb_book SET schema_version = 2 WHERE id = 1;";

/* 3: the loan book's first room, the parties, as SQLite has them from its version 15 (the
 * small-business owners): the same columns and constraints, the key handed out under the book's
 * lock (parties.c), ids and names in byte order ("C", SQLite's BINARY) so that pages and
 * searches sort as on SQLite, and never deleted. Regions and industries are codes checked in
 * core (no vocabulary table on either backend). */
static const char schema_v3[] =
    "CREATE TABLE parties (key bigint PRIMARY KEY CHECK (key > 0),"
    " id text COLLATE \"C\" NOT NULL UNIQUE, kind text NOT NULL CHECK (kind IN ('enterprise',"
    " 'individual_business', 'small_business_owner')), name text COLLATE \"C\" NOT NULL,"
    " uscc text NOT NULL, resident_id text, region int NOT NULL, city int NOT NULL,"
    " industry int NOT NULL, employees int NOT NULL CHECK (employees >= 0),"
    " revenue bigint NOT NULL CHECK (revenue >= 0),"
    " total_assets bigint NOT NULL CHECK (total_assets >= 0), flags int NOT NULL,"
    " size_class text NOT NULL, size_rule text NOT NULL, key_chain text, tech_sme int NOT NULL,"
    " tech_sme_rule text NOT NULL, deposit_account text NOT NULL, created_at bigint NOT NULL,"
    " CHECK ((kind = 'small_business_owner') = (resident_id IS NOT NULL)));"
    "CREATE UNIQUE INDEX parties_uscc ON parties (uscc) WHERE kind != 'small_business_owner';"
    "CREATE UNIQUE INDEX parties_resident ON parties (resident_id) WHERE resident_id IS NOT NULL;"
    "CREATE INDEX parties_city ON parties (city, industry);"
    "CREATE TRIGGER parties_no_delete BEFORE DELETE OR TRUNCATE ON parties"
    " FOR EACH STATEMENT EXECUTE FUNCTION fb_never_changed('parties are never deleted');"
    "UPDATE fb_book SET schema_version = 3 WHERE id = 1;";

static const char *const migrations[] = {schema_v1, schema_v2, schema_v3};
_Static_assert(sizeof migrations / sizeof migrations[0] == FB_PG_SCHEMA_VERSION,
               "a new version appends its migration here");

static int run_script(fb_store *s, const char *sql, const char *what) {
    PGresult *r = PQexec(s->pg->conn, sql);
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) return fb__pg_fail(s, r, what);
    PQclear(r);
    return FB_OK;
}

/* Creates the schema in one transaction; a concurrent creator's lock on fb_book waits. */
static int create(fb_store *s) {
    int rc = fb__pg_run(s, "BEGIN", 0, NULL, "creating the book");
    if (rc == FB_OK) rc = fb__pg_run(s, "LOCK TABLE pg_class IN SHARE MODE", 0, NULL, "creating");
    PGresult *r = NULL;
    if (rc == FB_OK) {
        rc = fb__pg_exec(s, "SELECT to_regclass('fb_book') IS NOT NULL", 0, NULL, PGRES_TUPLES_OK,
                         &r, "creating the book");
    }
    bool exists = rc == FB_OK && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
    PQclear(r);
    /* A new book: every version's tables at once (nothing to seal yet), no commit counted. */
    for (int v = 1; rc == FB_OK && !exists && v <= FB_PG_SCHEMA_VERSION; v++)
        rc = run_script(s, migrations[v - 1], "creating the tables");
    if (rc == FB_OK) return fb__pg_run(s, "COMMIT", 0, NULL, "creating the book");
    PQclear(PQexec(s->pg->conn, "ROLLBACK"));
    return rc;
}

/* Brings a book of an older version to this one, under the book's lock: each later migration
 * in one transaction, and a book that had no chain gets its genesis seal. */
static int migrate(fb_store *s, int *version) {
    int rc = fb__pg_begin_write(s);
    PGresult *r = NULL;
    if (rc == FB_OK) {
        rc = fb__pg_exec(s, "SELECT schema_version FROM fb_book WHERE id = 1", 0, NULL,
                         PGRES_TUPLES_OK, &r, "reading the schema version");
    }
    int have = rc == FB_OK && PQntuples(r) == 1 ? (int)fb__pg_int(r, 0, 0) : 0;
    PQclear(r);
    bool chained = have >= 2;
    for (int v = have + 1; rc == FB_OK && have >= 1 && v <= FB_PG_SCHEMA_VERSION; v++)
        rc = run_script(s, migrations[v - 1], "upgrading the book");
    if (rc == FB_OK && !chained) rc = fb__pg_chain_genesis(s);
    if (rc == FB_OK) rc = fb__pg_commit(s);
    if (rc) {
        fb__pg_rollback(s);
        return rc;
    }
    *version = FB_PG_SCHEMA_VERSION;
    return FB_OK;
}

int fb__pg_schema(fb_store *s, bool may_create, int *version) {
    FB_ASSERT(s->pg != NULL && version != NULL);
    PGresult *r = NULL;
    int rc = fb__pg_exec(s,
                         "SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = 'public'),"
                         " to_regclass('fb_book') IS NOT NULL",
                         0, NULL, PGRES_TUPLES_OK, &r, "reading the schema");
    if (rc) return rc;
    long long tables = fb__pg_int(r, 0, 0);
    bool book = strcmp(PQgetvalue(r, 0, 1), "t") == 0;
    PQclear(r);
    if (!book && tables > 0) {
        snprintf(s->errmsg, sizeof s->errmsg, "the database is not a finbridge book");
        return FB_ECORRUPT;
    }
    if (!book && !may_create) {
        snprintf(s->errmsg, sizeof s->errmsg,
                 "the database holds no book: create one with 'finbridge init --db URI'");
        return FB_ENOTFOUND;
    }
    if (!book) rc = create(s);
    if (rc == FB_OK) {
        rc = fb__pg_exec(s, "SELECT schema_version FROM fb_book WHERE id = 1", 0, NULL,
                         PGRES_TUPLES_OK, &r, "reading the schema version");
    }
    if (rc) return rc;
    *version = PQntuples(r) == 1 ? (int)fb__pg_int(r, 0, 0) : 0;
    PQclear(r);
    if (*version < 1) {
        snprintf(s->errmsg, sizeof s->errmsg, "the book records no valid schema version");
        return FB_ECORRUPT;
    }
    /* An older book is brought up when first opened for writing (a read-only open leaves it:
     * verify then checks its ledger only). */
    if (*version < FB_PG_SCHEMA_VERSION && !s->readonly) return migrate(s, version);
    return FB_OK;
}

/* ---- Verify ------------------------------------------------------------------------------- */

typedef struct {
    const char *name;
    const char *sql;
} check;

/* Each query's rows are failures, one line each: the ledger's invariants of verify.c, in
 * PostgreSQL's dialect. */
static const check checks[] = {
    {"each ledger's debits equal its credits",
     "SELECT 'ledger ' || ledger || ': debits_posted differ from credits_posted by ' ||"
     " (sum(debits_posted) - sum(credits_posted)) || ' fen' FROM accounts GROUP BY ledger"
     " HAVING sum(debits_posted) != sum(credits_posted) UNION ALL SELECT 'ledger ' || ledger ||"
     " ': debits_pending differ from credits_pending by ' ||"
     " (sum(debits_pending) - sum(credits_pending)) || ' fen' FROM accounts GROUP BY ledger"
     " HAVING sum(debits_pending) != sum(credits_pending)"},
    {"account debits_posted = its transfers",
     "SELECT 'account ' || a.id || ': debits_posted ' || a.debits_posted ||"
     " ' fen, its transfers sum to ' || COALESCE(x.s, 0) || ' fen' FROM accounts a"
     " LEFT JOIN (SELECT debit_account k, SUM(amount) s FROM transfers"
     "  WHERE flags & 10 = 0 GROUP BY debit_account) x ON x.k = a.key"
     " WHERE a.debits_posted != COALESCE(x.s, 0)"},
    {"account credits_posted = its transfers",
     "SELECT 'account ' || a.id || ': credits_posted ' || a.credits_posted ||"
     " ' fen, its transfers sum to ' || COALESCE(x.s, 0) || ' fen' FROM accounts a"
     " LEFT JOIN (SELECT credit_account k, SUM(amount) s FROM transfers"
     "  WHERE flags & 10 = 0 GROUP BY credit_account) x ON x.k = a.key"
     " WHERE a.credits_posted != COALESCE(x.s, 0)"},
    {"account debits_pending = its open pending transfers",
     "SELECT 'account ' || a.id || ': debits_pending ' || a.debits_pending ||"
     " ' fen, its open pending transfers sum to ' || COALESCE(x.s, 0) || ' fen' FROM accounts a"
     " LEFT JOIN (SELECT t.debit_account k, SUM(t.amount) s FROM transfers t"
     "  JOIN pending p ON p.ts = t.ts WHERE p.status = 1 GROUP BY t.debit_account) x"
     " ON x.k = a.key WHERE a.debits_pending != COALESCE(x.s, 0)"},
    {"account credits_pending = its open pending transfers",
     "SELECT 'account ' || a.id || ': credits_pending ' || a.credits_pending ||"
     " ' fen, its open pending transfers sum to ' || COALESCE(x.s, 0) || ' fen' FROM accounts a"
     " LEFT JOIN (SELECT t.credit_account k, SUM(t.amount) s FROM transfers t"
     "  JOIN pending p ON p.ts = t.ts WHERE p.status = 1 GROUP BY t.credit_account) x"
     " ON x.k = a.key WHERE a.credits_pending != COALESCE(x.s, 0)"},
    {"every transfer's accounts exist",
     "SELECT 'transfer ' || t.id || ': an account key it names is no account' FROM transfers t"
     " WHERE NOT EXISTS (SELECT 1 FROM accounts WHERE key = t.debit_account)"
     " OR NOT EXISTS (SELECT 1 FROM accounts WHERE key = t.credit_account)"},
    {"keys and sequence numbers are dense",
     "SELECT 'accounts: keys run to ' || max(key) || ' for ' || count(*) || ' accounts'"
     " FROM accounts HAVING coalesce(max(key), 0) != count(*)"
     " UNION ALL SELECT 'transfers: sequence numbers run to ' || max(seq) || ' for ' ||"
     " count(*) || ' transfers' FROM transfers HAVING coalesce(max(seq), 0) != count(*)"},
    {"limit flags hold",
     "SELECT 'account ' || id || ': ' || CASE WHEN flags & 2 != 0 THEN"
     " 'debits ' || (debits_pending + debits_posted) || ' fen exceed credits ' ||"
     " credits_posted || ' fen (debits_must_not_exceed_credits)' ELSE"
     " 'credits ' || (credits_pending + credits_posted) || ' fen exceed debits ' ||"
     " debits_posted || ' fen (credits_must_not_exceed_debits)' END FROM accounts"
     " WHERE (flags & 2 != 0 AND debits_pending + debits_posted > credits_posted)"
     " OR (flags & 4 != 0 AND credits_pending + credits_posted > debits_posted)"},
    {"every pending transfer has its status",
     "SELECT 'transfer ' || t.id || ': pending, but has no status row' FROM transfers t"
     " LEFT JOIN pending p ON p.ts = t.ts WHERE t.flags & 2 != 0 AND p.ts IS NULL"
     " UNION ALL SELECT 'status row ' || p.ts || ': not a pending transfer' FROM pending p"
     " LEFT JOIN transfers t ON t.ts = p.ts WHERE t.ts IS NULL OR t.flags & 2 = 0"},
    {"each pending transfer is resolved at most once, as its status says",
     "SELECT 'transfer ' || t.id || ': status ' || p.status || ' but ' || COUNT(r.ts) ||"
     " ' resolving transfers' FROM pending p JOIN transfers t ON t.ts = p.ts"
     " LEFT JOIN transfers r ON r.pending = p.ts GROUP BY p.ts, t.id, p.status"
     " HAVING COUNT(r.ts) > 1 OR (p.status IN (1, 4) AND COUNT(r.ts) != 0)"
     "  OR (p.status = 2 AND (COUNT(r.ts) != 1 OR MAX(r.flags & 4) = 0))"
     "  OR (p.status = 3 AND (COUNT(r.ts) != 1 OR MAX(r.flags & 8) = 0))"},
    {"posting and voiding transfers refer to pending transfers",
     "SELECT 'transfer ' || r.id || ': resolves ' || COALESCE(t.id, 'nothing') ||"
     " ', which is not pending or moves a different pair of accounts' FROM transfers r"
     " LEFT JOIN transfers t ON t.ts = r.pending WHERE r.flags & 12 != 0 AND (t.ts IS NULL OR"
     " t.flags & 2 = 0 OR t.debit_account != r.debit_account OR"
     " t.credit_account != r.credit_account OR r.amount > t.amount)"},
    {"closed accounts are closed",
     /* Two joins on equal keys, not one on an OR (a nested loop over every pair). */
     "SELECT 'account ' || a.id || ': a closing transfer stands but the account is open'"
     " FROM transfers t JOIN pending p ON p.ts = t.ts JOIN accounts a ON a.key = t.debit_account"
     " WHERE t.flags & 64 != 0 AND p.status IN (1, 2) AND a.flags & 16 = 0 UNION ALL"
     " SELECT 'account ' || a.id || ': a closing transfer stands but the account is open'"
     " FROM transfers t JOIN pending p ON p.ts = t.ts JOIN accounts a ON a.key = t.credit_account"
     " WHERE t.flags & 128 != 0 AND p.status IN (1, 2) AND a.flags & 16 = 0"},
    {"balance history ends at the balances",
     "SELECT 'account ' || a.id || ': last balance history row differs from its balances'"
     " FROM accounts a JOIN balances b ON b.account = a.key"
     " AND b.ts = (SELECT MAX(ts) FROM balances WHERE account = a.key)"
     " WHERE a.debits_pending != b.debits_pending OR a.debits_posted != b.debits_posted"
     " OR a.credits_pending != b.credits_pending OR a.credits_posted != b.credits_posted"},
    {"a balance history row has its transfer's value date",
     "SELECT 'account ' || a.id || ': balance history row ' || b.ts || ' has value date ' ||"
     " b.value_date || ', its transfer ' || t.value_date FROM balances b JOIN transfers t"
     " ON t.ts = b.ts JOIN accounts a ON a.key = b.account WHERE b.value_date != t.value_date"},
    {"timestamps are unique and before the last one handed out",
     "SELECT 'timestamp ' || ts || ' is after the last one handed out, ' || b.last_timestamp"
     " FROM (SELECT ts FROM accounts UNION ALL SELECT ts FROM transfers) x, fb_book b"
     " WHERE x.ts > b.last_timestamp UNION ALL SELECT 'timestamp ' || a.ts ||"
     " ' is both an account''s and a transfer''s' FROM accounts a JOIN transfers t ON t.ts = a.ts"},
};

/* The parties' invariants of verify.c (schema version 3 on): each party's deposit account. The
 * codes and uniqueness are the schema's constraints. */
static const check party_checks[] = {
    {"every party has its deposit account",
     "SELECT 'party ' || p.id || ': no deposit account ' || p.deposit_account FROM parties p"
     " LEFT JOIN accounts_now a ON a.id = p.deposit_account"
     " WHERE a.key IS NULL OR a.ledger != 1 OR a.code != 2011"},
};

/* Runs n checks, each row a failure. */
static int run_checks(fb_store *s, const check *c, size_t n, fb_report_fn *report, void *ctx,
                      uint64_t *failures) {
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        PGresult *r = NULL;
        rc = fb__pg_exec(s, c[i].sql, 0, NULL, PGRES_TUPLES_OK, &r, c[i].name);
        for (int k = 0; rc == FB_OK && k < PQntuples(r); k++) {
            if (*failures < FB_VERIFY_REPORT_MAX) report(ctx, PQgetvalue(r, k, 0));
            (*failures)++;
        }
        PQclear(r);
    }
    return rc;
}

typedef struct {
    fb_report_fn *report;
    void *ctx;
    uint64_t *failures;
} verify_ctx;

static void verify_fail(void *vctx, const char *line) {
    verify_ctx *v = vctx;
    if (*v->failures < FB_VERIFY_REPORT_MAX) v->report(v->ctx, line);
    (*v->failures)++;
}

int fb__pg_verify(fb_store *s, fb_report_fn *report, void *ctx, uint64_t *failures) {
    FB_ASSERT(s->pg != NULL && report != NULL && failures != NULL);
    *failures = 0;
    int rc = fb__pg_begin_read(s);
    if (rc == FB_OK)
        rc = run_checks(s, checks, sizeof checks / sizeof checks[0], report, ctx, failures);
    bool parties = s->version >= FB_PG_SCHEMA_PARTIES;
    size_t n_party = parties ? sizeof party_checks / sizeof party_checks[0] : 0;
    if (rc == FB_OK) rc = run_checks(s, party_checks, n_party, report, ctx, failures);
    /* The audit log's chain and the ledger's (a book of version 1, opened to read, has
     * neither yet: it gets them when first opened to write). */
    verify_ctx v = {report, ctx, failures};
    int64_t audited = 0, seals = 0;
    bool chained = s->version >= 2;
    if (rc == FB_OK && chained) rc = fb__pg_audit_verify(s, verify_fail, &v, &audited);
    if (rc == FB_OK && chained) rc = fb__pg_chain_verify(s, verify_fail, &v, &seals);
    PGresult *r = NULL;
    if (rc == FB_OK) {
        rc = fb__pg_exec(s,
                         parties ? "SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM"
                                   " transfers), (SELECT count(*) FROM parties)"
                                 : "SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM"
                                   " transfers), 0",
                         0, NULL, PGRES_TUPLES_OK, &r, "counting");
    }
    fb__pg_rollback(s);
    if (rc) return rc;
    char line[320];
    snprintf(line, sizeof line,
             "verify: %lld accounts, %lld transfers, %lld parties, %lld sealed batches, %lld audit"
             " entries, %zu checks of the ledger on PostgreSQL: %s (%llu failures)",
             (long long)fb__pg_int(r, 0, 0), (long long)fb__pg_int(r, 0, 1),
             (long long)fb__pg_int(r, 0, 2), (long long)seals, (long long)audited,
             sizeof checks / sizeof checks[0] + n_party + (chained ? 2 : 0),
             *failures ? "FAILED" : "ok", (unsigned long long)*failures);
    PQclear(r);
    report(ctx, line);
    return FB_OK;
}
