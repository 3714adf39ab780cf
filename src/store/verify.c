/* verify.c — proves the stored books: every check is a query whose rows are failures.
 *
 * The checks recompute from the transfers what the accounts say, so a bug in the ledger's
 * bookkeeping, a hand edit of the database or a torn write shows up here. Work: a few full scans
 * of the accounts and transfers (O(transfers) with the indexes). */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

typedef struct {
    fb_report_fn *report;
    void *ctx;
    uint64_t failures;
} verifier;

static void fail_line(verifier *v, const char *line) {
    if (v->failures < FB_VERIFY_REPORT_MAX) v->report(v->ctx, line);
    v->failures++;
}

/* A check: a query whose every row is a failure, and the format of its line. The query's columns
 * are text or integers; up to six of them go into the line. */
typedef struct {
    const char *name;
    const char *sql;
} check;

/* A general-ledger control account of each line of business against the sum over its loans. */
#define CONTROL(name, what, expr)                                                                  \
    {                                                                                              \
        "the " name " of each line equals the sum over its loans",                                 \
            "SELECT 'gl:" what ":' || t.line || ': holds ' || COALESCE(a.debits_posted -"          \
            " a.credits_posted, 0) || ' fen, its loans sum to ' || t.s || ' fen' FROM (SELECT "    \
            "l.line"                                                                               \
            " line, SUM(" expr ") s FROM loan_state x JOIN loans l ON l.key = x.loan,"             \
            " (SELECT COALESCE((SELECT value FROM meta WHERE key = 'business_date'), 0) d) bd"     \
            " GROUP BY l.line) t LEFT JOIN accounts_now a ON a.id = 'gl:" what ":' || t.line"      \
            " WHERE COALESCE(a.debits_posted - a.credits_posted, 0) != t.s"                        \
            " UNION ALL SELECT a.id || ': holds ' || (a.debits_posted - a.credits_posted) ||"      \
            " ' fen, and no loan is of its line' FROM accounts_now a WHERE a.id LIKE 'gl:" what    \
            ":%'"                                                                                  \
            " AND a.debits_posted != a.credits_posted AND substr(a.id, length('gl:" what           \
            ":') + 1)"                                                                             \
            " NOT IN (SELECT line FROM loans)"                                                     \
    }

/* A day's year, in SQL over a day number. (Formatting off: clang-format breaks the SQL apart
 * around its macros.) */
#define YEAR_OF(day) "CAST(strftime('%Y', " day " * 86400, 'unixepoch') AS INTEGER)"
/* clang-format off */
#define DRAWERS_CHECK \
    "SELECT 'year ' || year || ', cell ' || cell || ' (' || every || '), party key ' || party ||" \
    " ': first drew on day ' || COALESCE(a, 'none') || ' by agg_drawer, ' || COALESCE(r, 'none')" \
    " || ' by its loans' FROM (SELECT year, every, cell, party, MIN(CASE WHEN k = 0 THEN first" \
    " END) a, MIN(CASE WHEN k = 1 THEN first END) r FROM (SELECT 0 k, year, every, cell, party," \
    " first FROM agg_drawer UNION ALL SELECT 1, " YEAR_OF("l.start_date") ", e.every, CASE" \
    " e.every WHEN 0 THEN " FB_DRAWER_LINE_SQL("x.cell") " ELSE " FB_DRAWER_ALL_SQL("x.cell") \
    " END, x.party, l.start_date FROM loans l JOIN loan_state x ON x.loan = l.key, (SELECT 0" \
    " every UNION ALL SELECT 1) e WHERE substr(l.id, 1, 4) != 'adv:') GROUP BY year, every," \
    " cell, party) WHERE a IS NOT r" \
    " UNION ALL SELECT 'day ' || date || ', cell ' || cell || ' (' || every || '): ' || n ||" \
    " ' borrowers of the year''s new credit kept, ' || rn || ' recounted' FROM (SELECT date," \
    " every, cell, kind, n, SUM(1 - kind) OVER w rn FROM (SELECT first date, year, every, cell," \
    " 0 kind, 0 n FROM agg_drawer UNION ALL SELECT date, " YEAR_OF("date") ", every, cell, 1, n" \
    " FROM agg_drawer_daily WHERE every < 2) WINDOW w AS (PARTITION BY year, every, cell ORDER" \
    " BY date, kind ROWS UNBOUNDED PRECEDING)) WHERE kind = 1 AND (n != rn OR n = 0)" \
    " UNION ALL SELECT 'day ' || m.date || ', cell ' || g.cell || ' (' || g.every || '): its" \
    " borrowers of new credit are not kept' FROM agg_drawer_daily m JOIN (SELECT year, every," \
    " cell, MIN(first) f FROM agg_drawer GROUP BY year, every, cell) g ON g.year = " \
    YEAR_OF("m.date") " AND g.f <= m.date WHERE m.every = 2 AND NOT EXISTS (SELECT 1 FROM" \
    " agg_drawer_daily k WHERE k.date = m.date AND k.every = g.every AND k.cell = g.cell)" \
    " UNION ALL SELECT 'day ' || k.date || ': borrowers of new credit kept without the day''s" \
    " mark' FROM agg_drawer_daily k WHERE k.every < 2 AND NOT EXISTS (SELECT 1 FROM" \
    " agg_drawer_daily m WHERE m.date = k.date AND m.every = 2) GROUP BY k.date"
/* clang-format on */

