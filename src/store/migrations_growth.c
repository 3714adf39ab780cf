/* migrations_growth.c — migrations 15 on: demands, lines of credit over their life, import, value
 * dates, balances written behind, the regulator's book of the database schema (schema.c runs them).
 * Migrations are only ever appended; a released one is never edited. */
#include "store/migrations.h"
#include "store/sqlite_internal.h" /* FB_CELL_SQL */

const char *const fb__migrations_growth[] = {
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
    /* 18: value dates. Every transfer carries the business date it belongs to (value_date, days
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
    /* 19: balances written behind. A transfer batch of single-phase transfers writes its
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
    /* 20: the loan book a regulator accepts (docs/accounts.md, "Classification, non-accrual,
     * provisions"). Each loan's state gains what non-accrual, the upgrade conditions,
     * restructuring and extension need, every one a plain column that an import can set
     * (migrations 21 and 22 add the history of each loan's classes and of its terms, the
     * provisions, the quality at month-ends, the green catalogue). Migration 23 makes two
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

    /* 21: the history of each loan's classes, who and why (the first entry of a loan classed
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

    /* 22: the provisions booked at each month-end by cell and class, what moved the provision
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

    /* 23: two corrections of existing books (migration 20's comment says why). */
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
    /* 24: the chain over the rows that carry money (store/chain.c, docs/ledger.md "The chain").
     * The ledger: a seal per committed batch over its accounts' identities, its transfers and its
     * balance history rows, chained to the seal before it; a book from before the chain gets one
     * seal over everything it holds. The loan book: each repayment's checksum, chained per loan
     * in repayment order. */
    "CREATE TABLE ledger_chain("
    "  ts INTEGER PRIMARY KEY,"
    "  n INTEGER NOT NULL CHECK (n > 0),"
    "  hash BLOB NOT NULL CHECK (length(hash) = 32)"
    ") STRICT;"
    "CREATE TRIGGER ledger_chain_no_update BEFORE UPDATE ON ledger_chain"
    "  BEGIN SELECT RAISE(ABORT, 'the chain is never changed'); END;"
    "CREATE TRIGGER ledger_chain_no_delete BEFORE DELETE ON ledger_chain"
    "  BEGIN SELECT RAISE(ABORT, 'the chain is never cut'); END;"
    "INSERT INTO ledger_chain SELECT m, n, fb_ledger_chain_genesis(m) FROM (SELECT max(m) m,"
    "  sum(n) n FROM (SELECT max(ts) m, count(*) n FROM accounts UNION ALL SELECT max(ts),"
    "  count(*) FROM transfers UNION ALL SELECT max(ts), count(*) FROM balances)) WHERE n > 0;"
    "DROP TRIGGER repayments_no_update;"
    "ALTER TABLE repayments ADD COLUMN chain BLOB;"
    "CREATE TEMP TABLE rp_chain AS WITH RECURSIVE c(loan, k, h) AS ("
    "  SELECT loan, k, fb_repayment_link(NULL, loan, k, kind, client_id, date, amount, penalty,"
    "  interest, principal, prepaid, prepay, created_at, off_balance) FROM repayments WHERE k = 1"
    "  UNION ALL SELECT r.loan, r.k, fb_repayment_link(c.h, r.loan, r.k, r.kind, r.client_id,"
    "  r.date, r.amount, r.penalty, r.interest, r.principal, r.prepaid, r.prepay, r.created_at,"
    "  r.off_balance) FROM c JOIN repayments r ON r.loan = c.loan AND r.k = c.k + 1)"
    "  SELECT loan, k, h FROM c;"
    "UPDATE repayments SET chain = (SELECT h FROM temp.rp_chain p WHERE p.loan = repayments.loan"
    "  AND p.k = repayments.k);"
    "DROP TABLE temp.rp_chain;"
    "CREATE TRIGGER repayments_no_update BEFORE UPDATE ON repayments"
    "  BEGIN SELECT RAISE(ABORT, 'repayments are never changed'); END;",
    /* 25: risk-compensation pools (风险补偿资金池, book/pool.c, docs/schemes.md): a scheme with its
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
    /* 26: interest subsidies (财政贴息, book/subsidy.c): a scheme; each loan enrolled, once, with
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
    /* 27: government financing guarantees (政府性融资担保, book/guarantee.c): a guarantee of a
     * share of a loan, its split (summing to 100%), fee and days to pay; its claim once made, and
     * what each of the three guarantors owes and paid (the bank's own share is never owed). */
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
    /* A pool may cover only the enterprises on a government list (book/eligibility.c): the
     * demands' source it names (2 key enterprises, 3 major projects; 0 any enterprise). */
    "ALTER TABLE pools ADD COLUMN listed INTEGER NOT NULL DEFAULT 0 CHECK (listed IN (0, 2, 3));",
    /* The guarantor role (a guarantee company's user, bound to its party as an enterprise's is):
     * the users' table rebuilt with it in its checks, every row as it was. */
    "CREATE TABLE users_guarantor("
    "  key INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  role TEXT NOT NULL CHECK (role IN ('admin', 'bank_officer', 'enterprise', 'government',"
    "    'auditor', 'guarantor')),"
    "  party TEXT REFERENCES parties(id),"
    "  region INTEGER,"
    "  token_hash BLOB UNIQUE,"
    "  password_hash TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  changed_at INTEGER NOT NULL,"
    "  disabled_at INTEGER,"
    "  CHECK ((role IN ('enterprise', 'guarantor')) = (party IS NOT NULL)),"
    "  CHECK ((role = 'government') = (region IS NOT NULL))"
    ") STRICT;"
    "INSERT INTO users_guarantor (key, name, role, party, region, token_hash, password_hash,"
    "  created_at, changed_at, disabled_at) SELECT key, name, role, party, region, token_hash,"
    "  password_hash, created_at, changed_at, disabled_at FROM users;"
    "DROP TABLE users;"
    "ALTER TABLE users_guarantor RENAME TO users;",
    /* The government's schemes at each close of day, for the agreements' measures (store/
     * aggregates.c): kind 0 a region's pools (covered principal, capacity), kind 1 a city's part
     * guaranteed of its inclusive loans (covered; capacity 0). Days closed before have none. */
    "CREATE TABLE agg_scheme_daily("
    "  date INTEGER NOT NULL, kind INTEGER NOT NULL CHECK (kind IN (0, 1)),"
    "  region INTEGER NOT NULL, covered INTEGER NOT NULL, capacity INTEGER NOT NULL,"
    "  PRIMARY KEY (date, kind, region)"
    ") STRICT, WITHOUT ROWID;",
    /* The guarantee company's fee (book/guarantee_fee.c): the years of a guarantee charged, the
     * fees' sum and the last one. */
    "ALTER TABLE guarantees ADD COLUMN fee_years INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE guarantees ADD COLUMN fees INTEGER NOT NULL DEFAULT 0 CHECK (fees >= 0);"
    "ALTER TABLE guarantees ADD COLUMN fee_last INTEGER NOT NULL DEFAULT 0;",
    /* An extension's guarantor consent (贷款通则 第十二条: 保证人、抵押人、出质人出具同意的书面
     * 证明): who gave it, its date and the document's reference, kept with the change of terms
     * ('' and 0 for a change without). */
    "ALTER TABLE loan_changes ADD COLUMN consent_by TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE loan_changes ADD COLUMN consent_date INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE loan_changes ADD COLUMN consent_ref TEXT NOT NULL DEFAULT '';",
    /* Debtors' credit reports (征信报告, book/credit.c): debts at all banks and, of them, more
     * than 90 days overdue, on the report's date; kept as entered. */
    "CREATE TABLE credit_reports("
    "  party INTEGER NOT NULL REFERENCES parties(key),"
    "  date INTEGER NOT NULL,"
    "  debt INTEGER NOT NULL CHECK (debt >= 0),"
    "  overdue90 INTEGER NOT NULL CHECK (overdue90 >= 0 AND overdue90 <= debt),"
    "  reference TEXT NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  PRIMARY KEY (party, date)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER credit_reports_no_update BEFORE UPDATE ON credit_reports"
    "  BEGIN SELECT RAISE(ABORT, 'a credit report is never changed'); END;"
    "CREATE TRIGGER credit_reports_no_delete BEFORE DELETE ON credit_reports"
    "  BEGIN SELECT RAISE(ABORT, 'a credit report is never deleted'); END;",
    /* The borrowers of each year's new credit (store/aggregates.c): each borrower's first day
     * of new credit in a year, in its drawer cell of the line (every 0) and of every line
     * (every 1), kept by each drawdown; their count through each closed day (every 2 the day's
     * mark that it is kept), kept by the close of the day, so that the credit report's distinct
     * new borrowers of the year to date read a few rows instead of every loan drawn. An older
     * book's last closed day is counted here once; its days before read the loans. */
    "CREATE TABLE agg_drawer("
    "  year INTEGER NOT NULL, every INTEGER NOT NULL CHECK (every IN (0, 1)),"
    "  cell INTEGER NOT NULL, party INTEGER NOT NULL, first INTEGER NOT NULL,"
    "  PRIMARY KEY (year, every, cell, party)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX agg_drawer_first ON agg_drawer(first);"
    "CREATE TABLE agg_drawer_daily("
    "  date INTEGER NOT NULL, every INTEGER NOT NULL CHECK (every IN (0, 1, 2)),"
    "  cell INTEGER NOT NULL, n INTEGER NOT NULL CHECK (n >= 0),"
    "  PRIMARY KEY (date, every, cell)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO agg_drawer SELECT y, 0, c, party, MIN(d) FROM (SELECT"
    "  CAST(strftime('%Y', l.start_date * 86400, 'unixepoch') AS INTEGER) y,"
    "  x.cell - x.cell % 2 c, x.party party, l.start_date d FROM loans l"
    "  JOIN loan_state x ON x.loan = l.key WHERE substr(l.id, 1, 4) != 'adv:')"
    "  GROUP BY y, c, party;"
    "INSERT INTO agg_drawer SELECT year, 1, cell - cell % 64 + cell % 8, party, MIN(first)"
    "  FROM agg_drawer WHERE every = 0 GROUP BY year, cell - cell % 64 + cell % 8, party;"
    "INSERT INTO agg_drawer_daily SELECT b.value - 1, a.every, a.cell, COUNT(*)"
    "  FROM agg_drawer a, meta b WHERE b.key = 'business_date' AND a.year ="
    "  CAST(strftime('%Y', (b.value - 1) * 86400, 'unixepoch') AS INTEGER)"
    "  AND a.first <= b.value - 1 GROUP BY a.every, a.cell"
    " UNION ALL SELECT value - 1, 2, 0, 0 FROM meta WHERE key = 'business_date' AND value > 1;",
    /* The business date a credit report was entered on: a report dated a day already closed
     * (back-dated) is held to from the close of the day it was entered, and verify knows which
     * reports a close has seen (0 for those entered before: their date). */
    "ALTER TABLE credit_reports ADD COLUMN entered INTEGER NOT NULL DEFAULT 0;",
    /* An extension beyond 贷款通则 第十二条's limits under a provision of the State ("国家另有规定
     * 者除外"): the provision's document number ('' for a change without). */
    "ALTER TABLE loan_changes ADD COLUMN state_rule TEXT NOT NULL DEFAULT '';",
    /* The quality of the last day closed, kept by its close (store/quality.c) in
     * quality_monthly beside the month-ends; meta's quality_kept names the day while the copy
     * is the loans' state now, and any write of a loan's state sets it back to 0 (the report
     * then reads the loans). */
    "INSERT OR IGNORE INTO meta VALUES ('quality_kept', 0);"
    "CREATE TRIGGER loan_state_quality_insert AFTER INSERT ON loan_state"
    "  WHEN (SELECT value FROM meta WHERE key = 'quality_kept') != 0"
    "  BEGIN UPDATE meta SET value = 0 WHERE key = 'quality_kept'; END;"
    "CREATE TRIGGER loan_state_quality_update AFTER UPDATE ON loan_state"
    "  WHEN (SELECT value FROM meta WHERE key = 'quality_kept') != 0"
    "  BEGIN UPDATE meta SET value = 0 WHERE key = 'quality_kept'; END;"
    "CREATE TRIGGER loan_state_quality_delete AFTER DELETE ON loan_state"
    "  WHEN (SELECT value FROM meta WHERE key = 'quality_kept') != 0"
    "  BEGIN UPDATE meta SET value = 0 WHERE key = 'quality_kept'; END;",
    /* An extension that made the term reach a new rate bracket (贷款通则 第十四条): what moved
     * the rate, and from which basis to which ('' for a change that moved none). */
    "ALTER TABLE loan_changes ADD COLUMN rate_rule TEXT NOT NULL DEFAULT '';",
    /* The guarantee fee accrued day by day (book/guarantee_accrual.c): what a guarantee accrued,
     * what was collected of it, the carry below the fen, the last day accrued and the first
     * collection day a part of it was left unpaid (0: nothing unpaid). A book's fees charged a
     * year ahead stay as they were: the days of a year charged never accrue. */
    "ALTER TABLE guarantees ADD COLUMN fee_accrued INTEGER NOT NULL DEFAULT 0"
    "  CHECK (fee_accrued >= 0);"
    "ALTER TABLE guarantees ADD COLUMN fee_collected INTEGER NOT NULL DEFAULT 0"
    "  CHECK (fee_collected >= 0 AND fee_collected <= fee_accrued);"
    "ALTER TABLE guarantees ADD COLUMN fee_carry INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE guarantees ADD COLUMN fee_day INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE guarantees ADD COLUMN fee_unpaid_since INTEGER NOT NULL DEFAULT 0;",
    /* The schemes' figures at each close (store/scheme_history.c), for their pages' as_of: a
     * pool's (kind 0), a subsidy scheme's (1), a city's guarantees (2; 210000 the total, kept
     * every close). Days closed before have none: as_of before the first is refused. */
    "CREATE TABLE scheme_daily("
    "  date INTEGER NOT NULL, kind INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),"
    "  key INTEGER NOT NULL, v BLOB NOT NULL,"
    "  PRIMARY KEY (date, kind, key)"
    ") STRICT, WITHOUT ROWID;",
    /* What the demands' measures read of other rows, kept on each demand (book/demand_measures.c):
     * its borrower's key, set as it is posted, and a granted one's first drawdown on its
     * facility from its decision on, kept by each loan drawn and by the grant; one index holds
     * every column measured, so that a period's measures read the index alone. The step trigger
     * is the same rule, on the columns of the steps. */
    "DROP TRIGGER demands_steps_once;"
    "ALTER TABLE demands ADD COLUMN party_key INTEGER;"
    "ALTER TABLE demands ADD COLUMN first_drawdown INTEGER;"
    "UPDATE demands SET party_key = (SELECT p.key FROM parties p WHERE p.id = demands.party),"
    "  first_drawdown = CASE WHEN status = 3 THEN (SELECT MIN(l.start_date) FROM loans l"
    "  WHERE l.facility = demands.facility AND substr(l.id, 1, 4) != 'adv:'"
    "  AND l.start_date >= demands.decided) END;"
    "CREATE TRIGGER demands_steps_once BEFORE UPDATE OF status, accepted, officer, contacted,"
    "  note, decided, facility, granted, reason, reason_text, withdrawn, withdrawn_by,"
    "  withdraw_text ON demands WHEN OLD.status >= 3"
    "  OR NEW.status <= OLD.status"
    "  OR (OLD.accepted IS NOT NULL AND NEW.accepted IS NOT OLD.accepted)"
    "  OR (OLD.contacted IS NOT NULL AND NEW.contacted IS NOT OLD.contacted)"
    "  BEGIN SELECT RAISE(ABORT, 'a demand''s step is made once, in order; a closed demand"
    " changes no more'); END;"
    "CREATE TRIGGER demands_party_key AFTER INSERT ON demands"
    "  BEGIN UPDATE demands SET party_key = (SELECT key FROM parties WHERE id = NEW.party)"
    "  WHERE key = NEW.key; END;"
    "CREATE TRIGGER demands_granted_drawdown AFTER UPDATE OF status ON demands"
    "  WHEN NEW.status = 3"
    "  BEGIN UPDATE demands SET first_drawdown = (SELECT MIN(l.start_date) FROM loans l"
    "  WHERE l.facility = NEW.facility AND substr(l.id, 1, 4) != 'adv:'"
    "  AND l.start_date >= NEW.decided) WHERE key = NEW.key; END;"
    "CREATE INDEX demands_granted_on ON demands(facility) WHERE status = 3;"
    "CREATE TRIGGER loans_demand_drawdown AFTER INSERT ON loans"
    "  WHEN substr(NEW.id, 1, 4) != 'adv:'"
    "  BEGIN UPDATE demands SET first_drawdown = NEW.start_date WHERE facility = NEW.facility"
    "  AND status = 3 AND decided <= NEW.start_date"
    "  AND (first_drawdown IS NULL OR first_drawdown > NEW.start_date); END;"
    "CREATE INDEX demands_measured ON demands(posted, city, party_key, amount, granted,"
    "  response_due, decision_due, contacted, decided, withdrawn, first_drawdown, chain, line,"
    "  size, status, reason);",
    /* Each pool's figures kept (book/pool.c): its covered loans still active, their principal
     * and the part of it non-performing, its claims, paid and returned, kept by each cover and
     * claim and by each write of a covered loan's state; each cover holds what it counts (the
     * loan's state may be written anew, never read back), so that a cover's rules read one row
     * instead of every loan the pool covers. */
    "ALTER TABLE pool_cover ADD COLUMN k_active INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE pool_cover ADD COLUMN k_principal INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE pool_cover ADD COLUMN k_npl INTEGER NOT NULL DEFAULT 0;"
    "UPDATE pool_cover SET"
    "  k_active = COALESCE((SELECT x.status = 0 FROM loan_state x WHERE x.loan = pool_cover.loan),"
    "  0), k_principal = COALESCE((SELECT CASE WHEN x.status = 0 THEN x.principal ELSE 0 END"
    "  FROM loan_state x WHERE x.loan = pool_cover.loan), 0),"
    "  k_npl = COALESCE((SELECT CASE WHEN x.status = 0 AND x.class >= 2 THEN x.principal ELSE 0"
    "  END FROM loan_state x WHERE x.loan = pool_cover.loan), 0);"
    "CREATE TABLE pool_kept("
    "  pool INTEGER PRIMARY KEY REFERENCES pools(key),"
    "  loans INTEGER NOT NULL DEFAULT 0, principal INTEGER NOT NULL DEFAULT 0,"
    "  npl INTEGER NOT NULL DEFAULT 0, claims INTEGER NOT NULL DEFAULT 0,"
    "  paid INTEGER NOT NULL DEFAULT 0, returned INTEGER NOT NULL DEFAULT 0"
    ") STRICT;"
    "INSERT INTO pool_kept SELECT p.key, COALESCE(SUM(c.k_active), 0),"
    "  COALESCE(SUM(c.k_principal), 0), COALESCE(SUM(c.k_npl), 0), COUNT(c.claimed),"
    "  COALESCE(SUM(c.paid), 0), COALESCE(SUM(c.returned), 0)"
    "  FROM pools p LEFT JOIN pool_cover c ON c.pool = p.key GROUP BY p.key;"
    "CREATE TRIGGER pools_kept AFTER INSERT ON pools"
    "  BEGIN INSERT INTO pool_kept (pool) VALUES (NEW.key); END;"
    "CREATE TRIGGER pool_cover_kept_update AFTER UPDATE ON pool_cover BEGIN"
    "  UPDATE pool_kept SET loans = loans - OLD.k_active, principal = principal - OLD.k_principal,"
    "  npl = npl - OLD.k_npl, claims = claims - (OLD.claimed IS NOT NULL),"
    "  paid = paid - OLD.paid, returned = returned - OLD.returned WHERE pool = OLD.pool;"
    "  UPDATE pool_kept SET loans = loans + NEW.k_active, principal = principal + NEW.k_principal,"
    "  npl = npl + NEW.k_npl, claims = claims + (NEW.claimed IS NOT NULL),"
    "  paid = paid + NEW.paid, returned = returned + NEW.returned WHERE pool = NEW.pool; END;"
    "CREATE TRIGGER pool_cover_kept_insert AFTER INSERT ON pool_cover BEGIN"
    "  UPDATE pool_kept SET loans = loans + NEW.k_active, principal = principal + NEW.k_principal,"
    "  npl = npl + NEW.k_npl, claims = claims + (NEW.claimed IS NOT NULL),"
    "  paid = paid + NEW.paid, returned = returned + NEW.returned WHERE pool = NEW.pool;"
    "  UPDATE pool_cover SET k_active = x.status = 0,"
    "  k_principal = CASE WHEN x.status = 0 THEN x.principal ELSE 0 END,"
    "  k_npl = CASE WHEN x.status = 0 AND x.class >= 2 THEN x.principal ELSE 0 END"
    "  FROM loan_state x WHERE x.loan = NEW.loan AND pool_cover.key = NEW.key; END;"
    "CREATE TRIGGER loan_state_pool_insert AFTER INSERT ON loan_state"
    "  WHEN EXISTS (SELECT 1 FROM pool_cover WHERE loan = NEW.loan) BEGIN"
    "  UPDATE pool_cover SET k_active = NEW.status = 0,"
    "  k_principal = CASE WHEN NEW.status = 0 THEN NEW.principal ELSE 0 END,"
    "  k_npl = CASE WHEN NEW.status = 0 AND NEW.class >= 2 THEN NEW.principal ELSE 0 END"
    "  WHERE loan = NEW.loan AND (k_active != (NEW.status = 0) OR k_principal !="
    "  (CASE WHEN NEW.status = 0 THEN NEW.principal ELSE 0 END) OR k_npl !="
    "  (CASE WHEN NEW.status = 0 AND NEW.class >= 2 THEN NEW.principal ELSE 0 END)); END;"
    "CREATE TRIGGER loan_state_pool_update AFTER UPDATE OF status, principal, class ON loan_state"
    "  WHEN EXISTS (SELECT 1 FROM pool_cover WHERE loan = NEW.loan) BEGIN"
    "  UPDATE pool_cover SET k_active = NEW.status = 0,"
    "  k_principal = CASE WHEN NEW.status = 0 THEN NEW.principal ELSE 0 END,"
    "  k_npl = CASE WHEN NEW.status = 0 AND NEW.class >= 2 THEN NEW.principal ELSE 0 END"
    "  WHERE loan = NEW.loan AND (k_active != (NEW.status = 0) OR k_principal !="
    "  (CASE WHEN NEW.status = 0 THEN NEW.principal ELSE 0 END) OR k_npl !="
    "  (CASE WHEN NEW.status = 0 AND NEW.class >= 2 THEN NEW.principal ELSE 0 END)); END;"
    "CREATE TRIGGER loan_state_pool_delete AFTER DELETE ON loan_state"
    "  WHEN EXISTS (SELECT 1 FROM pool_cover WHERE loan = OLD.loan) BEGIN"
    "  UPDATE pool_cover SET k_active = 0, k_principal = 0, k_npl = 0 WHERE loan = OLD.loan; END;",

    /* A small-business owner (小微企业主) is a natural person: its loans are retail, classified
     * loan by loan, as an individual business's (issue 11 item 3; docs/accounts.md). */
    "UPDATE loan_state SET retail = 1 WHERE retail = 0 AND party IN"
    "  (SELECT key FROM parties WHERE kind = 'small_business_owner');",
    /* The net rate of an interest subsidy (book/subsidy_net.c): an enrolment of a scheme of mode
     * net, its loan's contract rate, the points the borrower is charged below it, and the days the
     * net rate ran from (0: not yet) and ended on (0: not yet). */
    "CREATE TABLE subsidy_net("
    "  enrol INTEGER PRIMARY KEY REFERENCES subsidy_enrol(key),"
    "  loan INTEGER NOT NULL UNIQUE REFERENCES loans(key),"
    "  contract INTEGER NOT NULL CHECK (contract > 0),"
    "  sub INTEGER NOT NULL CHECK (sub > 0),"
    "  net_from INTEGER NOT NULL DEFAULT 0, net_to INTEGER NOT NULL DEFAULT 0,"
    "  CHECK (net_to = 0 OR net_to >= net_from)"
    ") STRICT;"
    /* A subsidy scheme's list of eligible enterprises (book/eligibility.c), as a pool's. */
    "ALTER TABLE subsidies ADD COLUMN listed INTEGER NOT NULL DEFAULT 0"
    "  CHECK (listed IN (0, 2, 3));",
};
const size_t fb__migrations_growth_n =
    sizeof fb__migrations_growth / sizeof fb__migrations_growth[0];
