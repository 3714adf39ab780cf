/* schema.c — the database schema as a sequence of migrations.
 *
 * Version N is what migrations[0..N) produce. A database is migrated one version at a time, each
 * step in its own transaction, so a crash mid-migration leaves the previous version intact.
 * Migrations are only ever appended; a released one is never edited. */
#include <stdio.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

static const char *const migrations[] = {
    /* 1: accounts, transfers, postings, two-phase state, failed ids.
     *
     * Accounts and transfers carry their timestamp (unique across both) and a small integer key:
     * accounts a key, transfers a sequence number in timestamp order. An account's transfers are
     * found through postings: two rows a transfer, one per account, keyed
     *   run << 40 | account key << 16 | seq & 0xffff,   run = seq >> 16
     * so that a batch inserts only into the current run's small region instead of at random
     * places in an index over the whole history (which cost about half the write throughput,
     * bench/ledger). A query visits the runs its time range covers (docs/ledger.md).
     * Identities never change, which the triggers enforce. */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;"
    "INSERT INTO meta VALUES ('last_timestamp', 0);"
    "CREATE TABLE accounts("
    "  key INTEGER PRIMARY KEY,"
    "  ts INTEGER NOT NULL UNIQUE,"
    "  id TEXT NOT NULL UNIQUE,"
    "  ledger INTEGER NOT NULL CHECK (ledger > 0),"
    "  code INTEGER NOT NULL CHECK (code > 0),"
    "  flags INTEGER NOT NULL,"
    "  user_data TEXT,"
    "  debits_pending INTEGER NOT NULL CHECK (debits_pending >= 0),"
    "  debits_posted INTEGER NOT NULL CHECK (debits_posted >= 0),"
    "  credits_pending INTEGER NOT NULL CHECK (credits_pending >= 0),"
    "  credits_posted INTEGER NOT NULL CHECK (credits_posted >= 0)"
    ") STRICT;"
    "CREATE TABLE transfers("
    "  seq INTEGER PRIMARY KEY,"
    "  ts INTEGER NOT NULL UNIQUE,"
    "  id TEXT NOT NULL UNIQUE,"
    "  debit_account INTEGER NOT NULL REFERENCES accounts(key),"
    "  credit_account INTEGER NOT NULL REFERENCES accounts(key),"
    "  amount INTEGER NOT NULL CHECK (amount >= 0),"
    "  pending INTEGER REFERENCES transfers(ts),"
    "  ledger INTEGER NOT NULL,"
    "  code INTEGER NOT NULL,"
    "  flags INTEGER NOT NULL,"
    "  timeout INTEGER NOT NULL,"
    "  user_data TEXT"
    ") STRICT;"
    "CREATE TABLE postings(k INTEGER PRIMARY KEY) STRICT;"
    "CREATE TABLE pending("
    "  ts INTEGER PRIMARY KEY REFERENCES transfers(ts),"
    "  status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 4),"
    "  expires_at INTEGER,"
    "  resolved_at INTEGER"
    ") STRICT;"
    "CREATE INDEX pending_due ON pending(expires_at) WHERE status = 1 AND expires_at IS NOT NULL;"
    "CREATE TABLE failed_ids(id TEXT PRIMARY KEY, ts INTEGER NOT NULL, result INTEGER NOT NULL)"
    "  STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings"
    "  BEGIN SELECT RAISE(ABORT, 'postings are never changed'); END;"
    "CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings"
    "  BEGIN SELECT RAISE(ABORT, 'postings are never deleted'); END;"
    "CREATE TRIGGER transfers_no_update BEFORE UPDATE ON transfers"
    "  BEGIN SELECT RAISE(ABORT, 'transfers are never changed; post a correcting transfer'); END;"
    "CREATE TRIGGER transfers_no_delete BEFORE DELETE ON transfers"
    "  BEGIN SELECT RAISE(ABORT, 'transfers are never deleted; post a correcting transfer'); END;"
    "CREATE TRIGGER accounts_identity BEFORE UPDATE OF key, ts, id, ledger, code, user_data"
    "  ON accounts"
    "  BEGIN SELECT RAISE(ABORT, 'an account''s identity never changes'); END;"
    "CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts"
    "  BEGIN SELECT RAISE(ABORT, 'accounts are never deleted; close them'); END;",

    /* 2: balance history for accounts with the history flag: the balances just after each event
     * that touched the account. */
    "CREATE TABLE balances("
    "  account INTEGER NOT NULL REFERENCES accounts(key),"
    "  ts INTEGER NOT NULL,"
    "  debits_pending INTEGER NOT NULL,"
    "  debits_posted INTEGER NOT NULL,"
    "  credits_pending INTEGER NOT NULL,"
    "  credits_posted INTEGER NOT NULL,"
    "  PRIMARY KEY (account, ts)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER balances_no_update BEFORE UPDATE ON balances"
    "  BEGIN SELECT RAISE(ABORT, 'balance history is never changed'); END;"
    "CREATE TRIGGER balances_no_delete BEFORE DELETE ON balances"
    "  BEGIN SELECT RAISE(ABORT, 'balance history is never deleted'); END;",

    /* 3: parties of the loan book, with what is derived from them and the rule that derived
     * it. Each has a deposit account in the ledger. */
    "CREATE TABLE parties("
    "  key INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('enterprise', 'individual_business')),"
    "  name TEXT NOT NULL,"
    "  uscc TEXT NOT NULL UNIQUE,"
    "  region INTEGER NOT NULL,"
    "  city INTEGER NOT NULL,"
    "  industry INTEGER NOT NULL,"
    "  employees INTEGER NOT NULL CHECK (employees >= 0),"
    "  revenue INTEGER NOT NULL CHECK (revenue >= 0),"
    "  total_assets INTEGER NOT NULL CHECK (total_assets >= 0),"
    "  flags INTEGER NOT NULL,"
    "  size_class TEXT NOT NULL,"
    "  size_rule TEXT NOT NULL,"
    "  key_chain TEXT,"
    "  tech_sme INTEGER NOT NULL,"
    "  tech_sme_rule TEXT NOT NULL,"
    "  deposit_account TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX parties_city ON parties(city, industry);"
    "CREATE TRIGGER parties_no_delete BEFORE DELETE ON parties"
    "  BEGIN SELECT RAISE(ABORT, 'parties are never deleted'); END;",

    /* 4: credit facilities (授信). The limit itself lives in the ledger, on the off-balance
     * ledger, in the two accounts named here. */
    "CREATE TABLE facilities("
    "  key INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  party TEXT NOT NULL REFERENCES parties(id),"
    "  line TEXT NOT NULL CHECK (line IN ('technology', 'supply_chain', 'green', 'inclusive',"
    "    'wealth', 'general')),"
    "  limit_fen INTEGER NOT NULL CHECK (limit_fen > 0),"
    "  start_date INTEGER NOT NULL,"
    "  end_date INTEGER NOT NULL,"
    "  revolving INTEGER NOT NULL,"
    "  project TEXT,"
    "  green_item TEXT,"
    "  party_total_credit INTEGER NOT NULL,"
    "  inclusive_cbirc INTEGER NOT NULL,"
    "  inclusive_pboc INTEGER NOT NULL,"
    "  inclusive_rule TEXT NOT NULL,"
    "  available_account TEXT NOT NULL,"
    "  drawn_account TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  CHECK (end_date >= start_date)"
    ") STRICT;"
    "CREATE INDEX facilities_party ON facilities(party);"
    "CREATE TRIGGER facilities_no_delete BEFORE DELETE ON facilities"
    "  BEGIN SELECT RAISE(ABORT, 'facilities are never deleted'); END;",

    /* 5: the Loan Prime Rate, with the published values (DOMAIN.md); later ones come with
     * `finbridge lpr set`. Rates in millionths per annum. */
    "CREATE TABLE lpr("
    "  date INTEGER PRIMARY KEY,"
    "  one_year INTEGER NOT NULL CHECK (one_year > 0),"
    "  five_year INTEGER NOT NULL CHECK (five_year > 0)"
    ") STRICT;"
    "INSERT INTO lpr VALUES (19773, 34500, 39500), (19926, 33500, 38500),"
    "  (20017, 31000, 36000), (20228, 30000, 35000);",

    /* 6: loans (drawdowns under a facility) and their schedules. What a loan owes lives in its
     * ledger accounts; the row keeps its terms and what was derived at drawdown. */
    "CREATE TABLE loans("
    "  key INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  facility TEXT NOT NULL REFERENCES facilities(id),"
    "  party TEXT NOT NULL REFERENCES parties(id),"
    "  line TEXT NOT NULL,"
    "  amount INTEGER NOT NULL CHECK (amount > 0),"
    "  rate_kind TEXT NOT NULL CHECK (rate_kind IN ('fixed', 'lpr')),"
    "  rate INTEGER NOT NULL CHECK (rate > 0),"
    "  lpr_tenor INTEGER,"
    "  spread_bp INTEGER,"
    "  lpr_base INTEGER,"
    "  lpr_date INTEGER,"
    "  months INTEGER NOT NULL CHECK (months > 0),"
    "  method TEXT NOT NULL,"
    "  start_date INTEGER NOT NULL,"
    "  repayment_day INTEGER NOT NULL,"
    "  day_count TEXT NOT NULL,"
    "  penalty_markup INTEGER NOT NULL,"
    "  maturity_date INTEGER NOT NULL,"
    "  inclusive_cbirc INTEGER NOT NULL,"
    "  inclusive_pboc INTEGER NOT NULL,"
    "  green_item TEXT,"
    "  project TEXT,"
    "  status TEXT NOT NULL CHECK (status IN ('active', 'settled', 'written_off')),"
    "  principal_account TEXT NOT NULL,"
    "  interest_account TEXT NOT NULL,"
    "  penalty_account TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX loans_party ON loans(party);"
    "CREATE INDEX loans_facility ON loans(facility);"
    "CREATE TABLE installments("
    "  loan INTEGER NOT NULL REFERENCES loans(key),"
    "  n INTEGER NOT NULL,"
    "  period_start INTEGER NOT NULL,"
    "  due_date INTEGER NOT NULL,"
    "  principal INTEGER NOT NULL CHECK (principal >= 0),"
    "  interest INTEGER NOT NULL CHECK (interest >= 0),"
    "  PRIMARY KEY (loan, n)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER loans_no_delete BEFORE DELETE ON loans"
    "  BEGIN SELECT RAISE(ABORT, 'loans are never deleted'); END;",

    /* 7: servicing. Each loan's running state (what end of day and repayments change: the
     * installment now running, what is due and unpaid, penalty accrued, the class) and its
     * repayments. Loans drawn before this version start from their first installment. */
    "CREATE TABLE loan_state("
    "  loan INTEGER PRIMARY KEY REFERENCES loans(key),"
    "  party INTEGER NOT NULL REFERENCES parties(key),"
    "  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 2),"
    "  cur_n INTEGER NOT NULL,"
    "  n_count INTEGER NOT NULL,"
    "  period_start INTEGER NOT NULL,"
    "  due_date INTEGER NOT NULL,"
    "  cur_interest INTEGER NOT NULL,"
    "  cur_principal INTEGER NOT NULL,"
    "  rate INTEGER NOT NULL CHECK (rate > 0),"
    "  repriced_years INTEGER NOT NULL,"
    "  principal INTEGER NOT NULL CHECK (principal >= 0),"
    "  due_total INTEGER NOT NULL,"
    "  due_paid INTEGER NOT NULL,"
    "  interest_due INTEGER NOT NULL CHECK (interest_due >= 0),"
    "  oldest_due INTEGER NOT NULL,"
    "  penalty_fen INTEGER NOT NULL,"
    "  penalty_rem INTEGER NOT NULL,"
    "  penalty_moved INTEGER NOT NULL,"
    "  penalty_due INTEGER NOT NULL CHECK (penalty_due >= 0),"
    "  class INTEGER NOT NULL CHECK (class BETWEEN 0 AND 4),"
    "  prepaid INTEGER NOT NULL,"
    "  written_off INTEGER NOT NULL,"
    "  recovered INTEGER NOT NULL,"
    "  repayments INTEGER NOT NULL,"
    "  oldest_n INTEGER NOT NULL,"
    "  oldest_paid INTEGER NOT NULL,"
    "  markup INTEGER NOT NULL,"
    "  day_count INTEGER NOT NULL,"
    "  line INTEGER NOT NULL"
    ") STRICT;"
    "INSERT INTO loan_state SELECT l.key, p.key, 0, 1, (SELECT COUNT(*) FROM installments"
    "  WHERE loan = l.key), i.period_start, i.due_date, i.interest, i.principal, l.rate, 0,"
    "  l.amount, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, l.penalty_markup,"
    "  CASE l.day_count WHEN 'act360' THEN 0 WHEN 'act365' THEN 1 ELSE 2 END,"
    "  CASE l.line WHEN 'technology' THEN 0 WHEN 'supply_chain' THEN 1 WHEN 'green' THEN 2"
    "  WHEN 'inclusive' THEN 3 WHEN 'wealth' THEN 4 ELSE 5 END"
    "  FROM loans l JOIN parties p ON p.id = l.party JOIN installments i ON i.loan = l.key"
    "  AND i.n = 1;"
    "CREATE TABLE repayments("
    "  loan INTEGER NOT NULL REFERENCES loans(key),"
    "  k INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('repayment', 'auto_debit', 'write_off', 'recovery')),"
    "  client_id TEXT UNIQUE,"
    "  date INTEGER NOT NULL,"
    "  amount INTEGER NOT NULL CHECK (amount >= 0),"
    "  penalty INTEGER NOT NULL,"
    "  interest INTEGER NOT NULL,"
    "  principal INTEGER NOT NULL,"
    "  prepaid INTEGER NOT NULL,"
    "  prepay TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  PRIMARY KEY (loan, k)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER repayments_no_update BEFORE UPDATE ON repayments"
    "  BEGIN SELECT RAISE(ABORT, 'repayments are never changed'); END;"
    "CREATE TRIGGER repayments_no_delete BEFORE DELETE ON repayments"
    "  BEGIN SELECT RAISE(ABORT, 'repayments are never deleted'); END;",

    /* 8: supply-chain payable certificates. Each row is a part: a range of fen inside its root.
     * A transfer or financing cuts a new part off the low end of a part's range; the range of the
     * part it came from shrinks, which is the only change a part's row sees besides its status.
     * The claims themselves are on ledger 4. */
    "CREATE TABLE certificates("
    "  key INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  root INTEGER NOT NULL,"
    "  parent INTEGER REFERENCES certificates(key),"
    "  core TEXT NOT NULL REFERENCES parties(id),"
    "  facility TEXT NOT NULL REFERENCES facilities(id),"
    "  holder TEXT REFERENCES parties(id),"
    "  from_party TEXT REFERENCES parties(id),"
    "  range_start INTEGER NOT NULL CHECK (range_start >= 0),"
    "  range_end INTEGER NOT NULL CHECK (range_end >= range_start),"
    "  root_face INTEGER NOT NULL CHECK (root_face > 0),"
    "  date INTEGER NOT NULL,"
    "  issue_date INTEGER NOT NULL,"
    "  maturity INTEGER NOT NULL CHECK (maturity > issue_date),"
    "  contract TEXT,"
    "  invoice TEXT,"
    "  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),"
    "  amount INTEGER NOT NULL CHECK (amount > 0),"
    "  discount_rate INTEGER,"
    "  discount INTEGER,"
    "  inclusive_cbirc INTEGER,"
    "  inclusive_pboc INTEGER,"
    "  settled_date INTEGER,"
    "  created_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX certificates_root ON certificates(root);"
    "CREATE INDEX certificates_holder ON certificates(holder) WHERE status = 0;"
    "CREATE INDEX certificates_maturity ON certificates(maturity) WHERE status IN (0, 1);"
    "CREATE INDEX certificates_financed ON certificates(status) WHERE status = 1;"
    "CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates"
    "  BEGIN SELECT RAISE(ABORT, 'certificates are never deleted'); END;"
    "CREATE TRIGGER certificates_identity BEFORE UPDATE OF key, id, root, parent, core, facility,"
    "  holder, from_party, root_face, date, issue_date, maturity, amount ON certificates"
    "  BEGIN SELECT RAISE(ABORT, 'a certificate part''s identity never changes'); END;",

    /* 9: users of the API and the dashboard, and the audit log of every write. A user's token is
     * kept only as its SHA-256; a password only as its Argon2id string. Each audit entry carries
     * the hash of the one before, so that a changed or missing entry breaks the chain. */
    "CREATE TABLE users("
    "  key INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  role TEXT NOT NULL CHECK (role IN ('admin', 'bank_officer', 'enterprise', 'government',"
    "    'auditor')),"
    "  party TEXT REFERENCES parties(id),"
    "  region INTEGER,"
    "  token_hash BLOB NOT NULL UNIQUE,"
    "  password_hash TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  CHECK ((role = 'enterprise') = (party IS NOT NULL)),"
    "  CHECK ((role = 'government') = (region IS NOT NULL))"
    ") STRICT;"
    "CREATE TABLE audit("
    "  seq INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  request_id TEXT NOT NULL,"
    "  method TEXT NOT NULL,"
    "  path TEXT NOT NULL,"
    "  status INTEGER NOT NULL,"
    "  outcome TEXT NOT NULL,"
    "  prev BLOB NOT NULL,"
    "  hash BLOB NOT NULL"
    ") STRICT;"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log is never changed'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log is never deleted'); END;",

    /* 10: the cooperation: the province's major projects, and agreements with their targets.
     * Progress is computed from the books, never stored. */
    "CREATE TABLE projects("
    "  key INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  city INTEGER NOT NULL,"
    "  industry INTEGER NOT NULL,"
    "  total_investment INTEGER NOT NULL CHECK (total_investment >= 0),"
    "  financing_need INTEGER NOT NULL CHECK (financing_need >= 0),"
    "  status TEXT NOT NULL CHECK (status IN ('planned', 'under_construction', 'in_operation')),"
    "  start_date INTEGER NOT NULL,"
    "  created_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE agreements("
    "  key INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  bank TEXT NOT NULL,"
    "  region INTEGER NOT NULL,"
    "  start_date INTEGER NOT NULL,"
    "  end_date INTEGER NOT NULL CHECK (end_date >= start_date),"
    "  created_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE targets("
    "  agreement INTEGER NOT NULL REFERENCES agreements(key),"
    "  measure TEXT NOT NULL,"
    "  dimension TEXT NOT NULL,"
    "  amount INTEGER NOT NULL CHECK (amount >= 0),"
    "  PRIMARY KEY (agreement, measure, dimension)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX loans_start ON loans(start_date);"
    "CREATE TRIGGER agreements_no_delete BEFORE DELETE ON agreements"
    "  BEGIN SELECT RAISE(ABORT, 'agreements are never deleted'); END;"
    "CREATE TRIGGER targets_no_update BEFORE UPDATE ON targets"
    "  BEGIN SELECT RAISE(ABORT, 'targets are never changed'); END;",

    /* 11: running aggregates for the reports, kept current as loans change (aggregates.c), so
     * that a report reads a few thousand cells instead of every loan. A cell is a loan's city,
     * key-industry chain, line of business, size class and inclusive status (packed as
     * loan_state.cell: FB_CELL_SQL) and its class. verify proves them equal to a recount. */
    "ALTER TABLE loan_state ADD COLUMN cell INTEGER NOT NULL DEFAULT 0;"
    "UPDATE loan_state SET cell = (SELECT " FB_CELL_SQL " FROM parties p, loans l WHERE p.key ="
    "  loan_state.party AND l.key = loan_state.loan);"
    "CREATE TABLE agg_credit("
    "  cell INTEGER NOT NULL, class INTEGER NOT NULL, balance INTEGER NOT NULL,"
    "  loans INTEGER NOT NULL, borrowers INTEGER NOT NULL, PRIMARY KEY (cell, class)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE agg_party("
    "  party INTEGER NOT NULL, cell INTEGER NOT NULL, class INTEGER NOT NULL,"
    "  loans INTEGER NOT NULL, PRIMARY KEY (party, cell, class)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE agg_exposure("
    "  party INTEGER PRIMARY KEY, principal INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX agg_exposure_largest ON agg_exposure(principal);"
    "CREATE TABLE agg_inclusive("
    "  party INTEGER PRIMARY KEY, city INTEGER NOT NULL, loans INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE agg_inclusive_city("
    "  city INTEGER PRIMARY KEY, borrowers INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE agg_new("
    "  date INTEGER NOT NULL, cell INTEGER NOT NULL, amount INTEGER NOT NULL,"
    "  loans INTEGER NOT NULL, rate_amount INTEGER NOT NULL, PRIMARY KEY (date, cell)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE agg_daily("
    "  date INTEGER NOT NULL, cell INTEGER NOT NULL, class INTEGER NOT NULL,"
    "  balance INTEGER NOT NULL, loans INTEGER NOT NULL, borrowers INTEGER NOT NULL,"
    "  PRIMARY KEY (date, cell, class)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE agg_inclusive_daily("
    "  date INTEGER NOT NULL, city INTEGER NOT NULL, borrowers INTEGER NOT NULL,"
    "  PRIMARY KEY (date, city)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE agg_moves("
    "  date INTEGER NOT NULL, from_class INTEGER NOT NULL, to_class INTEGER NOT NULL,"
    "  balance INTEGER NOT NULL, loans INTEGER NOT NULL, PRIMARY KEY (date, from_class, to_class)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX certificates_financings ON certificates(date) WHERE discount_rate IS NOT NULL;"
    "INSERT INTO agg_credit SELECT cell, class, SUM(principal), COUNT(*), COUNT(DISTINCT party)"
    "  FROM loan_state WHERE status = 0 GROUP BY cell, class;"
    "INSERT INTO agg_party SELECT party, cell, class, COUNT(*) FROM loan_state WHERE status = 0"
    "  GROUP BY party, cell, class;"
    "INSERT INTO agg_exposure SELECT party, SUM(principal) FROM loan_state WHERE status = 0"
    "  GROUP BY party;"
    "INSERT INTO agg_inclusive SELECT party, MIN(cell / 512), COUNT(*) FROM loan_state"
    "  WHERE status = 0 AND cell % 2 = 1 GROUP BY party;"
    "INSERT INTO agg_inclusive_city SELECT city, COUNT(*) FROM agg_inclusive GROUP BY city;"
    "INSERT INTO agg_new SELECT l.start_date, x.cell, SUM(l.amount), COUNT(*),"
    "  SUM(l.amount * l.rate) FROM loans l JOIN loan_state x ON x.loan = l.key"
    "  WHERE substr(l.id, 1, 4) != 'adv:' GROUP BY l.start_date, x.cell;",

    /* 12: new credit summed from the first day through each closed day, by cell (kept by the
     * close of each day: aggregates.c), so that new credit in any period is the difference of
     * two days' rows instead of a sum over every day of the period. An older book's closed days
     * are summed here once. And indexes of the loans and facilities under each project. */
    "CREATE TABLE agg_new_daily("
    "  date INTEGER NOT NULL, cell INTEGER NOT NULL, amount INTEGER NOT NULL,"
    "  loans INTEGER NOT NULL, rate_amount INTEGER NOT NULL, PRIMARY KEY (date, cell)"
    ") STRICT, WITHOUT ROWID;"
    "WITH RECURSIVE days(d) AS (SELECT MIN(date) FROM agg_new UNION ALL SELECT d + 1 FROM days"
    "  WHERE d + 1 < COALESCE((SELECT value FROM meta WHERE key = 'business_date'), 0))"
    " INSERT INTO agg_new_daily SELECT d, cell, SUM(amount), SUM(loans), SUM(rate_amount)"
    "  FROM days JOIN agg_new ON agg_new.date <= d"
    "  WHERE d < COALESCE((SELECT value FROM meta WHERE key = 'business_date'), 0)"
    "  GROUP BY d, cell;"
    /* A project's facilities and loans, for its approved, drawn and outstanding figures. */
    "CREATE INDEX facilities_project ON facilities(project, limit_fen) WHERE project IS NOT NULL;"
    "CREATE INDEX loans_project ON loans(project, amount) WHERE project IS NOT NULL;",

    /* 13: supply-chain financing by day and the seller's city (kept as parts are financed:
     * certificates.c), so that an agreement's financing target sums a few rows a day instead of
     * joining every financed part to its seller. */
    "CREATE TABLE agg_financing("
    "  date INTEGER NOT NULL, city INTEGER NOT NULL, amount INTEGER NOT NULL,"
    "  PRIMARY KEY (date, city)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO agg_financing SELECT c.date, p.city, SUM(c.amount) FROM certificates c"
    "  JOIN parties p ON p.id = c.from_party WHERE c.discount_rate IS NOT NULL"
    "  GROUP BY c.date, p.city;",

    /* 14: the audit log for both doors, keyed, and users that can be disabled, revoked, rotated.
     * An entry's fields are the same for the API and the command line: its channel (api, cli),
     * its operation (an API entry's method and path, joined by a space: the first space splits
     * them again to check the entries made before), its result word and its status. From the
     * first entry appended with the audit key on (audit_keying.keyed_from), an entry's hash is an
     * HMAC-SHA256 under a key kept outside the book; the entries before keep their SHA-256. A
     * user's token may be revoked (token_hash NULL) and the user disabled (disabled_at). */
    "CREATE TABLE audit_v14("
    "  seq INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  channel TEXT NOT NULL CHECK (channel IN ('api', 'cli')),"
    "  actor TEXT NOT NULL,"
    "  operation TEXT NOT NULL,"
    "  request_id TEXT NOT NULL,"
    "  result TEXT NOT NULL CHECK (result IN ('ok', 'refused', 'failed')),"
    "  outcome TEXT NOT NULL,"
    "  status INTEGER NOT NULL,"
    "  prev BLOB NOT NULL,"
    "  hash BLOB NOT NULL"
    ") STRICT;"
    "INSERT INTO audit_v14 SELECT seq, at, 'api', actor, method || ' ' || path, request_id,"
    "  CASE WHEN status < 400 THEN 'ok' WHEN status < 500 THEN 'refused' ELSE 'failed' END,"
    "  outcome, status, prev, hash FROM audit ORDER BY seq;"
    "DROP TRIGGER audit_no_update;"
    "DROP TRIGGER audit_no_delete;"
    "DROP TABLE audit;"
    "ALTER TABLE audit_v14 RENAME TO audit;"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log is never changed'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log is never deleted'); END;"
    "CREATE TABLE audit_keying("
    "  one INTEGER PRIMARY KEY CHECK (one = 1),"
    "  keyed_from INTEGER NOT NULL,"
    "  key_id BLOB NOT NULL,"
    "  mac BLOB NOT NULL,"
    "  at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TRIGGER audit_keying_no_update BEFORE UPDATE ON audit_keying"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log''s key never changes'); END;"
    "CREATE TRIGGER audit_keying_no_delete BEFORE DELETE ON audit_keying"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log''s key never changes'); END;"
    "CREATE TABLE users_v14("
    "  key INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  role TEXT NOT NULL CHECK (role IN ('admin', 'bank_officer', 'enterprise', 'government',"
    "    'auditor')),"
    "  party TEXT REFERENCES parties(id),"
    "  region INTEGER,"
    "  token_hash BLOB UNIQUE,"
    "  password_hash TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  changed_at INTEGER NOT NULL,"
    "  disabled_at INTEGER,"
    "  CHECK ((role = 'enterprise') = (party IS NOT NULL)),"
    "  CHECK ((role = 'government') = (region IS NOT NULL))"
    ") STRICT;"
    "INSERT INTO users_v14 SELECT key, name, role, party, region, token_hash, password_hash,"
    "  created_at, created_at, NULL FROM users;"
    "DROP TABLE users;"
    "ALTER TABLE users_v14 RENAME TO users;",
    /* 15: value dates. Every transfer carries the business date it belongs to (value_date, days
     * since 1970-01-01), every balance history row its event's, and value_days each date's first
     * and last transfer (by sequence number), so that a query by value date visits only the runs
     * of postings that can hold it. A book's transfers are dated here once (docs/ledger.md,
     * "Value dates"):
     *  1. by the book's records, as the operations date them now: a drawdown (draw:, disb:) its
     *     loan's start, a grant its facility's start, a repayment's, write-off's or recovery's
     *     transfers its date, a certificate's issue its issue date, a part passed on or financed
     *     its date, a settlement its settled date; end of day's accruals, discount and class
     *     moves the date in their ids; an installment falling due the day before its due date,
     *     or, when a payoff's or write-off's transfer of the loan follows it, that one's date;
     *  2. the close of each day is the last of end of day's own transfers of that day (its
     *     accruals, class moves, falls due, collections, settlements and advances);
     *  3. every other transfer (a client's) the first day whose close came after it, else the
     *     business date now open, else (no day ever closed) the day of its timestamp. A history
     *     row is dated as its transfer, an expiry's (which has none) as in 3. */
    "CREATE TEMP TABLE vd_anchor(id TEXT PRIMARY KEY, d INTEGER NOT NULL, loan INTEGER,"
    "  kind TEXT NOT NULL) WITHOUT ROWID;"
    "INSERT OR IGNORE INTO vd_anchor SELECT p.x || l.id, l.start_date, l.key,"
    "  CASE WHEN l.id >= 'adv:' AND l.id < 'adv;' THEN 'e' ELSE 'b' END"
    "  FROM loans l, (SELECT 'draw:' x UNION ALL SELECT 'disb:') p;"
    "INSERT OR IGNORE INTO vd_anchor SELECT 'grant:' || id, start_date, NULL, 'b' FROM facilities;"
    "INSERT OR IGNORE INTO vd_anchor SELECT p.x || ':' || l.id || ':' || r.k, r.date, l.key,"
    "  CASE r.kind WHEN 'auto_debit' THEN 'e' ELSE 'r' END"
    "  FROM repayments r JOIN loans l ON l.key = r.loan, (SELECT 'pen' x UNION ALL SELECT 'rpp'"
    "  UNION ALL SELECT 'rpi' UNION ALL SELECT 'rpc' UNION ALL SELECT 'lim' UNION ALL"
    "  SELECT 'nplr' UNION ALL SELECT 'wop' UNION ALL SELECT 'woi' UNION ALL SELECT 'woc'"
    "  UNION ALL SELECT 'rec') p;"
    "INSERT OR IGNORE INTO vd_anchor SELECT p.x || c.id, c.issue_date, NULL, 'b'"
    "  FROM certificates c, (SELECT 'ci:' x UNION ALL SELECT 'cr:') p WHERE c.parent IS NULL;"
    "INSERT OR IGNORE INTO vd_anchor SELECT p.x || c.id, c.date, NULL, 'b' FROM certificates c,"
    "  (SELECT 'ct:' x UNION ALL SELECT 'cf:' UNION ALL SELECT 'cfp:' UNION ALL SELECT 'cfd:') p"
    "  WHERE c.parent IS NOT NULL;"
    "INSERT OR IGNORE INTO vd_anchor SELECT p.x || c.id, c.settled_date, NULL, 'e'"
    "  FROM certificates c, (SELECT 'csl:' x UNION ALL SELECT 'csr:' UNION ALL SELECT 'csp:'"
    "  UNION ALL SELECT 'cs:') p WHERE c.settled_date IS NOT NULL;"
    "INSERT OR IGNORE INTO vd_anchor SELECT id, CAST(julianday(substr(id, p.at, 10)) - 2440587.5"
    "  AS INTEGER), NULL, 'e' FROM (SELECT 'acc:' x, 'acc;' y, 5 at UNION ALL"
    "  SELECT 'pacc:', 'pacc;', 6 UNION ALL SELECT 'scfa:', 'scfa;', 6 UNION ALL"
    "  SELECT 'npl:', 'npl;', -10) p JOIN transfers t ON t.id >= p.x AND t.id < p.y"
    "  WHERE julianday(substr(id, p.at, 10)) IS NOT NULL;"
    "INSERT OR IGNORE INTO vd_anchor SELECT t.id, i.due_date - 1, l.key, 'e' FROM transfers t"
    "  JOIN loans l ON l.id = substr(t.id, 5, length(rtrim(t.id, '0123456789')) - 5)"
    "  JOIN installments i ON i.loan = l.key"
    "  AND i.n = CAST(substr(t.id, length(rtrim(t.id, '0123456789')) + 1) AS INTEGER)"
    "  WHERE t.id >= 'due:' AND t.id < 'due;';"
    "UPDATE vd_anchor SET kind = 'r', d = x.d FROM (SELECT t.id, a.d, a.loan FROM transfers t"
    "  JOIN transfers u ON u.ts = t.ts + 1 JOIN vd_anchor a ON a.id = u.id AND a.kind = 'r'"
    "  WHERE t.id >= 'due:' AND t.id < 'due;') x"
    "  WHERE vd_anchor.id = x.id AND vd_anchor.loan = x.loan;"
    "CREATE TEMP TABLE vd_close(d INTEGER PRIMARY KEY, m INTEGER NOT NULL);"
    "INSERT INTO vd_close SELECT a.d, max(t.ts) FROM vd_anchor a JOIN transfers t ON t.id = a.id"
    "  WHERE a.kind = 'e' GROUP BY a.d;"
    "CREATE INDEX temp.vd_close_m ON vd_close(m);"
    "DROP TRIGGER transfers_no_update;"
    "ALTER TABLE transfers ADD COLUMN value_date INTEGER NOT NULL DEFAULT 0;"
    "UPDATE transfers SET value_date = coalesce((SELECT d FROM vd_anchor WHERE id = transfers.id),"
    "  (SELECT d FROM vd_close WHERE m >= transfers.ts ORDER BY m LIMIT 1),"
    "  (SELECT nullif(value, 0) FROM meta WHERE key = 'business_date'),"
    "  transfers.ts / 86400000000000);"
    "CREATE TRIGGER transfers_no_update BEFORE UPDATE ON transfers"
    "  BEGIN SELECT RAISE(ABORT, 'transfers are never changed; post a correcting transfer'); END;"
    "DROP TRIGGER balances_no_update;"
    "ALTER TABLE balances ADD COLUMN value_date INTEGER NOT NULL DEFAULT 0;"
    "UPDATE balances SET value_date = coalesce((SELECT value_date FROM transfers"
    "  WHERE ts = balances.ts), (SELECT d FROM vd_close WHERE m >= balances.ts ORDER BY m LIMIT 1),"
    "  (SELECT nullif(value, 0) FROM meta WHERE key = 'business_date'),"
    "  balances.ts / 86400000000000);"
    "CREATE TRIGGER balances_no_update BEFORE UPDATE ON balances"
    "  BEGIN SELECT RAISE(ABORT, 'balance history is never changed'); END;"
    "CREATE TABLE value_days("
    "  date INTEGER PRIMARY KEY,"
    "  first_seq INTEGER NOT NULL,"
    "  last_seq INTEGER NOT NULL CHECK (last_seq >= first_seq)"
    ") STRICT;"
    "INSERT INTO value_days SELECT value_date, min(seq), max(seq) FROM transfers"
    "  GROUP BY value_date;"
    "DROP TABLE temp.vd_anchor;"
    "DROP TABLE temp.vd_close;",
    /* 16: balances written behind. A transfer batch of single-phase transfers writes its
     * transfers and postings but not its accounts' balances; the balance columns of accounts
     * hold every transfer up to meta balances_through (a sequence number), and the transfers
     * after it, all single-phase, are added on reading (accounts_now, fb__store_account_by_id)
     * until the ledger writes them (docs/ledger.md, "Balances written behind"). */
    "INSERT INTO meta VALUES ('balances_through', (SELECT coalesce(max(seq), 0) FROM transfers));"
    "CREATE VIEW accounts_now AS SELECT a.key, a.ts, a.id, a.ledger, a.code, a.flags, a.user_data,"
    "  a.debits_pending, a.debits_posted + coalesce(x.d, 0) AS debits_posted, a.credits_pending,"
    "  a.credits_posted + coalesce(x.c, 0) AS credits_posted FROM accounts a LEFT JOIN"
    "  (SELECT k, sum(d) d, sum(c) c FROM (SELECT debit_account k, amount d, 0 c FROM transfers"
    "  WHERE seq > (SELECT value FROM meta WHERE key = 'balances_through') UNION ALL"
    "  SELECT credit_account, 0, amount FROM transfers"
    "  WHERE seq > (SELECT value FROM meta WHERE key = 'balances_through')) GROUP BY k) x"
    "  ON x.k = a.key;",
};