static const check checks[] = {
    {"account debits_posted = its transfers",
     "SELECT 'account ' || a.id || ': debits_posted ' || a.debits_posted ||"
     " ' fen, its transfers sum to ' || COALESCE(x.s, 0) || ' fen' FROM accounts_now a"
     " LEFT JOIN (SELECT debit_account k, SUM(amount) s FROM transfers"
     "  WHERE flags & 10 = 0 GROUP BY debit_account) x ON x.k = a.key"
     " WHERE a.debits_posted != COALESCE(x.s, 0)"},
    {"account credits_posted = its transfers",
     "SELECT 'account ' || a.id || ': credits_posted ' || a.credits_posted ||"
     " ' fen, its transfers sum to ' || COALESCE(x.s, 0) || ' fen' FROM accounts_now a"
     " LEFT JOIN (SELECT credit_account k, SUM(amount) s FROM transfers"
     "  WHERE flags & 10 = 0 GROUP BY credit_account) x ON x.k = a.key"
     " WHERE a.credits_posted != COALESCE(x.s, 0)"},
    {"account debits_pending = its open pending transfers",
     "SELECT 'account ' || a.id || ': debits_pending ' || a.debits_pending ||"
     " ' fen, its open pending transfers sum to ' || COALESCE(x.s, 0) || ' fen' FROM accounts_now a"
     " LEFT JOIN (SELECT t.debit_account k, SUM(t.amount) s FROM transfers t"
     "  JOIN pending p ON p.ts = t.ts WHERE p.status = 1 GROUP BY t.debit_account) x"
     " ON x.k = a.key WHERE a.debits_pending != COALESCE(x.s, 0)"},
    {"account credits_pending = its open pending transfers",
     "SELECT 'account ' || a.id || ': credits_pending ' || a.credits_pending ||"
     " ' fen, its open pending transfers sum to ' || COALESCE(x.s, 0) || ' fen' FROM accounts_now a"
     " LEFT JOIN (SELECT t.credit_account k, SUM(t.amount) s FROM transfers t"
     "  JOIN pending p ON p.ts = t.ts WHERE p.status = 1 GROUP BY t.credit_account) x"
     " ON x.k = a.key WHERE a.credits_pending != COALESCE(x.s, 0)"},
    {"every transfer has its two postings, and there are no others",
     "SELECT 'transfer ' || t.id || ': a posting is missing' FROM transfers t"
     " WHERE NOT EXISTS (SELECT 1 FROM postings WHERE k ="
     "  ((t.seq >> 16) << 40) | (t.debit_account << 16) | (t.seq & 65535))"
     " OR NOT EXISTS (SELECT 1 FROM postings WHERE k ="
     "  ((t.seq >> 16) << 40) | (t.credit_account << 16) | (t.seq & 65535))"
     " UNION ALL SELECT 'postings: ' || (SELECT COUNT(*) FROM postings) || ' rows for ' ||"
     " (SELECT COUNT(*) FROM transfers) || ' transfers'"
     " WHERE (SELECT COUNT(*) FROM postings) != 2 * (SELECT COUNT(*) FROM transfers)"},
    {"limit flags hold",
     "SELECT 'account ' || id || ': ' || CASE WHEN flags & 2 THEN"
     " 'debits ' || (debits_pending + debits_posted) || ' fen exceed credits ' ||"
     " credits_posted || ' fen (debits_must_not_exceed_credits)' ELSE"
     " 'credits ' || (credits_pending + credits_posted) || ' fen exceed debits ' ||"
     " debits_posted || ' fen (credits_must_not_exceed_debits)' END FROM accounts_now"
     " WHERE (flags & 2 AND debits_pending + debits_posted > credits_posted)"
     " OR (flags & 4 AND credits_pending + credits_posted > debits_posted)"},
    {"every pending transfer has its status",
     "SELECT 'transfer ' || t.id || ': pending, but has no status row' FROM transfers t"
     " LEFT JOIN pending p ON p.ts = t.ts WHERE t.flags & 2 AND p.ts IS NULL"
     " UNION ALL SELECT 'status row ' || p.ts || ': not a pending transfer' FROM pending p"
     " LEFT JOIN transfers t ON t.ts = p.ts WHERE t.ts IS NULL OR t.flags & 2 = 0"},
    {"each pending transfer is resolved at most once, as its status says",
     "SELECT 'transfer ' || t.id || ': status ' || p.status || ' but ' || COUNT(r.ts) ||"
     " ' posting and ' || SUM(COALESCE(r.flags & 8, 0) != 0) || ' voiding transfers'"
     " FROM pending p JOIN transfers t ON t.ts = p.ts LEFT JOIN transfers r ON r.pending = p.ts"
     " GROUP BY p.ts HAVING COUNT(r.ts) > 1"
     "  OR (p.status IN (1, 4) AND COUNT(r.ts) != 0)"
     "  OR (p.status = 2 AND (COUNT(r.ts) != 1 OR MAX(r.flags & 4) = 0))"
     "  OR (p.status = 3 AND (COUNT(r.ts) != 1 OR MAX(r.flags & 8) = 0))"},
    {"posting and voiding transfers refer to pending transfers",
     "SELECT 'transfer ' || r.id || ': resolves ' || COALESCE(t.id, 'nothing') ||"
     " ', which is not pending or moves a different pair of accounts' FROM transfers r"
     " LEFT JOIN transfers t ON t.ts = r.pending WHERE r.flags & 12 AND (t.ts IS NULL OR"
     " t.flags & 2 = 0 OR t.debit_account != r.debit_account OR"
     " t.credit_account != r.credit_account OR r.amount > t.amount)"},
    {"closed accounts are closed",
     "SELECT 'account ' || a.id || ': a closing transfer stands but the account is open'"
     " FROM transfers t JOIN pending p ON p.ts = t.ts JOIN accounts_now a ON"
     " (t.flags & 64 AND a.key = t.debit_account) OR (t.flags & 128 AND a.key = t.credit_account)"
     " WHERE p.status IN (1, 2) AND a.flags & 16 = 0"},
    {"balance history ends at the balances",
     "SELECT 'account ' || a.id || ': last balance history row differs from its balances'"
     " FROM accounts_now a JOIN balances b ON b.account = a.key"
     " AND b.ts = (SELECT MAX(ts) FROM balances WHERE account = a.key)"
     " WHERE a.debits_pending != b.debits_pending OR a.debits_posted != b.debits_posted"
     " OR a.credits_pending != b.credits_pending OR a.credits_posted != b.credits_posted"},
    {"the transfers after balances_through are single-phase",
     "SELECT 'transfer ' || id || ': after balances_through, but not single-phase' FROM transfers"
     " WHERE seq > (SELECT value FROM meta WHERE key = 'balances_through') AND flags & 14 != 0"
     " UNION ALL SELECT 'balances_through ' || value || ' is past the last transfer' FROM meta"
     " WHERE key = 'balances_through' AND value > (SELECT coalesce(max(seq), 0) FROM transfers)"},
    {"every transfer's value date is in value_days, around its sequence number",
     "SELECT 'transfer ' || t.id || ': value date ' || t.value_date ||"
     " CASE WHEN v.date IS NULL THEN ' has no value_days row' ELSE ' has sequence numbers ' ||"
     " v.first_seq || '..' || v.last_seq || ', not ' || t.seq END FROM transfers t"
     " LEFT JOIN value_days v ON v.date = t.value_date"
     " WHERE v.date IS NULL OR t.seq NOT BETWEEN v.first_seq AND v.last_seq"},
    {"a balance history row has its transfer's value date",
     "SELECT 'account ' || a.id || ': balance history row ' || b.ts || ' has value date ' ||"
     " b.value_date || ', its transfer ' || t.value_date FROM balances b JOIN transfers t"
     " ON t.ts = b.ts JOIN accounts_now a ON a.key = b.account WHERE b.value_date != t.value_date"},
    /* The loan book against the ledger. */
    {"every party has its deposit account",
     "SELECT 'party ' || p.id || ': no deposit account ' || p.deposit_account FROM parties p"
     " LEFT JOIN accounts_now a ON a.id = p.deposit_account"
     " WHERE a.key IS NULL OR a.ledger != 1 OR a.code != 2011"},
    /* Returned: what the drawn account gave back to the commitments (704) and what a closed
     * facility's available account did (707); a lower limit (705) lowers both sides. */
    {"every facility's limit is in the ledger",
     "SELECT 'facility ' || f.id || ': limit ' || f.limit_fen || ' fen, ledger holds '"
     " || (av.credits_posted - av.debits_posted - av.debits_pending"
     "     + dr.credits_posted - dr.debits_posted + COALESCE(r.s, 0) + COALESCE(c.s, 0))"
     " || ' fen available, drawn and returned' FROM facilities f"
     " JOIN accounts_now av ON av.id = f.available_account"
     " JOIN accounts_now dr ON dr.id = f.drawn_account LEFT JOIN (SELECT debit_account k,"
     "  SUM(amount) s FROM transfers WHERE code = 704 GROUP BY debit_account) r ON r.k = dr.key"
     " LEFT JOIN (SELECT debit_account k, SUM(amount) s FROM transfers WHERE code = 707"
     "  GROUP BY debit_account) c ON c.k = av.key"
     " WHERE av.credits_posted - av.debits_posted - av.debits_pending"
     "   + dr.credits_posted - dr.debits_posted + COALESCE(r.s, 0) + COALESCE(c.s, 0)"
     "   != f.limit_fen"
     " UNION ALL SELECT 'facility ' || f.id || ': closed, and ' || (av.credits_posted -"
     " av.debits_posted - av.debits_pending) || ' fen of it available' FROM facilities f"
     " JOIN accounts_now av ON av.id = f.available_account WHERE f.status = 'closed'"
     " AND av.credits_posted - av.debits_posted - av.debits_pending != 0"
     " UNION ALL SELECT 'facility ' || f.id || ': its limit accounts are missing'"
     " FROM facilities f LEFT JOIN accounts_now av ON av.id = f.available_account"
     " LEFT JOIN accounts_now dr ON dr.id = f.drawn_account WHERE av.key IS NULL OR dr.key IS "
     "NULL"},
    /* A loan brought in at a cut-over was drawn in the core system: its principal outstanding
     * was opened against the migration suspense instead (loan_openings, import.c). */
    {"every loan was drawn and disbursed for its amount",
     "SELECT 'loan ' || l.id || ': amount ' || l.amount || ' fen, drawn '"
     " || COALESCE(d.amount, 0) || ', disbursed ' || COALESCE(b.amount, 0) FROM loans l"
     " LEFT JOIN transfers d ON d.id = 'draw:' || l.id LEFT JOIN transfers b ON b.id = 'disb:' || "
     "l.id"
     " WHERE (d.amount IS NOT l.amount OR b.amount IS NOT l.amount)"
     " AND l.key NOT IN (SELECT loan FROM loan_openings)"
     " UNION ALL SELECT 'loan ' || l.id || ': opened with ' || o.principal || ' fen of principal,"
     " its opening posted ' || COALESCE(t.amount, 0) || ' fen' FROM loan_openings o JOIN loans l"
     " ON l.key = o.loan LEFT JOIN transfers t ON t.id = 'opp:' || l.id"
     " WHERE COALESCE(t.amount, 0) != o.principal"},
    {"every loan's schedule and prepayments repay its amount and what was capitalised",
     "SELECT 'loan ' || l.id || ': schedule principal ' || COALESCE(SUM(i.principal), 0)"
     " || ' fen and prepaid ' || x.prepaid || ' fen for an amount of ' || l.amount || ' and '"
     " || x.capitalised || ' capitalised' FROM loans l JOIN loan_state x ON x.loan = l.key"
     " LEFT JOIN installments i ON i.loan = l.key GROUP BY l.key"
     " HAVING COALESCE(SUM(i.principal), 0) + x.prepaid != l.amount + x.capitalised"
     " UNION ALL SELECT 'loan ' || l.id || ': no servicing state' FROM loans l"
     " LEFT JOIN loan_state x ON x.loan = l.key WHERE x.loan IS NULL"},
    /* A loan brought in opened with its principal, what the core system capitalised before
     * included: from its opening, only what restructurings here capitalised (loan_changes). */
    {"every loan's principal is its amount (or opening) and what was capitalised, less repaid and"
     " written-off principal",
     "SELECT 'loan ' || l.id || ': principal ' || x.principal || ' fen; ' || CASE WHEN o.loan IS"
     " NULL THEN 'amount ' || l.amount || ' and capitalised ' || x.capitalised ELSE 'opened with '"
     " || o.principal || ' and capitalised since ' || COALESCE(g.s, 0) END ||"
     " ' less repaid ' || COALESCE(r.s, 0) ||"
     " ' and written off ' || (x.written_off - COALESCE(o.written_off, 0))"
     " FROM loans l JOIN loan_state x ON x.loan = l.key LEFT JOIN (SELECT loan, SUM(principal) s"
     "  FROM repayments WHERE kind IN ('repayment', 'auto_debit') GROUP BY loan) r"
     "  ON r.loan = l.key LEFT JOIN loan_openings o ON o.loan = l.key"
     " LEFT JOIN (SELECT loan, SUM(capitalised) s FROM loan_changes GROUP BY loan) g"
     "  ON g.loan = l.key"
     " WHERE x.principal != CASE WHEN o.loan IS NULL THEN l.amount + x.capitalised"
     " ELSE o.principal + COALESCE(g.s, 0) END - COALESCE(r.s, 0) -"
     " (x.written_off - COALESCE(o.written_off, 0))"},
    {"every loan's capitalised interest is its restructurings' (and, brought in, the core"
     " system's before)",
     "SELECT 'loan ' || l.id || ': capitalised ' || x.capitalised || ' fen, by its restructurings"
     " here ' || COALESCE(g.s, 0) FROM loans l JOIN loan_state x ON x.loan = l.key"
     " LEFT JOIN (SELECT loan, SUM(capitalised) s FROM loan_changes GROUP BY loan) g"
     "  ON g.loan = l.key LEFT JOIN loan_openings o ON o.loan = l.key"
     " WHERE CASE WHEN o.loan IS NULL THEN x.capitalised != COALESCE(g.s, 0)"
     " ELSE x.capitalised < COALESCE(g.s, 0) END"},
    {"every loan's accounts equal its servicing state",
     "SELECT 'loan ' || l.id || ': ' || w.what || ' account holds ' || w.held ||"
     " ' fen, the loan says ' || w.want || ' fen' FROM (SELECT x.loan k, 'principal' what,"
     "  a.debits_posted - a.credits_posted held, x.principal want FROM loan_state x"
     "  JOIN loans l ON l.key = x.loan JOIN accounts_now a ON a.id = l.principal_account"
     " UNION ALL SELECT x.loan, 'interest', a.debits_posted - a.credits_posted,"
     "  x.interest_due - x.oi_due"
     "  FROM loan_state x JOIN loans l ON l.key = x.loan"
     "  JOIN accounts_now a ON a.id = l.interest_account"
     " UNION ALL SELECT x.loan, 'penalty', a.debits_posted - a.credits_posted, x.penalty_due"
     "  FROM loan_state x JOIN loans l ON l.key = x.loan"
     "  JOIN accounts_now a ON a.id = l.penalty_account) w JOIN loans l ON l.key = w.k"
     " WHERE w.held != w.want"},
    {"every loan's class is at least what its days past due give",
     "SELECT 'loan ' || l.id || ': class ' || x.class || ' with ' || (m.value - x.oldest_due) ||"
     " ' days past due' FROM loan_state x JOIN loans l ON l.key = x.loan"
     " JOIN meta m ON m.key = 'business_date' WHERE x.status = 0 AND x.class < CASE"
     " WHEN x.oldest_due = 0 THEN 0 WHEN m.value - x.oldest_due > 360 THEN 4"
     " WHEN m.value - x.oldest_due > 270 THEN 3 WHEN m.value - x.oldest_due > 90 THEN 2"
     " WHEN m.value - x.oldest_due > COALESCE((SELECT value FROM meta"
     " WHERE key = 'technical_overdue_days'), 0) THEN 1 ELSE 0 END"},
    /* The 2023 rule's cross-bank floors (classing.c, credit.c): a non-retail debtor's active loan
     * drawn before the day open is at least special mention when its latest credit report before
     * that day shows any debt more than 90 days overdue, substandard when more than
     * cross_bank_share of its debts at all banks (retail: an individual business's, or a small or
     * micro enterprise's with retail_small_micro). */
    {"every non-retail debtor's loan is at least its credit report's cross-bank floor",
     "SELECT 'loan ' || l.id || ': class ' || x.class || ' below ' || w.floor || ', the floor of"
     " its debtor''s credit report of day ' || w.date || ' (' || w.overdue90 || ' of ' || w.debt ||"
     " ' fen more than 90 days overdue)' FROM loan_state x JOIN loans l ON l.key = x.loan"
     " JOIN (SELECT c.party, c.date, c.debt, c.overdue90, CASE WHEN c.overdue90 * 1000000 >"
     "  c.debt * COALESCE((SELECT value FROM meta WHERE key = 'cross_bank_share'), 200000)"
     "  THEN 2 ELSE 1 END floor FROM credit_reports c WHERE c.overdue90 > 0 AND c.date = (SELECT"
     "  MAX(d.date) FROM credit_reports d WHERE d.party = c.party AND MAX(d.date, d.entered) <"
     "  (SELECT value FROM meta WHERE key = 'business_date'))) w ON w.party = x.party"
     " WHERE x.status = 0 AND l.start_date < (SELECT value FROM meta WHERE key = 'business_date')"
     " AND x.retail = 0 AND NOT (COALESCE((SELECT value FROM meta WHERE key ="
     " 'retail_small_micro'), 0) = 1 AND (x.cell / 2) % 4 >= 2) AND x.class < w.floor"},
    {"every loan's class is at least the floor the bank's judgement set",
     "SELECT 'loan ' || l.id || ': class ' || x.class || ' below its floor ' || f.class"
     " FROM class_floors f JOIN loan_state x ON x.loan = f.loan JOIN loans l ON l.key = f.loan"
     " WHERE x.status = 0 AND x.class < f.class"},
    /* Interest accrued to income: none of a non-accrual loan's, and of a loan accruing again
     * not what its running installment kept off the balance sheet. */
    CONTROL("interest accrued and not due", "interest_accrued",
            "CASE WHEN x.status = 0 AND x.nonaccrual = 0 AND x.cur_n <= x.n_count AND x.due_date"
            " > x.period_start AND bd.d > x.period_start THEN (2 * x.cur_interest * MIN(bd.d -"
            " x.period_start, x.due_date - x.period_start) + x.due_date - x.period_start)"
            " / (2 * (x.due_date - x.period_start)) - x.oi_run ELSE 0 END"),
    CONTROL("penalty accrued and not moved to loans", "penalty_accrued",
            "x.penalty_fen + (2 * x.penalty_rem >= 160308000000000) - x.penalty_moved"),
    CONTROL("principal of non-performing loans", "npl",
            "CASE WHEN x.status = 0 AND x.class >= 2 THEN x.principal ELSE 0 END"),
    /* Supply-chain certificates. */
    {"the parts of every certificate cover its face, without gap or overlap",
     "SELECT 'certificate ' || r.id || ': part ' || w.id || ' starts at fen ' || w.s ||"
     " CASE WHEN w.prev IS NULL THEN ', not 0' ELSE ' where the part before ends at ' || w.prev"
     " END FROM (SELECT c.root, c.id, c.range_start s, LAG(c.range_end) OVER (PARTITION BY"
     "  c.root ORDER BY c.range_start) prev FROM certificates c WHERE c.range_end >"
     "  c.range_start) w JOIN certificates r ON r.key = w.root"
     " WHERE (w.prev IS NULL AND w.s != 0) OR (w.prev IS NOT NULL AND w.s != w.prev)"
     " UNION ALL SELECT 'certificate ' || r.id || ': parts end at fen ' || x.e || ' and hold '"
     " || x.t || ' fen of a face of ' || r.root_face FROM (SELECT root, MAX(range_end) e,"
     "  SUM(range_end - range_start) t FROM certificates GROUP BY root) x"
     " JOIN certificates r ON r.key = x.root WHERE x.e != r.root_face OR x.t != r.root_face"},
    {"every holder's certificate account holds the face of its parts",
     "SELECT a.id || ': holds ' || (a.credits_posted - a.debits_posted) || ' fen, its parts '"
     " || COALESCE(x.t, 0) || ' fen' FROM accounts_now a LEFT JOIN (SELECT CASE status WHEN 1"
     "  THEN 'bank:cth' ELSE 'cth:' || holder END k, SUM(range_end - range_start) t"
     "  FROM certificates WHERE status IN (0, 1) GROUP BY k) x ON x.k = a.id"
     " WHERE a.ledger = 4 AND (a.id LIKE 'cth:%' OR a.id = 'bank:cth')"
     " AND a.credits_posted - a.debits_posted != COALESCE(x.t, 0)"
     " UNION ALL SELECT a.id || ': owes ' || (a.debits_posted - a.credits_posted) || ' fen,'"
     " || ' its parts outstanding ' || COALESCE(x.t, 0) || ' fen' FROM accounts_now a"
     " LEFT JOIN (SELECT 'cti:' || core k, SUM(range_end - range_start) t FROM certificates"
     "  WHERE status IN (0, 1) GROUP BY core) x ON x.k = a.id"
     " WHERE a.ledger = 4 AND a.id LIKE 'cti:%'"
     " AND a.debits_posted - a.credits_posted != COALESCE(x.t, 0)"},
    {"the bank's discounted certificates and unearned discount equal its financed parts",
     "WITH f AS (SELECT range_end - range_start face, discount x, maturity - date n,"
     " MIN(MAX((SELECT COALESCE((SELECT value FROM meta WHERE key = 'business_date'), 0))"
     "  - date, 0), maturity - date) k FROM certificates WHERE status = 1),"
     " t AS (SELECT COALESCE(SUM(face), 0) face, COALESCE(SUM(x - (2 * x * k + n) / (2 * n)), 0)"
     "  unearned FROM f)"
     " SELECT 'gl:scf_discounted: holds ' || (a.debits_posted - a.credits_posted) || ' fen,"
     " financed parts ' || t.face || ' fen' FROM accounts_now a, t WHERE a.id = 'gl:scf_discounted'"
     " AND a.debits_posted - a.credits_posted != t.face"
     " UNION ALL SELECT 'gl:scf_unearned: holds ' || (a.credits_posted - a.debits_posted) ||"
     " ' fen, discount not yet earned ' || t.unearned || ' fen' FROM accounts_now a, t"
     " WHERE a.id = 'gl:scf_unearned' AND a.credits_posted - a.debits_posted != t.unearned"},
    /* The reports' running aggregates against a recount. */
    {"every loan's report cell is its party's and its own",
     "SELECT 'loan ' || l.id || ': report cell ' || x.cell || ', its party and terms give ' ||"
     " " FB_CELL_SQL " FROM loan_state x JOIN loans l ON l.key = x.loan"
     " JOIN parties p ON p.key = x.party WHERE x.cell != " FB_CELL_SQL},
    {"the credit aggregates equal a recount of the loans",
     "SELECT 'report cell ' || cell || ', class ' || class || ': the aggregates differ from a"
     " recount by ' || b || ' fen, ' || n || ' loans, ' || m || ' borrowers' FROM (SELECT cell,"
     " class, SUM(b) b, SUM(n) n, SUM(m) m FROM (SELECT cell, class, balance b, loans n,"
     " borrowers m FROM agg_credit UNION ALL SELECT cell, class, -SUM(principal), -COUNT(*),"
     " -COUNT(DISTINCT party) FROM loan_state WHERE status = 0 GROUP BY cell, class)"
     " GROUP BY cell, class) WHERE b != 0 OR n != 0 OR m != 0"
     " UNION ALL SELECT 'party ' || party || ': exposure ' || e || ' fen differs from a recount'"
     " FROM (SELECT party, SUM(e) e FROM (SELECT party, principal e FROM agg_exposure UNION ALL"
     " SELECT party, -SUM(principal) FROM loan_state WHERE status = 0 GROUP BY party)"
     " GROUP BY party) WHERE e != 0"
     " UNION ALL SELECT 'day ' || date || ', cell ' || cell || ': new credit differs from a"
     " recount by ' || a || ' fen' FROM (SELECT date, cell, SUM(a) a, SUM(r) r FROM (SELECT"
     " date, cell, amount a, rate_amount r FROM agg_new UNION ALL SELECT l.start_date, x.cell,"
     " -SUM(l.amount), -SUM(l.amount * l.rate) FROM loans l JOIN loan_state x ON x.loan = l.key"
     " WHERE substr(l.id, 1, 4) != 'adv:' GROUP BY l.start_date, x.cell) GROUP BY date, cell)"
     " WHERE a != 0 OR r != 0"
     /* New credit through each closed day: a running sum of the day's new credit by cell. */
     " UNION ALL SELECT 'day ' || date || ', cell ' || cell || ': new credit through the day'"
     " || ' differs from a recount by ' || (a - ra) || ' fen, ' || (k - rk) || ' loans' FROM"
     " (SELECT date, cell, kind, amount a, loans k, rate_amount r,"
     " SUM(CASE WHEN kind = 0 THEN amount ELSE 0 END) OVER w ra,"
     " SUM(CASE WHEN kind = 0 THEN loans ELSE 0 END) OVER w rk,"
     " SUM(CASE WHEN kind = 0 THEN rate_amount ELSE 0 END) OVER w rr FROM (SELECT date, cell,"
     " 0 kind, amount, loans, rate_amount FROM agg_new UNION ALL SELECT date, cell, 1, amount,"
     " loans, rate_amount FROM agg_new_daily)"
     " WINDOW w AS (PARTITION BY cell ORDER BY date, kind ROWS UNBOUNDED PRECEDING))"
     " WHERE kind = 1 AND (a != ra OR k != rk OR r != rr)"
     " UNION ALL SELECT 'new credit through the day: ' || n || ' rows kept, ' || e || ' closed"
     " days by cell expected' FROM (SELECT (SELECT COUNT(*) FROM agg_new_daily) n,"
     " (SELECT COALESCE(SUM(b.value - f.first), 0) FROM (SELECT MIN(date) first FROM agg_new"
     " GROUP BY cell) f, meta b WHERE b.key = 'business_date' AND f.first < b.value) e)"
     " WHERE n != e"
     " UNION ALL SELECT 'day ' || date || ', city ' || city || ': supply-chain financing differs"
     " from a recount by ' || a || ' fen' FROM (SELECT date, city, SUM(a) a FROM (SELECT date,"
     " city, amount a FROM agg_financing UNION ALL SELECT c.date, p.city, -SUM(c.amount) FROM"
     " certificates c JOIN parties p ON p.id = c.from_party WHERE c.discount_rate IS NOT NULL"
     " GROUP BY c.date, p.city) GROUP BY date, city) WHERE a != 0"
     " UNION ALL SELECT 'city ' || city || ': ' || b || ' inclusive borrowers differ from a"
     " recount' FROM (SELECT city, SUM(b) b FROM (SELECT city, borrowers b FROM"
     " agg_inclusive_city UNION ALL SELECT x.cell / 512, -COUNT(DISTINCT x.party) FROM"
     " loan_state x WHERE x.status = 0 AND x.cell % 2 = 1 GROUP BY x.cell / 512) GROUP BY city)"
     " WHERE b != 0"},
    /* The borrowers of each year's new credit (aggregates.c): each one's first day in its drawer
     * cells is its loans'; each day kept counts those of its year by then, a row for each cell
     * of one or more, and a day's rows come with its mark. */
    {"the borrowers of each year's new credit are the loans' and are counted through each day",
     DRAWERS_CHECK},
    /* Financing demands (book/demand.c): each step of a row is a step recorded on its date,
     * made once, in order; the status is the last step; what each closing says is there. */
    {"every step of a demand is recorded once, on its date, and its status is the last",
     "SELECT 'demand ' || d.id || ': step ' || s.step || ' recorded on day ' || s.date ||"
     " ' is not the date its row holds' FROM demand_steps s JOIN demands d ON d.key = s.demand"
     " WHERE s.date IS NOT (CASE s.step WHEN 0 THEN d.posted WHEN 1 THEN d.accepted WHEN 2"
     " THEN d.contacted WHEN 5 THEN d.withdrawn ELSE (CASE WHEN d.status = s.step THEN d.decided"
     " END) END)"
     " UNION ALL SELECT 'demand ' || d.id || ': a step its row holds was not recorded'"
     " FROM demands d WHERE (SELECT COUNT(*) FROM demand_steps s WHERE s.demand = d.key) !="
     " 1 + (d.accepted IS NOT NULL) + (d.contacted IS NOT NULL) + (d.status >= 3)"
     " UNION ALL SELECT 'demand ' || d.id || ': status ' || d.status || ' is not its last step'"
     " FROM demands d WHERE d.status != (SELECT MAX(step) FROM demand_steps WHERE demand = d.key)"
     " UNION ALL SELECT 'demand ' || d.id || ': closed ' || COUNT(*) || ' times' FROM"
     " demand_steps s JOIN demands d ON d.key = s.demand WHERE s.step >= 3 GROUP BY d.key"
     " HAVING COUNT(*) > 1"},
    {"a demand's steps are in order and each closing says what it must",
     "SELECT 'demand ' || id || ': its steps are out of order' FROM demands WHERE"
     " accepted < posted OR contacted < accepted OR (contacted IS NOT NULL AND accepted IS NULL)"
     " OR (decided IS NOT NULL AND (contacted IS NULL OR decided < contacted))"
     " OR withdrawn < MAX(posted, COALESCE(accepted, 0), COALESCE(contacted, 0))"
     " OR (status = 1) != (accepted IS NOT NULL AND contacted IS NULL AND status < 3)"
     " OR (status = 2) != (contacted IS NOT NULL AND status < 3)"
     " OR (status IN (3, 4)) != (decided IS NOT NULL) OR (status = 5) != (withdrawn IS NOT NULL)"
     " UNION ALL SELECT 'demand ' || id || ': granted without its facility and amount' FROM"
     " demands WHERE (status = 3) != (facility IS NOT NULL AND granted > 0)"
     " UNION ALL SELECT 'demand ' || id || ': declined without a reason (other: its text)' FROM"
     " demands WHERE (status = 4) != (reason IS NOT NULL) OR (reason = 5 AND reason_text IS"
     " NULL)"
     " UNION ALL SELECT 'demand ' || d.id || ': granted on ' || f.id || ', another party''s or"
     " below the grant' FROM demands d JOIN facilities f ON f.id = d.facility WHERE f.party !="
     " d.party OR d.granted > f.limit_fen"
     " UNION ALL SELECT 'demand ' || id || ': a government''s demand without its region, or an"
     " enterprise''s with one' FROM demands WHERE (source = 0) != (region IS NULL)"},
    /* What the demands' measures read kept on each demand (demand_measures.c): its borrower's
     * key, and a granted one's first loan on its facility from its decision on, recomputed. */
    {"each demand's borrower key and first drawdown kept are its rows'",
     "SELECT 'demand ' || d.id || ': party key ' || COALESCE(d.party_key, 'none') || ', its"
     " party''s ' || p.key FROM demands d JOIN parties p ON p.id = d.party"
     " WHERE d.party_key IS NOT p.key"
     " UNION ALL SELECT 'demand ' || d.id || ': first drawdown kept ' || COALESCE("
     "d.first_drawdown, 'none') || ', its facility''s loans ' || COALESCE(x.first, 'none') FROM"
     " demands d JOIN (SELECT d2.key k, CASE WHEN d2.status = 3 THEN (SELECT MIN(l.start_date)"
     " FROM loans l WHERE l.facility = d2.facility AND substr(l.id, 1, 4) != 'adv:' AND"
     " l.start_date >= d2.decided) END first FROM demands d2) x ON x.k = d.key"
     " WHERE d.first_drawdown IS NOT x.first"},
    /* Each pool's figures kept (pool.c): each cover counts its loan's state, and each pool's
     * sums are its covers', recomputed. */
    {"each pool's figures kept are its covered loans' and its claims'",
     "SELECT 'pool cover of loan ' || c.loan || ': counts ' || c.k_principal || ' fen active, its"
     " loan ' || COALESCE(CASE WHEN x.status = 0 THEN x.principal ELSE 0 END, 0) FROM pool_cover"
     " c LEFT JOIN loan_state x ON x.loan = c.loan WHERE c.k_active != COALESCE(x.status = 0, 0)"
     " OR c.k_principal != COALESCE(CASE WHEN x.status = 0 THEN x.principal ELSE 0 END, 0)"
     " OR c.k_npl != COALESCE(CASE WHEN x.status = 0 AND x.class >= 2 THEN x.principal ELSE 0"
     " END, 0)"
     " UNION ALL SELECT 'pool ' || p.id || ': kept ' || COALESCE(k.loans, 'none') || ' loans, '"
     " || COALESCE(k.principal, 'none') || ' fen; its covers ' || s.loans || ', ' || s.principal"
     " FROM pools p LEFT JOIN pool_kept k ON k.pool = p.key JOIN (SELECT p2.key pk,"
     " COALESCE(SUM(c.k_active), 0) loans, COALESCE(SUM(c.k_principal), 0) principal,"
     " COALESCE(SUM(c.k_npl), 0) npl, COUNT(c.claimed) claims, COALESCE(SUM(c.paid), 0) paid,"
     " COALESCE(SUM(c.returned), 0) returned FROM pools p2 LEFT JOIN pool_cover c ON c.pool ="
     " p2.key GROUP BY p2.key) s ON s.pk = p.key WHERE k.pool IS NULL OR k.loans != s.loans OR"
     " k.principal != s.principal OR k.npl != s.npl OR k.claims != s.claims OR k.paid != s.paid"
     " OR k.returned != s.returned"},
    /* Risk-compensation pools (book/pool.c): each pool's accounts equal its rows and its
     * covered loans' claims: the fund holds what was funded less what it paid plus what came back;
     * each claim paid the pool's share of the principal it compensated, half up. */
    {"a pool's accounts equal its fundings, its claims and its recoveries shared back",
     "SELECT 'pool ' || p.id || ': pool:' || p.id || ':fund holds ' || COALESCE(a.credits_posted"
     " - a.debits_posted, 0) || ' fen, its rows ' || (f.funded - c.paid + c.returned) FROM pools p"
     " JOIN (SELECT p2.key k, COALESCE(SUM(pf.amount), 0) funded FROM pools p2 LEFT JOIN"
     " pool_funding pf ON pf.pool = p2.key GROUP BY p2.key) f ON f.k = p.key"
     " JOIN (SELECT p3.key k, COALESCE(SUM(pc.paid), 0) paid, COALESCE(SUM(pc.returned), 0)"
     " returned FROM pools p3 LEFT JOIN pool_cover pc ON pc.pool = p3.key GROUP BY p3.key) c"
     " ON c.k = p.key LEFT JOIN accounts_now a ON a.id = 'pool:' || p.id || ':fund'"
     " WHERE a.id IS NULL OR a.credits_posted - a.debits_posted != f.funded - c.paid + c.returned"
     " UNION ALL SELECT 'pool ' || p.id || ': paid ' || a.credits_posted || ' fen on the ledger,'"
     " || ' its claims ' || (SELECT COALESCE(SUM(paid), 0) FROM pool_cover WHERE pool = p.key)"
     " FROM pools p JOIN accounts_now a ON a.id = 'pool:' || p.id || ':paid' WHERE"
     " a.credits_posted - a.debits_posted != (SELECT COALESCE(SUM(paid), 0) FROM pool_cover"
     " WHERE pool = p.key)"
     " UNION ALL SELECT 'pool ' || p.id || ': returned ' || a.debits_posted || ' fen on the'"
     " || ' ledger, its loans ' || (SELECT COALESCE(SUM(returned), 0) FROM pool_cover WHERE"
     " pool = p.key) FROM pools p JOIN accounts_now a ON a.id = 'pool:' || p.id || ':returned'"
     " WHERE a.debits_posted - a.credits_posted != (SELECT COALESCE(SUM(returned), 0) FROM"
     " pool_cover WHERE pool = p.key)"
     " UNION ALL SELECT 'pool ' || p.id || ': loan ' || l.id || ' was paid ' || c.paid || ' fen'"
     " || ' for a loss of ' || c.basis || ', not its share' FROM pool_cover c JOIN pools p ON"
     " p.key = c.pool JOIN loans l ON l.key = c.loan WHERE c.claimed IS NOT NULL AND c.paid !="
     " (c.basis * p.share + 500000) / 1000000"
     " UNION ALL SELECT 'pool ' || p.id || ': loan ' || l.id || ' of another borrower than its'"
     " || ' coverage says' FROM pool_cover c JOIN pools p ON p.key = c.pool JOIN loans l ON"
     " l.key = c.loan JOIN loan_state x ON x.loan = c.loan WHERE x.party != c.party"
     " UNION ALL SELECT 'pool ' || p.id || ': loan ' || l.id || ' covered, its borrower on no'"
     " || ' list the pool names' FROM pool_cover c JOIN pools p ON p.key = c.pool JOIN loans l"
     " ON l.key = c.loan JOIN parties pt ON pt.key = c.party WHERE p.listed != 0 AND NOT EXISTS"
     " (SELECT 1 FROM demands d WHERE d.party = pt.id AND d.source = p.listed AND d.region IN"
     " (210000, p.region))"},
    /* The guarantee companies' fees (book/guarantee_fee.c): each guarantee's fees are its gf:
     * transfers, one a year charged at most. */
    {"a guarantee's fees equal its fee transfers",
     "SELECT 'guarantee ' || g.id || ': fees ' || g.fees || ' fen, its transfers ' ||"
     " COALESCE((SELECT SUM(t.amount) FROM transfers t WHERE t.id BETWEEN 'gf:' || g.id || ':'"
     " AND 'gf:' || g.id || ':~'), 0) FROM guarantees g WHERE g.fees != COALESCE((SELECT"
     " SUM(t.amount) FROM transfers t WHERE t.id BETWEEN 'gf:' || g.id || ':' AND 'gf:' || g.id"
     " || ':~'), 0) OR (SELECT COUNT(*) FROM transfers t WHERE t.id BETWEEN 'gf:' || g.id || ':'"
     " AND 'gf:' || g.id || ':~') > g.fee_years"},
    /* The guarantee fee accrued day by day (book/guarantee_accrual.c): the receivable's debits
     * are the guarantees' fees accrued and its credits what was collected of them; the payable
     * mirrors it; the day's accruals sum to the fees accrued; each guarantee's collections are
     * its gfk: transfers. */
    {"the guarantee fee accounts equal the guarantees' fees accrued and collected",
     "SELECT 'gl:guarantee_fee_' || k.w || ': ' || k.dr || ' fen accrued, ' || k.cr || ' collected;"
     " the guarantees ' || g.accrued || ', ' || g.collected FROM (SELECT 'receivable' w,"
     " COALESCE(SUM(debits_posted), 0) dr, COALESCE(SUM(credits_posted), 0) cr FROM accounts_now"
     " WHERE id = 'gl:guarantee_fee_receivable' UNION ALL SELECT 'payable',"
     " COALESCE(SUM(credits_posted), 0), COALESCE(SUM(debits_posted), 0) FROM accounts_now WHERE"
     " id = 'gl:guarantee_fee_payable') k, (SELECT COALESCE(SUM(fee_accrued), 0) accrued,"
     " COALESCE(SUM(fee_collected), 0) collected FROM guarantees) g WHERE k.dr != g.accrued OR"
     " k.cr != g.collected"
     " UNION ALL SELECT 'the days'' guarantee fees ' || t.s || ' fen, the guarantees accrued ' ||"
     " g.a FROM (SELECT COALESCE(SUM(amount), 0) s FROM transfers WHERE id BETWEEN 'gfa:' AND"
     " 'gfa:~') t, (SELECT COALESCE(SUM(fee_accrued), 0) a FROM guarantees) g WHERE t.s != g.a"
     " UNION ALL SELECT 'guarantee ' || g.id || ': fee collected ' || g.fee_collected || ' fen,'"
     " || ' its transfers ' || COALESCE((SELECT SUM(t.amount) FROM transfers t WHERE t.id"
     " BETWEEN 'gfk:' || g.id || ':' AND 'gfk:' || g.id || ':~'), 0) FROM guarantees g WHERE"
     " g.fee_collected != COALESCE((SELECT SUM(t.amount) FROM transfers t WHERE t.id BETWEEN"
     " 'gfk:' || g.id || ':' AND 'gfk:' || g.id || ':~'), 0)"
     " UNION ALL SELECT 'guarantee ' || g.id || ': fee unpaid since ' || g.fee_unpaid_since ||"
     " ' but nothing unpaid' FROM guarantees g WHERE g.fee_unpaid_since != 0 AND"
     " g.fee_accrued = g.fee_collected"},
    /* Interest subsidies (book/subsidy.c): each scheme's receivable is what its loans accrued
     * less what its paid claims approved and rejected; each loan's quarters add up to what it
     * accrued, within what it may earn; what its loans may earn is within the budget; each claim
     * is the sum of its lines. */
    {"a subsidy's receivable equals its loans' accruals less its claims paid",
     "SELECT 'subsidy ' || v.id || ': sub:' || v.id || ':receivable holds ' ||"
     " COALESCE(a.debits_posted - a.credits_posted, 0) || ' fen, its loans ' || (e.accrued -"
     " c.settled) FROM subsidies v JOIN (SELECT v2.key k, COALESCE(SUM(se.accrued), 0) accrued,"
     " COALESCE(SUM(se.committed), 0) committed FROM subsidies v2 LEFT JOIN subsidy_enrol se ON"
     " se.scheme = v2.key GROUP BY v2.key) e ON e.k = v.key JOIN (SELECT v3.key k,"
     " COALESCE(SUM(sc.approved + sc.rejected), 0) settled FROM subsidies v3 LEFT JOIN"
     " subsidy_claims sc ON sc.scheme = v3.key GROUP BY v3.key) c ON c.k = v.key LEFT JOIN"
     " accounts_now a ON a.id = 'sub:' || v.id || ':receivable' WHERE a.id IS NULL OR"
     " a.debits_posted - a.credits_posted != e.accrued - c.settled"
     " UNION ALL SELECT 'subsidy ' || v.id || ': its loans may earn ' || SUM(e.committed) ||"
     " ' fen, beyond its budget of ' || v.budget FROM subsidies v JOIN subsidy_enrol e ON"
     " e.scheme = v.key GROUP BY v.key HAVING SUM(e.committed) > v.budget"
     " UNION ALL SELECT 'subsidy enrolment ' || e.key || ': accrued ' || e.accrued || ' fen, its'"
     " || ' quarters ' || COALESCE((SELECT SUM(amount) FROM subsidy_accrual WHERE enrol ="
     " e.key), 0) FROM subsidy_enrol e WHERE e.accrued != COALESCE((SELECT SUM(amount) FROM"
     " subsidy_accrual WHERE enrol = e.key), 0)"
     " UNION ALL SELECT 'subsidy claim ' || c.key || ': ' || c.amount || ' fen in ' || c.lines ||"
     " ' lines, its lines differ' FROM subsidy_claims c WHERE c.amount != COALESCE((SELECT"
     " SUM(amount) FROM subsidy_accrual WHERE claim = c.key), 0) OR c.lines != (SELECT COUNT(*)"
     " FROM subsidy_accrual WHERE claim = c.key)"
     " UNION ALL SELECT 'subsidy claim ' || c.key || ': paid ' || (c.approved + c.rejected) ||"
     " ' fen of ' || c.amount FROM subsidy_claims c WHERE c.paid IS NOT NULL AND c.approved +"
     " c.rejected != c.amount"},
    /* The net rate of a subsidy of mode net (book/subsidy_net.c): an active loan is charged its
     * contract rate less the subsidy while the net rate runs, its contract rate before and after;
     * the subsidy is the scheme's points (or its share of the contract rate at enrolment); the
     * net rate runs within the enrolment's term. */
    {"a net-rate subsidy's loan is charged its contract rate less the subsidy",
     "SELECT 'subsidy ' || v.id || ': loan ' || l.id || ' is charged ' || x.rate || ', its rule '"
     " || CASE WHEN n.net_to = 0 AND x.period_start >= e.start AND x.due_date <= e.until AND"
     " n.contract > n.sub THEN n.contract - n.sub ELSE n.contract END"
     " || ' (contract ' || n.contract || ' less ' || n.sub || ')' FROM subsidy_net n JOIN"
     " subsidy_enrol e ON e.key = n.enrol JOIN subsidies v ON v.key = e.scheme JOIN loans l ON"
     " l.key = n.loan JOIN loan_state x ON x.loan = n.loan WHERE x.status = 0 AND x.cur_n <="
     " x.n_count AND x.rate != CASE WHEN n.net_to = 0 AND x.period_start >= e.start AND x.due_date"
     " <= e.until AND n.contract > n.sub THEN n.contract - n.sub ELSE n.contract END"
     " UNION ALL SELECT 'subsidy ' || v.id || ': enrolment ' || e.key || ' charges off ' || n.sub"
     " || ', the scheme ' || v.points FROM subsidy_net n JOIN subsidy_enrol e ON e.key = n.enrol"
     " JOIN subsidies v ON v.key = e.scheme WHERE v.mode != 0 OR (v.points > 0 AND n.sub !="
     " v.points) OR n.net_from != e.start OR n.net_to > e.until"
     " UNION ALL SELECT 'subsidy ' || v.id || ': loan ' || l.id || ' enrolled, its borrower on no'"
     " || ' list the scheme names' FROM subsidy_enrol e JOIN subsidies v ON v.key = e.scheme JOIN"
     " loans l ON l.key = e.loan JOIN parties pt ON pt.key = e.party WHERE v.listed != 0 AND NOT"
     " EXISTS (SELECT 1 FROM demands d WHERE d.party = pt.id AND d.source = v.listed AND d.region"
     " IN (210000, v.region))"},
    /* Government financing guarantees (book/guarantee.c): what each guarantor owes on the
     * ledger is its claims' parts less what it paid; a claim's parts and the bank's share are
     * the principal guaranteed it claimed on. */
    {"a guarantor's account equals its claims' parts less what it paid",
     "SELECT 'gl:guarantee_due:' || k.name || ' holds ' || COALESCE(a.debits_posted -"
     " a.credits_posted, 0) || ' fen, the guarantees ' || k.owed FROM (SELECT 'company' name,"
     " COALESCE(SUM(o0 - p0), 0) owed FROM guarantees UNION ALL SELECT 'national_fund',"
     " COALESCE(SUM(o1 - p1), 0) FROM guarantees UNION ALL SELECT 'provincial',"
     " COALESCE(SUM(o2 - p2), 0) FROM guarantees) k LEFT JOIN accounts_now a ON a.id ="
     " 'gl:guarantee_due:' || k.name WHERE COALESCE(a.debits_posted - a.credits_posted, 0) !="
     " k.owed"
     " UNION ALL SELECT 'guarantee ' || id || ': its parts ' || (o0 + o1 + o2) || ' fen and the"
     " bank''s share do not make its claim of ' || basis FROM guarantees WHERE claimed IS NOT"
     " NULL AND o0 + o1 + o2 + (basis * s3 + 500000) / 1000000 != basis"},
    {"a loaded holiday notice's days are in its year, its weekend days worked on weekends",
     "SELECT 'calendar ' || year || ': day ' || date || ' is not in the year' FROM"
     " calendar_days WHERE CAST(strftime('%Y', date * 86400, 'unixepoch') AS INTEGER) != year"
     " UNION ALL SELECT 'calendar ' || year || ': day ' || date || ', worked, is not a"
     " Saturday or a Sunday' FROM calendar_days WHERE kind = 1 AND strftime('%w', date * 86400,"
     " 'unixepoch') NOT IN ('0', '6')"},
    /* Every opening posted against the suspense; every committed import closed it. */
    {"the migration suspense nets to zero",
     "SELECT 'gl:migration_suspense: holds ' || (debits_posted - credits_posted) || ' fen: an"
     " import left openings the core system''s side does not answer' FROM accounts_now"
     " WHERE id = 'gl:migration_suspense' AND debits_posted != credits_posted"},
    /* A cut-over written in parts marks the book from its first part to its last
     * (docs/import.md, "A large book"): a mark left means the run stopped half-way. */
    {"no import stopped before it finished",
     "SELECT 'import run ' || value || ' stopped before it finished: the book holds only its"
     " first parts (finbridge import --db BOOK --recover puts it back as it was)' FROM meta"
     " WHERE key = 'import_unfinished'"},
    {"timestamps never go back",
     "SELECT 'last_timestamp ' || m.value || ' is behind a stored record ' || x.ts"
     " FROM meta m, (SELECT MAX(ts) ts FROM (SELECT MAX(ts) ts FROM accounts"
     " UNION ALL SELECT MAX(ts) FROM transfers)) x"
     " WHERE m.key = 'last_timestamp' AND x.ts > m.value"},
    {"every transfer is on its accounts' ledger",
     "SELECT 'transfer ' || t.id || ': on ledger ' || t.ledger || ', its accounts on ' ||"
     " d.ledger || ' and ' || c.ledger FROM transfers t JOIN accounts d ON d.key ="
     " t.debit_account JOIN accounts c ON c.key = t.credit_account"
     " WHERE t.ledger != d.ledger OR t.ledger != c.ledger"},
    /* A ledger batch writes with foreign keys off (fb__store_begin_ledger_batch): here they are
     * proven for every row of the book. */
    {"every reference holds (foreign keys)",
     "SELECT 'table ' || \"table\" || ', row ' || coalesce(rowid, '(no rowid)') ||"
     " ': refers to no row of ' || parent FROM pragma_foreign_key_check"},
    /* The loan book's chain (store/chain.c): each repayment's checksum over its row and the
     * checksum of the loan's repayment before it; the loan's state counts its repayments, so
     * that the last one cannot go unnoticed either. */
    {"every repayment's checksum chains from the loan's repayment before it",
     "SELECT 'repayment ' || r.k || ' of loan ' || coalesce(l.id, r.loan) || ': its checksum"
     " does not match its row and the repayment before it' FROM repayments r LEFT JOIN loans l"
     " ON l.key = r.loan WHERE r.chain IS NULL OR r.chain != fb_repayment_link((SELECT p.chain"
     " FROM repayments p WHERE p.loan = r.loan AND p.k = r.k - 1), r.loan, r.k, r.kind,"
     " r.client_id, r.date, r.amount, r.penalty, r.interest, r.principal, r.prepaid, r.prepay,"
     " r.created_at, r.off_balance)"
     " UNION ALL SELECT 'loan ' || coalesce(l.id, x.loan) || ': ' || COUNT(r.k) || ' repayments"
     " numbered to ' || coalesce(MAX(r.k), 0) || ', its state counts ' || x.repayments"
     " FROM loan_state x LEFT JOIN loans l ON l.key = x.loan LEFT JOIN repayments r"
     " ON r.loan = x.loan GROUP BY x.loan HAVING COUNT(r.k) != x.repayments"
     " OR coalesce(MAX(r.k), 0) != x.repayments"
     " UNION ALL SELECT 'repayment ' || r.k || ' of loan ' || r.loan || ': the loan has no"
     " state' FROM repayments r WHERE r.loan NOT IN (SELECT loan FROM loan_state)"},
};

