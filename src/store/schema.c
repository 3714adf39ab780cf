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

    /* Financing demands and the bank's answer (融资需求对接, book/demand.c), and the years of
     * holiday notices the operator loads beyond those finbridge ships (core/calendar.c). A
     * demand keeps what it was posted with, its borrower's cell then (city, chain, size, and its
     * line), the service levels promised and their last days, and the date of each step; a step
     * is also a row of demand_steps, made once (its key), never changed. A step's date, once set,
     * never changes, the status only moves on, and a closed demand (granted, declined, withdrawn)
     * changes no more: the triggers refuse the rest, verify proves the rows agree. */
    "CREATE TABLE demands("
    "  key INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  party TEXT NOT NULL REFERENCES parties(id),"
    "  city INTEGER NOT NULL,"
    "  chain INTEGER NOT NULL CHECK (chain BETWEEN 0 AND 7),"
    "  size INTEGER NOT NULL CHECK (size BETWEEN 0 AND 3),"
    "  line INTEGER NOT NULL CHECK (line BETWEEN 0 AND 7),"
    "  amount INTEGER NOT NULL CHECK (amount > 0),"
    "  purpose TEXT NOT NULL,"
    "  months INTEGER NOT NULL CHECK (months > 0),"
    "  security INTEGER NOT NULL,"
    "  consent INTEGER NOT NULL CHECK (consent IN (0, 1)),"
    "  source INTEGER NOT NULL CHECK (source BETWEEN 0 AND 3),"
    "  region INTEGER,"
    "  project TEXT REFERENCES projects(id),"
    "  recommendation TEXT,"
    "  posted INTEGER NOT NULL,"
    "  response_days INTEGER NOT NULL CHECK (response_days > 0),"
    "  decision_days INTEGER NOT NULL CHECK (decision_days >= response_days),"
    "  response_due INTEGER NOT NULL CHECK (response_due > posted),"
    "  decision_due INTEGER NOT NULL CHECK (decision_due >= response_due),"
    "  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 5),"
    "  accepted INTEGER, officer TEXT,"
    "  contacted INTEGER, note TEXT,"
    "  decided INTEGER, facility TEXT REFERENCES facilities(id), granted INTEGER,"
    "  reason INTEGER, reason_text TEXT,"
    "  withdrawn INTEGER, withdrawn_by INTEGER, withdraw_text TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  CHECK ((source = 0) = (region IS NULL))"
    ") STRICT;"
    "CREATE INDEX demands_posted ON demands(posted);"
    "CREATE INDEX demands_open ON demands(status, key) WHERE status < 3;"
    "CREATE INDEX demands_party ON demands(party);"
    "CREATE TABLE demand_steps("
    "  demand INTEGER NOT NULL REFERENCES demands(key),"
    "  step INTEGER NOT NULL CHECK (step BETWEEN 0 AND 5),"
    "  date INTEGER NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  PRIMARY KEY (demand, step)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER demand_steps_no_update BEFORE UPDATE ON demand_steps"
    "  BEGIN SELECT RAISE(ABORT, 'a demand''s step is never changed'); END;"
    "CREATE TRIGGER demand_steps_no_delete BEFORE DELETE ON demand_steps"
    "  BEGIN SELECT RAISE(ABORT, 'a demand''s step is never deleted'); END;"
    "CREATE TRIGGER demands_no_delete BEFORE DELETE ON demands"
    "  BEGIN SELECT RAISE(ABORT, 'demands are never deleted'); END;"
    "CREATE TRIGGER demands_identity BEFORE UPDATE OF key, id, party, city, chain, size, line,"
    "  amount, purpose, months, security, consent, source, region, project, recommendation,"
    "  posted, response_days, decision_days, response_due, decision_due, created_at ON demands"
    "  BEGIN SELECT RAISE(ABORT, 'what a demand was posted with never changes'); END;"
    "CREATE TRIGGER demands_steps_once BEFORE UPDATE ON demands WHEN OLD.status >= 3"
    "  OR NEW.status <= OLD.status"
    "  OR (OLD.accepted IS NOT NULL AND NEW.accepted IS NOT OLD.accepted)"
    "  OR (OLD.contacted IS NOT NULL AND NEW.contacted IS NOT OLD.contacted)"
    "  BEGIN SELECT RAISE(ABORT, 'a demand''s step is made once, in order; a closed demand"
    " changes no more'); END;"
    "CREATE TABLE calendar_years("
    "  year INTEGER PRIMARY KEY,"
    "  notice TEXT NOT NULL,"
    "  loaded_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE calendar_days("
    "  date INTEGER PRIMARY KEY,"
    "  year INTEGER NOT NULL REFERENCES calendar_years(year),"
    "  kind INTEGER NOT NULL CHECK (kind IN (0, 1))"
    ") STRICT;"
    "CREATE TRIGGER calendar_years_no_change BEFORE UPDATE ON calendar_years"
    "  BEGIN SELECT RAISE(ABORT, 'a year''s holiday notice is never changed'); END;"
    "CREATE TRIGGER calendar_days_no_change BEFORE UPDATE ON calendar_days"
    "  BEGIN SELECT RAISE(ABORT, 'a year''s holiday notice is never changed'); END;"
    "CREATE TRIGGER calendar_days_no_delete BEFORE DELETE ON calendar_days"
    "  BEGIN SELECT RAISE(ABORT, 'a year''s holiday notice is never deleted'); END;",
    /* Lines of credit over their life, and who counts as inclusive. Parties take a third kind,
     * the small-business owner (小微企业主: a natural person, by its identity number; its USCC is
     * the business it owns, which another party may be too): the table is rebuilt, as SQLite
     * changes no CHECK in place (the migration runs with foreign keys off and checks them before
     * it commits). Facilities get a status and a history of changes; loans the way they are paid
     * out (受托支付 to a payee), whether end of day collects them (代扣), their purpose, and the
     * restructured flag. A facility past its end date on an existing book is expired. */
    "CREATE TABLE parties_v15("
    "  key INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('enterprise', 'individual_business',"
    "    'small_business_owner')),"
    "  name TEXT NOT NULL,"
    "  uscc TEXT NOT NULL,"
    "  resident_id TEXT,"
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
    "  created_at INTEGER NOT NULL,"
    "  CHECK ((kind = 'small_business_owner') = (resident_id IS NOT NULL))"
    ") STRICT;"
    "INSERT INTO parties_v15 SELECT key, id, kind, name, uscc, NULL, region, city, industry,"
    "  employees, revenue, total_assets, flags, size_class, size_rule, key_chain, tech_sme,"
    "  tech_sme_rule, deposit_account, created_at FROM parties;"
    "DROP TRIGGER parties_no_delete;"
    "DROP TABLE parties;"
    "ALTER TABLE parties_v15 RENAME TO parties;"
    "CREATE UNIQUE INDEX parties_uscc ON parties(uscc) WHERE kind != 'small_business_owner';"
    "CREATE UNIQUE INDEX parties_resident ON parties(resident_id) WHERE resident_id IS NOT NULL;"
    "CREATE INDEX parties_city ON parties(city, industry);"
    "CREATE TRIGGER parties_no_delete BEFORE DELETE ON parties"
    "  BEGIN SELECT RAISE(ABORT, 'parties are never deleted'); END;"
    "ALTER TABLE facilities ADD COLUMN status TEXT NOT NULL DEFAULT 'active'"
    "  CHECK (status IN ('active', 'frozen', 'expired', 'closed'));"
    "UPDATE facilities SET status = 'expired' WHERE end_date < (SELECT value FROM meta"
    "  WHERE key = 'business_date');"
    "CREATE INDEX facilities_expiring ON facilities(end_date) WHERE status IN ('active', 'frozen');"
    "CREATE TABLE facility_changes("
    "  facility INTEGER NOT NULL REFERENCES facilities(key),"
    "  seq INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('renew', 'limit', 'freeze', 'unfreeze', 'close',"
    "    'expire')),"
    "  client_id TEXT UNIQUE,"
    "  date INTEGER NOT NULL,"
    "  limit_before INTEGER NOT NULL,"
    "  limit_after INTEGER NOT NULL,"
    "  end_before INTEGER NOT NULL,"
    "  end_after INTEGER NOT NULL,"
    "  status_after TEXT NOT NULL,"
    "  reason TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  PRIMARY KEY (facility, seq)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER facility_changes_no_update BEFORE UPDATE ON facility_changes"
    "  BEGIN SELECT RAISE(ABORT, 'a facility''s history is never changed'); END;"
    "CREATE TRIGGER facility_changes_no_delete BEFORE DELETE ON facility_changes"
    "  BEGIN SELECT RAISE(ABORT, 'a facility''s history is never deleted'); END;"
    "ALTER TABLE loans ADD COLUMN manual_collection INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loans ADD COLUMN personal_purpose INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loans ADD COLUMN restructured INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loans ADD COLUMN payment TEXT NOT NULL DEFAULT 'self'"
    "  CHECK (payment IN ('self', 'entrusted'));"
    "ALTER TABLE loans ADD COLUMN payee TEXT;"
    "ALTER TABLE loans ADD COLUMN payee_account TEXT;"
    "ALTER TABLE loans ADD COLUMN payee_name TEXT;"
    "ALTER TABLE loans ADD COLUMN purpose TEXT;",

    /* Bringing a bank's book in (finbridge import): each run of an import, the opening figures
     * of each loan brought in mid-life (what its accounts were opened with against the migration
     * suspense, so that verify checks it from there), the classification changes of the bank's
     * core system and the floors they set (a class worse than the days past due give holds until
     * the core system changes it), and the wealth-finance figures by city and day (财富金融:
     * kept as measures). */
    "CREATE TABLE import_runs("
    "  run INTEGER PRIMARY KEY,"
    "  as_of INTEGER NOT NULL,"
    "  mode TEXT NOT NULL CHECK (mode IN ('cutover', 'feed')),"
    "  rows INTEGER NOT NULL,"
    "  net INTEGER NOT NULL,"
    "  created_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE loan_openings("
    "  loan INTEGER PRIMARY KEY REFERENCES loans(key),"
    "  run INTEGER NOT NULL REFERENCES import_runs(run),"
    "  date INTEGER NOT NULL,"
    "  principal INTEGER NOT NULL CHECK (principal >= 0),"
    "  interest_due INTEGER NOT NULL CHECK (interest_due >= 0),"
    "  accrued INTEGER NOT NULL CHECK (accrued >= 0),"
    "  penalty INTEGER NOT NULL CHECK (penalty >= 0),"
    "  written_off INTEGER NOT NULL CHECK (written_off >= 0),"
    "  prepaid INTEGER NOT NULL CHECK (prepaid >= 0)"
    ") STRICT;"
    "CREATE TRIGGER loan_openings_no_update BEFORE UPDATE ON loan_openings"
    "  BEGIN SELECT RAISE(ABORT, 'a loan''s opening is never changed'); END;"
    "CREATE TABLE class_changes("
    "  source_id TEXT PRIMARY KEY,"
    "  loan INTEGER NOT NULL REFERENCES loans(key),"
    "  date INTEGER NOT NULL,"
    "  class_before INTEGER NOT NULL,"
    "  class INTEGER NOT NULL CHECK (class BETWEEN 0 AND 4),"
    "  restructured INTEGER,"
    "  reason TEXT,"
    "  run INTEGER NOT NULL REFERENCES import_runs(run)"
    ") STRICT;"
    "CREATE TABLE class_floors("
    "  loan INTEGER PRIMARY KEY REFERENCES loans(key),"
    "  class INTEGER NOT NULL CHECK (class BETWEEN 1 AND 4),"
    "  date INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE wealth_figures("
    "  date INTEGER NOT NULL,"
    "  city INTEGER NOT NULL,"
    "  measure TEXT NOT NULL,"
    "  value INTEGER NOT NULL CHECK (value >= 0),"
    "  source_id TEXT,"
    "  run INTEGER NOT NULL REFERENCES import_runs(run),"
    "  PRIMARY KEY (measure, city, date)"
    ") STRICT, WITHOUT ROWID;",
    /* 18: the loan book a regulator accepts (docs/accounts.md, "Classification, non-accrual,
     * provisions"). Each loan's state gains what non-accrual, the upgrade conditions,
     * restructuring and extension need, every one a plain column that an import can set
     * (migrations 19 and 20 add the history of each loan's classes and of its terms, the
     * provisions, the quality at month-ends, the green catalogue). Migration 21 makes two
     * corrections of existing books:
     *   - an NPL-ratio ceiling was kept 100 times too large (a percentage read as "3.0" was
     *     stored as 3,000,000 millionths, 300%); the demo wrote 30,000 (3%). A ceiling stored
     *     at 100,000 (10%) or more can only have come through the doors and is divided by 100;
     *     one below was written in the right unit (realistic ceilings are 0.1% to 10%);
     *   - a payoff kept all its principal in the running installment and did not count what it
     *     prepaid: the last installment gives up what the payoff prepaid, and the state counts
     *     it, so that loans get and the repayment's answer agree.
     * A repayment records what of its penalty and interest settled amounts off the balance sheet
     * (a write-off: what left the memo ledger); 0 in the rows before. */
    "ALTER TABLE loan_state ADD COLUMN nonaccrual INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN oi_due INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN oi_run INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN op_due INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN retail INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN manual INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN cured INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN ontime INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN restructured INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN obs_start INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN obs_end INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN obs_floor INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN obs_missed INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN resolved INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN capitalised INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN extended INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN changes INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_state ADD COLUMN classes INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE repayments ADD COLUMN off_balance INTEGER NOT NULL DEFAULT 0"
    "  CHECK (off_balance >= 0);"
    "UPDATE loan_state SET retail = (SELECT p.kind = 'individual_business' FROM parties p"
    "  WHERE p.key = loan_state.party);",

    /* 19: the history of each loan's classes, who and why (the first entry of a loan classed
     * other than normal is its class when migrated), and of the changes of its terms. */
    "CREATE TABLE class_history("
    "  loan INTEGER NOT NULL REFERENCES loans(key),"
    "  seq INTEGER NOT NULL,"
    "  date INTEGER NOT NULL,"
    "  from_class INTEGER CHECK (from_class BETWEEN 0 AND 4),"
    "  to_class INTEGER NOT NULL CHECK (to_class BETWEEN 0 AND 4),"
    "  reason TEXT NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  note TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  PRIMARY KEY (loan, seq)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO class_history SELECT x.loan, 1, COALESCE((SELECT value - 1 FROM meta WHERE key ="
    "  'business_date'), 0), NULL, x.class, 'migrated', 'finbridge', NULL, 0 FROM loan_state x"
    "  WHERE x.class != 0;"
    "UPDATE loan_state SET classes = 1 WHERE class != 0;"
    "CREATE TRIGGER class_history_no_update BEFORE UPDATE ON class_history"
    "  BEGIN SELECT RAISE(ABORT, 'a loan''s class history is never changed'); END;"
    "CREATE TRIGGER class_history_no_delete BEFORE DELETE ON class_history"
    "  BEGIN SELECT RAISE(ABORT, 'a loan''s class history is never deleted'); END;"
    "CREATE TABLE loan_changes("
    "  loan INTEGER NOT NULL REFERENCES loans(key),"
    "  seq INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('extension', 'restructuring', 'renewal',"
    "    'refinancing')),"
    "  client_id TEXT UNIQUE,"
    "  date INTEGER NOT NULL,"
    "  months INTEGER NOT NULL CHECK (months > 0),"
    "  rate_before INTEGER NOT NULL,"
    "  rate_after INTEGER NOT NULL,"
    "  maturity_before INTEGER NOT NULL,"
    "  maturity_after INTEGER NOT NULL,"
    "  capitalised INTEGER NOT NULL CHECK (capitalised >= 0),"
    "  rescheduled INTEGER NOT NULL CHECK (rescheduled >= 0),"
    "  difficulty TEXT NOT NULL,"
    "  class_before INTEGER NOT NULL,"
    "  class_after INTEGER NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  PRIMARY KEY (loan, seq)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER loan_changes_no_update BEFORE UPDATE ON loan_changes"
    "  BEGIN SELECT RAISE(ABORT, 'a loan''s changes are never changed'); END;"
    "CREATE TRIGGER loan_changes_no_delete BEFORE DELETE ON loan_changes"
    "  BEGIN SELECT RAISE(ABORT, 'a loan''s changes are never deleted'); END;",

    /* 20: the provisions booked at each month-end by cell and class, what moved the provision
     * account between month-ends, the book's quality copied at each month-end, and the green
     * catalogue once loaded. */
    "CREATE TABLE provisions("
    "  date INTEGER NOT NULL,"
    "  cell INTEGER NOT NULL,"
    "  class INTEGER NOT NULL CHECK (class BETWEEN 0 AND 4),"
    "  balance INTEGER NOT NULL CHECK (balance >= 0),"
    "  loans INTEGER NOT NULL,"
    "  borrowers INTEGER NOT NULL,"
    "  rate INTEGER NOT NULL CHECK (rate BETWEEN 0 AND 1000000),"
    "  specific INTEGER NOT NULL CHECK (specific >= 0),"
    "  general_rate INTEGER NOT NULL CHECK (general_rate BETWEEN 0 AND 1000000),"
    "  general INTEGER NOT NULL CHECK (general >= 0),"
    "  PRIMARY KEY (date, cell, class)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER provisions_no_update BEFORE UPDATE ON provisions"
    "  BEGIN SELECT RAISE(ABORT, 'provisions booked are never changed'); END;"
    "CREATE TABLE provision_runs(date INTEGER PRIMARY KEY) STRICT;"
    "CREATE TABLE provision_moves("
    "  seq INTEGER PRIMARY KEY,"
    "  date INTEGER NOT NULL,"
    "  line INTEGER NOT NULL,"
    "  loan INTEGER NOT NULL REFERENCES loans(key),"
    "  kind TEXT NOT NULL CHECK (kind IN ('write_off', 'top_up', 'recovery')),"
    "  amount INTEGER NOT NULL CHECK (amount > 0)"
    ") STRICT;"
    "CREATE TABLE quality_monthly("
    "  date INTEGER NOT NULL, city INTEGER NOT NULL, line INTEGER NOT NULL,"
    "  class INTEGER NOT NULL, bucket INTEGER NOT NULL, loans INTEGER NOT NULL,"
    "  borrowers INTEGER NOT NULL, balance INTEGER NOT NULL, overdue INTEGER NOT NULL,"
    "  offbal_interest INTEGER NOT NULL, offbal_penalty INTEGER NOT NULL,"
    "  restructured INTEGER NOT NULL, restructured_balance INTEGER NOT NULL,"
    "  PRIMARY KEY (date, city, line, class, bucket)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE green_catalogue("
    "  code TEXT PRIMARY KEY,"
    "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),"
    "  parent TEXT,"
    "  name TEXT NOT NULL"
    ") STRICT;",

    /* 21: two corrections of existing books (migration 18's comment says why). */
    "DROP TRIGGER IF EXISTS targets_no_update;"
    "UPDATE targets SET amount = amount / 100 WHERE measure = 'npl_ratio_max'"
    "  AND amount >= 100000;"
    "CREATE TRIGGER targets_no_update BEFORE UPDATE ON targets"
    "  BEGIN SELECT RAISE(ABORT, 'targets are never changed'); END;"
    "UPDATE loan_state SET prepaid = prepaid + (SELECT COALESCE(SUM(r.prepaid), 0)"
    "  FROM repayments r WHERE r.loan = loan_state.loan AND r.prepay = 'payoff')"
    "  WHERE loan IN (SELECT loan FROM repayments WHERE prepay = 'payoff');"
    "UPDATE installments SET principal = principal - (SELECT COALESCE(SUM(r.prepaid), 0)"
    "  FROM repayments r WHERE r.loan = installments.loan AND r.prepay = 'payoff')"
    "  WHERE loan IN (SELECT loan FROM repayments WHERE prepay = 'payoff')"
    "  AND n = (SELECT MAX(n) FROM installments i WHERE i.loan = installments.loan);",
    /* 22: value dates. Every transfer carries the business date it belongs to (value_date, days
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
    /* 23: balances written behind. A transfer batch of single-phase transfers writes its
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
    /* Risk-compensation pools (风险补偿资金池, book/pool.c, docs/schemes.md): a scheme with its
     * rules copied in when created; each funding the government made (its transfer on the
     * ledger pf:<id>); each loan covered, once, under one pool, with its claim (made once: the
     * trigger, the principal lost it compensated, what the pool paid) and the recoveries shared
     * back since. verify proves the pool's accounts equal these rows. */
    "CREATE TABLE pools("
    "  key INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  region INTEGER NOT NULL,"
    "  lines INTEGER NOT NULL CHECK (lines >= 0),"
    "  sizes INTEGER NOT NULL CHECK (sizes >= 0),"
    "  borrower_cap INTEGER NOT NULL CHECK (borrower_cap >= 0),"
    "  leverage INTEGER NOT NULL CHECK (leverage > 0),"
    "  share INTEGER NOT NULL CHECK (share > 0 AND share <= 1000000),"
    "  overdue_days INTEGER NOT NULL CHECK (overdue_days > 0),"
    "  npl_ceiling INTEGER NOT NULL CHECK (npl_ceiling > 0 AND npl_ceiling <= 1000000),"
    "  created INTEGER NOT NULL,"
    "  created_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE pool_funding("
    "  key INTEGER PRIMARY KEY,"
    "  pool INTEGER NOT NULL REFERENCES pools(key),"
    "  id TEXT NOT NULL UNIQUE,"
    "  amount INTEGER NOT NULL CHECK (amount > 0),"
    "  date INTEGER NOT NULL,"
    "  created_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX pool_funding_pool ON pool_funding(pool);"
    "CREATE TABLE pool_cover("
    "  key INTEGER PRIMARY KEY,"
    "  pool INTEGER NOT NULL REFERENCES pools(key),"
    "  loan INTEGER NOT NULL UNIQUE REFERENCES loans(key),"
    "  party INTEGER NOT NULL REFERENCES parties(key),"
    "  covered INTEGER NOT NULL,"
    "  principal INTEGER NOT NULL CHECK (principal > 0),"
    "  claimed INTEGER, cause INTEGER CHECK (cause IN (0, 1)),"
    "  basis INTEGER NOT NULL DEFAULT 0 CHECK (basis >= 0),"
    "  paid INTEGER NOT NULL DEFAULT 0 CHECK (paid >= 0),"
    "  exposure INTEGER NOT NULL DEFAULT 0,"
    "  returned INTEGER NOT NULL DEFAULT 0 CHECK (returned >= 0 AND returned <= paid),"
    "  returns INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL,"
    "  CHECK ((claimed IS NULL) = (cause IS NULL)),"
    "  CHECK (claimed IS NOT NULL OR (paid = 0 AND returned = 0))"
    ") STRICT;"
    "CREATE INDEX pool_cover_pool ON pool_cover(pool);"
    "CREATE INDEX pool_cover_party ON pool_cover(pool, party);",
    /* Interest subsidies (财政贴息, book/subsidy.c): a scheme; each loan enrolled, once, with
     * what it may earn over its term (committed: the schemes' budgets hold them), what it accrued
     * and the remainder below the fen; what it accrued in each quarter (days, amount), the claim
     * that lists it and the government's decision; a quarter's claim, paid once. */
    "CREATE TABLE subsidies("
    "  key INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  region INTEGER NOT NULL,"
    "  lines INTEGER NOT NULL, sizes INTEGER NOT NULL,"
    "  mode INTEGER NOT NULL CHECK (mode IN (0, 1)),"
    "  points INTEGER NOT NULL CHECK (points >= 0), share INTEGER NOT NULL CHECK (share >= 0),"
    "  months INTEGER NOT NULL CHECK (months > 0),"
    "  borrower_cap INTEGER NOT NULL CHECK (borrower_cap >= 0),"
    "  budget INTEGER NOT NULL CHECK (budget > 0),"
    "  created INTEGER NOT NULL, created_at INTEGER NOT NULL,"
    "  CHECK ((points > 0) != (share > 0))"
    ") STRICT;"
    "CREATE TABLE subsidy_enrol("
    "  key INTEGER PRIMARY KEY,"
    "  scheme INTEGER NOT NULL REFERENCES subsidies(key),"
    "  loan INTEGER NOT NULL UNIQUE REFERENCES loans(key),"
    "  party INTEGER NOT NULL REFERENCES parties(key),"
    "  start INTEGER NOT NULL, until INTEGER NOT NULL CHECK (until > start),"
    "  committed INTEGER NOT NULL CHECK (committed >= 0),"
    "  accrued INTEGER NOT NULL DEFAULT 0 CHECK (accrued >= 0 AND accrued <= committed),"
    "  rem INTEGER NOT NULL DEFAULT 0 CHECK (rem >= 0),"
    "  created_at INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX subsidy_enrol_scheme ON subsidy_enrol(scheme);"
    "CREATE TABLE subsidy_claims("
    "  key INTEGER PRIMARY KEY,"
    "  scheme INTEGER NOT NULL REFERENCES subsidies(key),"
    "  quarter INTEGER NOT NULL,"
    "  date INTEGER NOT NULL,"
    "  amount INTEGER NOT NULL, lines INTEGER NOT NULL,"
    "  paid INTEGER, approved INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (scheme, quarter),"
    "  CHECK (paid IS NOT NULL OR (approved = 0 AND rejected = 0))"
    ") STRICT;"
    "CREATE TABLE subsidy_accrual("
    "  enrol INTEGER NOT NULL REFERENCES subsidy_enrol(key),"
    "  quarter INTEGER NOT NULL,"
    "  days INTEGER NOT NULL, amount INTEGER NOT NULL CHECK (amount >= 0),"
    "  claim INTEGER REFERENCES subsidy_claims(key),"
    "  decision INTEGER NOT NULL DEFAULT 0 CHECK (decision IN (0, 1, 2)),"
    "  PRIMARY KEY (enrol, quarter),"
    "  CHECK (claim IS NOT NULL OR decision = 0)"
    ") STRICT;"
    "CREATE INDEX subsidy_accrual_claim ON subsidy_accrual(claim);",
    /* Government financing guarantees (政府性融资担保, book/guarantee.c): a guarantee of a share
     * of a loan, its split (summing to 100%), fee and days to pay; its claim once made, and what
     * each of the three guarantors owes and paid (the bank's own share is never owed). */
    "CREATE TABLE guarantees("
    "  key INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  loan INTEGER NOT NULL UNIQUE REFERENCES loans(key),"
    "  company TEXT NOT NULL REFERENCES parties(id),"
    "  covered INTEGER NOT NULL CHECK (covered > 0 AND covered <= 1000000),"
    "  s0 INTEGER NOT NULL, s1 INTEGER NOT NULL, s2 INTEGER NOT NULL, s3 INTEGER NOT NULL,"
    "  fee INTEGER NOT NULL, pay_days INTEGER NOT NULL, created INTEGER NOT NULL,"
    "  claimed INTEGER, due INTEGER, basis INTEGER NOT NULL DEFAULT 0,"
    "  o0 INTEGER NOT NULL DEFAULT 0, o1 INTEGER NOT NULL DEFAULT 0, o2 INTEGER NOT NULL DEFAULT 0,"
    "  p0 INTEGER NOT NULL DEFAULT 0, p1 INTEGER NOT NULL DEFAULT 0, p2 INTEGER NOT NULL DEFAULT 0,"
    "  exposure INTEGER NOT NULL DEFAULT 0, returns INTEGER NOT NULL DEFAULT 0,"
    "  r0 INTEGER NOT NULL DEFAULT 0, r1 INTEGER NOT NULL DEFAULT 0, r2 INTEGER NOT NULL DEFAULT 0,"
    "  CHECK (r0 BETWEEN 0 AND p0 AND r1 BETWEEN 0 AND p1 AND r2 BETWEEN 0 AND p2),"
    "  CHECK (s0 + s1 + s2 + s3 = 1000000),"
    "  CHECK (p0 IN (0, o0) AND p1 IN (0, o1) AND p2 IN (0, o2))"
    ") STRICT;",
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

