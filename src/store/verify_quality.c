/* verify_quality.c — verify's checks of what a regulator asks of the book: the memo ledger's
 * off-balance accounts against the loans, non-accrual against the classes, the provision
 * accounts against their parts and the provisions against their rule, the class histories
 * against the classes, restructured loans' floors, and the green items against the loaded
 * catalogue. Each check is a query whose every row is a failure, as verify.c's are. */
#include <stdio.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

/* The business date, and a loan's running accrual to it (fb__accrued, servicing.c). */
#define BD "(SELECT COALESCE((SELECT value FROM meta WHERE key = 'business_date'), 0))"
#define ACCRUED                                                                                    \
    "(CASE WHEN x.status = 0 AND x.cur_n <= x.n_count AND x.due_date > x.period_start AND " BD     \
    " > x.period_start THEN (2 * x.cur_interest * MIN(" BD " - x.period_start, x.due_date -"       \
    " x.period_start) + x.due_date - x.period_start) / (2 * (x.due_date - x.period_start)) ELSE"   \
    " 0 END)"

/* A memo account of each line against the sum over its active loans (debits less credits). */
#define MEMO(name, what, expr)                                                                     \
    {                                                                                              \
        "the " name " of each line equals the sum over its loans",                                 \
            "SELECT 'gl:" what ":' || t.line || ': holds ' || COALESCE(a.debits_posted -"          \
            " a.credits_posted, 0) || ' fen, its loans sum to ' || t.s || ' fen' FROM (SELECT"     \
            " l.line line, SUM(CASE WHEN x.status = 0 THEN " expr " ELSE 0 END) s FROM loan_state" \
            " x JOIN loans l ON l.key = x.loan GROUP BY l.line) t LEFT JOIN accounts_now a ON "    \
            "a.id ="                                                                               \
            " 'gl:" what ":' || t.line WHERE COALESCE(a.debits_posted - a.credits_posted, 0) !="   \
            " t.s"                                                                                 \
    }

typedef struct {
    const char *name;
    const char *sql;
} check;