static int run_check(fb_store *s, verifier *v, const check *c) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, c->sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, c->name);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        fail_line(v, t ? (const char *)t : c->name);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        /* A sum that overflows int64 is itself a broken book. */
        char line[512];
        snprintf(line, sizeof line, "%s: cannot be checked: %s", c->name, sqlite3_errmsg(s->db));
        fail_line(v, line);
    }
    return FB_OK;
}

/* Debits equal credits on every ledger, pending and posted apart. Summed in 128 bits: a ledger's
 * total may pass int64 even though every account's balance fits. */
static int ledger_sums(fb_store *s, verifier *v, int64_t *ledgers) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT ledger, debits_pending, debits_posted, credits_pending,"
                                " credits_posted FROM accounts_now ORDER BY ledger",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "summing the ledgers");
    __extension__ typedef __int128 i128;
    i128 sum[4] = {0, 0, 0, 0};
    int64_t ledger = -1;
    *ledgers = 0;
    for (bool more = true; more;) {
        rc = sqlite3_step(st);
        more = rc == SQLITE_ROW;
        int64_t next = more ? sqlite3_column_int64(st, 0) : -2;
        if (next != ledger && ledger >= 0) {
            const char *what[2] = {"pending", "posted"};
            for (int k = 0; k < 2; k++) {
                if (sum[k] == sum[k + 2]) continue;
                char line[256];
                snprintf(line, sizeof line,
                         "ledger %lld: debits_%s differ from credits_%s by %lld fen",
                         (long long)ledger, what[k], what[k], (long long)(sum[k] - sum[k + 2]));
                fail_line(v, line);
            }
            memset(sum, 0, sizeof sum);
        }
        if (next != ledger && more) (*ledgers)++;
        ledger = next;
        for (int k = 0; more && k < 4; k++)
            sum[k] += sqlite3_column_int64(st, k + 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "summing the ledgers");
}