/* Fails when a foreign key does not hold: a migration that rebuilt a table runs with them off
 * (SQLite's way to change a table's constraints), and proves them before it commits. */
static int foreign_keys_hold(fb_store *s) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "checking foreign keys");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(s->errmsg, sizeof s->errmsg, "migrating the schema: a row of %s refers to no %s",
                 (const char *)sqlite3_column_text(st, 0),
                 (const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : FB_EIO;
}

/* One migration in its own transaction, with the schema version it reaches. */
static int migrate_one(fb_store *s, int v) {
    FB_ASSERT(v >= 0 && v < fb__store_schema_version_current());
    int rc = exec(s, "BEGIN IMMEDIATE", "migrating the schema");
    if (rc) return rc;
    rc = exec(s, migrations[v], "migrating the schema");
    if (rc == FB_OK) rc = foreign_keys_hold(s);
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
    FB_ASSERT(s->version == v + 1);
    return FB_OK;
}

int fb__store_migrate(fb_store *s, int from, int to) {
    FB_ASSERT(from >= 0 && from <= to);
    FB_ASSERT(to <= fb__store_schema_version_current());
    /* Outside a transaction, where the pragma takes effect; on again whatever happens. */
    int rc = from < to ? exec(s, "PRAGMA foreign_keys = OFF", "migrating the schema") : FB_OK;
    for (int v = from; rc == FB_OK && v < to; v++)
        rc = migrate_one(s, v);
    if (from < to) sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return rc;
}