int fb__store_schema_version_current(void) {
    return (int)(sizeof migrations / sizeof migrations[0]);
}

static int exec(fb_store *s, const char *sql, const char *what) {
    char *err = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        snprintf(s->errmsg, sizeof s->errmsg, "%s: %s", what, err ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        return rc == SQLITE_BUSY ? FB_EBUSY : FB_EIO;
    }
    return FB_OK;
}

int fb__store_migrate(fb_store *s, int from, int to) {
    FB_ASSERT(from >= 0 && from <= to);
    FB_ASSERT(to <= fb__store_schema_version_current());
    for (int v = from; v < to; v++) {
        int rc = exec(s, "BEGIN IMMEDIATE", "migrating the schema");
        if (rc) return rc;
        rc = exec(s, migrations[v], "migrating the schema");
        if (rc == FB_OK) {
            char sql[160];
            snprintf(sql, sizeof sql,
                     "INSERT INTO meta VALUES ('schema_version', %d) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value;"
                     "PRAGMA user_version = %d;",
                     v + 1, v + 1);
            rc = exec(s, sql, "recording the schema version");
        }
        if (rc == FB_OK) rc = exec(s, "COMMIT", "committing the migration");
        if (rc) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
        s->version = v + 1;
    }
    return FB_OK;
}