static int count_rows(fb_store *s, const char *sql, int64_t *n) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "counting");
    rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "counting");
}

static int integrity(fb_store *s, verifier *v) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "checking the file");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        if (t && strcmp(t, "ok") != 0) {
            char line[512];
            snprintf(line, sizeof line, "database file: %s", t);
            fail_line(v, line);
        }
    }
    sqlite3_finalize(st);
    /* A step that failed (the file unreadable, say) is not a check that passed. */
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "checking the file");
}

/* The audit log's chain and key are checked by users.c (the access room's own rows). */
static void audit_failure(void *ctx, const char *line) { fail_line(ctx, line); }

int fb__store_verify(fb_store *s, fb_report_fn *report, void *ctx, uint64_t *failures) {
    if (s->pg) return fb__pg_verify(s, report, ctx, failures);
    FB_ASSERT(report != NULL && failures != NULL);
    verifier v = {report, ctx, 0};
    int rc = fb__store_begin_read(s);
    if (rc) return rc;
    int64_t accounts = 0, transfers = 0, ledgers = 0;
    rc = integrity(s, &v);
    if (rc == FB_OK) rc = ledger_sums(s, &v, &ledgers);
    for (size_t i = 0; rc == FB_OK && i < sizeof checks / sizeof checks[0]; i++) {
        rc = run_check(s, &v, &checks[i]);
    }
    size_t quality = 0;
    if (rc == FB_OK) rc = fb__store_verify_quality(s, audit_failure, &v, &quality);
    int64_t audited = 0, seals = 0;
    if (rc == FB_OK) rc = fb__store_audit_verify(s, audit_failure, &v, &audited);
    if (rc == FB_OK) rc = fb__store_chain_verify(s, audit_failure, &v, &seals);
    if (rc == FB_OK) rc = count_rows(s, "SELECT COUNT(*) FROM accounts", &accounts);
    if (rc == FB_OK) rc = count_rows(s, "SELECT COUNT(*) FROM transfers", &transfers);
    fb__store_rollback(s);
    if (rc) return rc;
    char line[256];
    snprintf(line, sizeof line,
             "verify: %lld ledgers, %lld accounts, %lld transfers, %lld sealed batches, %lld audit"
             " entries, %zu checks: %s (%llu failures)",
             (long long)ledgers, (long long)accounts, (long long)transfers, (long long)seals,
             (long long)audited, sizeof checks / sizeof checks[0] + quality + 4,
             v.failures ? "FAILED" : "ok", (unsigned long long)v.failures);
    report(ctx, line);
    *failures = v.failures;
    return FB_OK;
}