static const check checks[] = {
    MEMO("interest off the balance sheet", "offbal_interest",
         "x.oi_due + CASE WHEN x.nonaccrual THEN " ACCRUED " ELSE x.oi_run END"),
    MEMO("penalty off the balance sheet", "offbal_penalty", "x.op_due"),
    {"every non-performing loan accrues off the balance sheet, and what is off it is owed",
     "SELECT 'loan ' || l.id || ': class ' || x.class || ', non-accrual ' || x.nonaccrual ||"
     " ', off-balance interest ' || x.oi_due || ' of ' || x.interest_due || ' due, kept ' ||"
     " x.oi_run FROM loan_state x JOIN loans l ON l.key = x.loan WHERE x.status = 0 AND"
     " ((x.class >= 2 AND x.nonaccrual = 0) OR x.oi_due < 0 OR x.oi_due > x.interest_due OR"
     " x.op_due < 0 OR x.oi_run < 0 OR (x.nonaccrual = 1 AND x.oi_run != 0) OR (x.nonaccrual"
     " = 1 AND x.penalty_due != 0))"},
    {"every provision account holds its last month-end's provisions and what moved it since",
     "WITH last AS (SELECT COALESCE(MAX(date), 0) d FROM provision_runs),"
     " booked AS (SELECT " FB_CELL_LINE(
         "cell") " line, SUM(specific + general) s FROM provisions"
                 "  WHERE date = (SELECT d FROM last) GROUP BY 1),"
                 " moved AS (SELECT line, SUM(CASE kind WHEN 'write_off' THEN -amount ELSE amount "
                 "END) s"
                 "  FROM provision_moves WHERE date > (SELECT d FROM last) GROUP BY line),"
                 " lines AS (SELECT line FROM booked UNION SELECT line FROM moved)"
                 " SELECT 'gl:provision:' || v.key || ': holds ' || COALESCE(a.credits_posted -"
                 " a.debits_posted, 0) || ' fen, its parts ' || (COALESCE(b.s, 0) + COALESCE(m.s, "
                 "0)) ||"
                 " ' fen' FROM lines n JOIN (SELECT 0 v, 'technology' key UNION ALL SELECT 1, "
                 "'supply_chain'"
                 " UNION ALL SELECT 2, 'green' UNION ALL SELECT 3, 'inclusive' UNION ALL SELECT 4, "
                 "'wealth'"
                 " UNION ALL SELECT 5, 'general') v ON v.v = n.line LEFT JOIN booked b ON b.line = "
                 "n.line"
                 " LEFT JOIN moved m ON m.line = n.line LEFT JOIN accounts_now a ON a.id = "
                 "'gl:provision:' ||"
                 " v.key WHERE COALESCE(a.credits_posted - a.debits_posted, 0) != COALESCE(b.s, 0) "
                 "+"
                 " COALESCE(m.s, 0)"},
    {"every month-end's provisions are its cells' principal at the rates",
     "SELECT 'provisions of ' || p.date || ', cell ' || p.cell || ', class ' || p.class || ': '"
     " || p.balance || ' fen at ' || p.rate || ' and ' || p.general_rate || ' millionths give '"
     " || p.specific || ' and ' || p.general || ' fen; the day held ' || COALESCE(d.balance, 0)"
     " || ' fen' FROM provisions p LEFT JOIN agg_daily d ON d.date = p.date AND d.cell ="
     " p.cell AND d.class = p.class WHERE p.specific != (p.balance * p.rate + 500000) / 1000000"
     " OR p.general != (p.balance * p.general_rate + 500000) / 1000000 OR p.balance !="
     " COALESCE(d.balance, 0) OR p.loans != COALESCE(d.loans, 0)"},
    {"every write-off and recovery moved the provision by its amount",
     "SELECT 'loan ' || l.id || ': its ' || m.kind || 's of ' || SUM(COALESCE(x.a, 0)) || ' fen "
     "moved"
     " the provision by ' || m.s || ' fen' FROM (SELECT loan, kind, MIN(date) first, SUM(amount)"
     " s FROM provision_moves WHERE kind != 'top_up' GROUP BY loan, kind) m JOIN loans l ON"
     " l.key = m.loan LEFT JOIN (SELECT loan, kind, date, CASE kind WHEN 'write_off' THEN"
     " penalty + interest + principal ELSE amount END a FROM repayments WHERE kind IN"
     " ('write_off', 'recovery')) x ON x.loan = m.loan AND x.kind = m.kind AND x.date >= m.first"
     " GROUP BY m.loan, m.kind HAVING SUM(COALESCE(x.a, 0)) != m.s"},
    {"every repayment's and write-off's off-balance part is what left the memo ledger",
     "SELECT 'loan ' || l.id || ': ' || r.kind || ' ' || r.k || ' says ' || r.off_balance ||"
     " ' fen off the balance sheet of ' || (r.penalty + r.interest) || ' fen, the memo ledger '"
     " || COALESCE(t.s, 0) || ' fen' FROM repayments r JOIN loans l ON l.key = r.loan LEFT JOIN"
     " (SELECT SUBSTR(id, 5) lk, SUM(amount) s FROM transfers WHERE ledger = 3 AND SUBSTR(id, 1,"
     " 4) IN ('mpo:', 'mio:', 'wmp:', 'wmi:') GROUP BY 1) t ON t.lk = l.id || ':' || r.k WHERE"
     " r.kind IN ('repayment', 'auto_debit', 'write_off') AND (r.off_balance != COALESCE(t.s, 0)"
     " OR (r.kind != 'write_off' AND r.off_balance > r.penalty + r.interest))"},
    {"every loan's class is its history's last, and its history counted",
     "SELECT 'loan ' || l.id || ': class ' || x.class || ', its history says ' ||"
     " COALESCE(h.to_class, 0) || ' after ' || COALESCE(h.seq, 0) || ' entries, the state ' ||"
     " x.classes FROM loan_state x JOIN loans l ON l.key = x.loan LEFT JOIN class_history h ON"
     " h.loan = x.loan AND h.seq = (SELECT MAX(seq) FROM class_history WHERE loan = x.loan)"
     " WHERE (x.status = 0 AND x.class != COALESCE(h.to_class, 0)) OR x.classes !="
     " COALESCE(h.seq, 0) OR x.changes != (SELECT COUNT(*) FROM loan_changes c WHERE c.loan ="
     " x.loan)"},
    {"every loan's class is at least its officer's floor and its observation's",
     "SELECT 'loan ' || l.id || ': class ' || x.class || ' below the officer''s ' || x.manual ||"
     " ' or the observation''s ' || x.obs_floor || CASE WHEN x.restructured AND x.obs_end <"
     " x.obs_start THEN ', its observation ends before it starts' ELSE '' END FROM loan_state x"
     " JOIN loans l ON l.key = x.loan WHERE x.status = 0 AND (x.class < x.manual OR"
     " (x.restructured AND (x.class < x.obs_floor OR x.obs_start = 0 OR x.obs_end <"
     " x.obs_start)))"},
    {"every green facility's item is a level-3 item of the loaded catalogue",
     "SELECT 'facility ' || f.id || ': green item ' || f.green_item || ' is no level-3 item of"
     " the catalogue' FROM facilities f LEFT JOIN green_catalogue g ON g.code = f.green_item"
     " AND g.level = 3 WHERE f.green_item IS NOT NULL AND f.green_item != '' AND g.code IS NULL"
     " AND EXISTS (SELECT 1 FROM green_catalogue)"},
    {"every loan an extension moved to the 5-year-plus LPR (贷款通则 第十四条) is on it",
     "SELECT 'loan ' || l.id || ': change ' || c.seq || ' moved it to the 5-year-plus LPR, its"
     " tenor is ' || COALESCE(l.lpr_tenor, 0) FROM loan_changes c JOIN loans l ON l.key ="
     " c.loan WHERE c.rate_rule != '' AND (l.rate_kind != 'lpr' OR COALESCE(l.lpr_tenor, 0) !="
     " 5)"},
};

int fb__store_verify_quality(fb_store *s, void (*fail)(void *ctx, const char *line), void *ctx,
                             size_t *count) {
    FB_ASSERT(s != NULL && fail != NULL && count != NULL);
    *count = sizeof checks / sizeof checks[0];
    for (size_t i = 0; i < *count; i++) {
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(s->db, checks[i].sql, -1, &st, NULL);
        if (rc != SQLITE_OK) return fb__store_fail(s, rc, checks[i].name);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const unsigned char *t = sqlite3_column_text(st, 0);
            fail(ctx, t ? (const char *)t : checks[i].name);
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) {
            char line[512];
            snprintf(line, sizeof line, "%s: cannot be checked: %s", checks[i].name,
                     sqlite3_errmsg(s->db));
            fail(ctx, line);
        }
    }
    FB_ASSERT(*count > 0);
    (*count)++;
    return fb__store_verify_quality_kept(s, fail, ctx);
}
