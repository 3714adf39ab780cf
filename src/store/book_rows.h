/* book_rows.h — the book's room of the store: parties, facilities, the LPR, loans and their
 * schedules and running state, repayments, certificate parts, projects, agreements and the
 * running aggregates of the reports. Only src/book includes it. */
#ifndef FB_STORE_BOOK_ROWS_H
#define FB_STORE_BOOK_ROWS_H

#include "store/store.h"

/* Parties (the loan book's records). FB_ENOTFOUND when there is none. */
int fb__store_party_insert(fb_store *s, const fb_party *p);
int fb__store_party_by_id(fb_store *s, const char *id, fb_party *out);
int fb__store_party_by_uscc(fb_store *s, const char *uscc, fb_party *out);
int fb__store_party_by_resident_id(fb_store *s, const char *resident_id, fb_party *out);

/* A record found by a query: its id, its party's id and its key. */
typedef struct fb__id {
    char id[FB_ID_MAX + 1];
    char party[FB_PARTY_ID_MAX + 1];
    int64_t key;
} fb__id;
/* Up to max parties whose name holds text or whose id or USCC is text (those first, then by
 * name), none of except[0..n_except) (n_except <= 3). A scan of the parties' names. */
int fb__store_parties_named(fb_store *s, const char *text, const char *const *except,
                            size_t n_except, size_t max, fb_party_name *out, size_t *n);

/* Facilities. */
int fb__store_facility_insert(fb_store *s, const fb_facility *f);
int fb__store_facility_by_id(fb_store *s, const char *id, fb_facility *out);
/* The id of the party's first facility of a line in force on date: FB_ENOTFOUND when none. */
int fb__store_facility_in_force(fb_store *s, const char *party, fb_line line, int32_t date,
                                char *id, size_t cap);
/* The sum of the limits of the party's facilities that count: active and frozen ones (an
 * expired or closed one does not). */
int fb__store_party_total_credit(fb_store *s, const char *party, int64_t *total_fen);
/* Writes what changes in a facility's life: its limit, end date, status and what is derived. */
int fb__store_facility_update(fb_store *s, const fb_facility *f);
/* New arrays (*out, freed by the caller): a party's facilities; a party's open loans; the
 * facilities active or frozen whose end date is before day. */
int fb__store_party_facilities(fb_store *s, const char *party, fb__id **out, size_t *n);
int fb__store_party_open_loans(fb_store *s, const char *party, fb__id **out, size_t *n);
int fb__store_facilities_expiring(fb_store *s, int32_t day, fb__id **out, size_t *n);
/* A facility's history: a change (c->facility, c->seq and the figures), how many it has, and
 * the change a client id made (FB_ENOTFOUND when none). */
int fb__store_facility_change_insert(fb_store *s, const fb_facility_change *c, int64_t now_ns);
int fb__store_facility_change_count(fb_store *s, const char *facility, int32_t *count);
int fb__store_facility_change_by_client(fb_store *s, const char *client_id,
                                        fb_facility_change *out);

/* The LPR table. */
int fb__store_lpr_at(fb_store *s, int32_t date, fb_lpr *out);
int fb__store_lpr_insert(fb_store *s, const fb_lpr *v);
int fb__store_lpr_list(fb_store *s, fb_lpr *out, size_t cap, size_t *n);

/* Loans and their schedules: a drawdown (the loan, its schedule, its state with the first
 * installment running, its new credit), or the loan's row and schedule alone (*key: its key). */
int fb__store_loan_insert(fb_store *s, const fb_loan *x, const fb_installment *sched, size_t n);
int fb__store_loan_row_insert(fb_store *s, const fb_loan *x, const fb_installment *sched, size_t n,
                              int64_t *key);
int fb__store_loan_by_id(fb_store *s, const char *id, fb_loan *out, int64_t *key);
int fb__store_installments(fb_store *s, int64_t loan_key, fb_installment *out, size_t cap,
                           size_t *n);
int fb__store_loan_by_key(fb_store *s, int64_t key, fb_loan *out);
/* Sets a loan's inclusive status (recounted when its borrower's total credit changes). */
int fb__store_loan_set_inclusive(fb_store *s, int64_t key, bool cbirc, bool pboc);
/* Sets a loan's status and maturity date. */
int fb__store_loan_set_status(fb_store *s, int64_t key, fb_loan_status status, int32_t maturity);
/* Moves an LPR loan's basis to another tenor (贷款通则 第十四条: an extension into a new term
 * bracket): the tenor, the LPR's value and the day it took effect. */
int fb__store_loan_set_lpr(fb_store *s, int64_t key, int tenor_years, int64_t base_e6,
                           int32_t date);
/* The earliest start date of the active loans and issue date of the certificates not settled
 * (0 when none): where the first end of day begins. */
int fb__store_first_active_start(fb_store *s, int32_t *date);
/* One installment, FB_ENOTFOUND past the last. */
int fb__store_installment(fb_store *s, int64_t loan_key, int32_t n, fb_installment *out);
/* Installments from..to (those that exist) into out[0..*n), in order: one query. FB_ELIMIT when
 * the range is larger than cap. */
int fb__store_installments_range(fb_store *s, int64_t loan_key, int32_t from, int32_t to,
                                 fb_installment *out, size_t cap, size_t *n);
/* Replaces the installments from number `from` on by sched[0..count), renumbered from `from`. */
int fb__store_installments_replace(fb_store *s, int64_t loan_key, int32_t from,
                                   const fb_installment *sched, size_t count);

/* A loan's running state (docs/accounts.md, "servicing"): every column an integer, in table
 * order. */
#define FB_LOAN_STATE_FIELDS(X)                                                                    \
    X(loan)                                                                                        \
    X(party)                                                                                       \
    X(status)         /* fb_loan_status */                                                         \
    X(cur_n)          /* the installment now running; n_count + 1 once all have fallen due */      \
    X(n_count)        /* installments in the schedule */                                           \
    X(period_start)   /* of the running installment */                                             \
    X(due_date)       /* of the running installment */                                             \
    X(cur_interest)   /* of the running installment */                                             \
    X(cur_principal)  /* of the running installment */                                             \
    X(rate)           /* contract rate now, e6 */                                                  \
    X(repriced_years) /* LPR repricings made */                                                    \
    X(principal)      /* outstanding: the principal account */                                     \
    X(due_total)      /* interest and principal of every installment fallen due */                 \
    X(due_paid)       /* of which paid */                                                          \
    X(interest_due)   /* due interest unpaid: the interest account */                              \
    X(oldest_due)     /* due date of the oldest unpaid installment, 0 when none */                 \
    X(penalty_fen)    /* penalty accrued: whole fen ... */                                         \
    X(penalty_rem)    /* ... and the remainder over FB__PENALTY_DEN */                             \
    X(penalty_moved)  /* penalty moved to the penalty account (rounded) */                         \
    X(penalty_due)    /* the penalty account */                                                    \
    X(class)          /* fb_loan_class in force */                                                 \
    X(prepaid)        /* principal prepaid, taken out of the schedule */                           \
    X(written_off)                                                                                 \
    X(recovered)                                                                                   \
    X(repayments)   /* repayment rows */                                                           \
    X(oldest_n)     /* the oldest installment not fully paid */                                    \
    X(oldest_paid)  /* what is paid of it */                                                       \
    X(markup)       /* penalty markup, percent */                                                  \
    X(day_count)    /* fb_day_count */                                                             \
    X(line)         /* fb_line */                                                                  \
    X(cell)         /* the report cell (FB_CELL_SQL, aggregates.c) */                              \
    X(nonaccrual)   /* 1: interest and penalty accrue off the balance sheet (非应计) */         \
    X(oi_due)       /* of interest_due, what is off the balance sheet (表外应收利息) */      \
    X(oi_run)       /* accruing again: the running installment's accrual kept off balance */       \
    X(op_due)       /* penalty and compound interest owed off the balance sheet */                 \
    X(retail)       /* 1: classified loan by loan (an individual business's: 第八条) */         \
    X(manual)       /* an officer's floor on the class (fb_loan_class; 0 none) */                  \
    X(cured)        /* non-performing: the day its arrears were all repaid, 0 when not */          \
    X(ontime)       /* installments paid on time since `cured` */                                  \
    X(restructured) /* 1: a restructured loan (重组资产) */                                    \
    X(obs_start)    /* its observation period: from ... */                                         \
    X(obs_end)      /* ... to (both 0 when none) */                                                \
    X(obs_floor)    /* the class it may not rise above during it */                                \
    X(obs_missed)   /* 1: a payment was missed in it */                                            \
    X(resolved)     /* 1: an officer found the debtor's difficulty resolved */                     \
    X(capitalised)  /* interest and penalty capitalised into principal, fen */                     \
    X(extended)     /* months added by extensions, all of them (累计) */                         \
    X(changes)      /* rows of loan_changes */                                                     \
    X(classes)      /* rows of class_history */

typedef struct fb__loan_state {
#define FB_X_(name) int64_t name;
    FB_LOAN_STATE_FIELDS(FB_X_)
#undef FB_X_
    /* What the row held when read or last written (status -1: no row yet), so that writing it
     * updates the aggregates without reading the row again. Not a column. */
    struct {
        int64_t status, cell, class, principal;
    } stored;
} fb__loan_state;

/* The running aggregates of the reports (aggregates.c): a loan's state changing from old (NULL
 * for a new loan) to now; a drawdown's new credit; the cells copied at the close of a day; and
 * a stored loan's party key and report cell. */
int fb__store_agg_change(fb_store *s, const fb__loan_state *now);
int fb__store_agg_drawn(fb_store *s, int32_t date, int64_t cell, int64_t party, int64_t amount,
                        int64_t rate_e6);
/* states: every active loan's state at the close (end of day's), or NULL (read from the book). */
int fb__store_agg_close_day(fb_store *s, int32_t date, const fb__loan_state *states, size_t n);
/* The borrowers of new credit of the year through a closed day (agg_drawer_daily), as the close
 * of the day keeps them: fb__store_agg_close_day calls it, and an import's history. */
int fb__store_agg_drawers_close(fb_store *s, int32_t date);
int fb__store_loan_cell(fb_store *s, int64_t loan_key, int64_t *party_key, int64_t *cell);
/* The worst class of the party's active loans (the running aggregates, agg_party), or -1 when
 * it has none. */
int fb__store_party_worst_class(fb_store *s, const char *party_id, int *loan_class);
/* The reports over the aggregates (cities city_lo..city_hi). */
int fb__store_report_credit(fb_store *s, int32_t as_of, int32_t from, unsigned dims,
                            int32_t city_lo, int32_t city_hi, fb_report_row **out, size_t *n);
/* The same, each row also with the distinct borrowers of its new credit when new_borrowers: from
 * the borrowers kept through each closed day of a year (agg_drawer_daily) when the period is
 * as_of's year to date and as_of's are kept, else read from every loan drawn in the period (the
 * work grows with them); FB_NEW_BORROWERS_SCAN reads the loans always (verify's recount). */
enum { FB_NEW_BORROWERS_NONE, FB_NEW_BORROWERS_KEPT, FB_NEW_BORROWERS_SCAN };
int fb__store_report_cells(fb_store *s, int32_t as_of, int32_t from, unsigned dims, int32_t city_lo,
                           int32_t city_hi, int new_borrowers, fb_report_row **out, size_t *n);
/* The inclusive borrowers (distinct: each belongs to one city) and the inclusive balance of
 * each of Liaoning's fourteen cities on a closed day, indexed by the city's number 1..14
 * ([0] outside them). */
int fb__store_inclusive_cities(fb_store *s, int32_t date, int64_t borrowers[15],
                               int64_t balance_fen[15]);
/* The distinct parties behind a measure of progress that is not a cell of the credit report:
 * the sellers of supply-chain financing, the borrowers of new inclusive loans (from..to, cities
 * city_lo..city_hi). */
int fb__store_measure_parties(fb_store *s, fb_measure m, int32_t from, int32_t to, int32_t city_lo,
                              int32_t city_hi, int64_t *parties);
int fb__store_report_exposures(fb_store *s, int32_t city_lo, int32_t city_hi, size_t limit,
                               fb_exposure *out, size_t *n);

int fb__store_state_get(fb_store *s, int64_t loan_key, fb__loan_state *out);
/* Writes a loan's state and updates the aggregates from st->stored, which it then sets. */
int fb__store_state_put(fb_store *s, fb__loan_state *st);
/* Every active loan's state, in key order, into a new array (*out, freed by the caller): at most
 * FB_LOANS_MAX (FB_ECORRUPT beyond). */
int fb__store_states_active(fb_store *s, fb__loan_state **out, size_t *n);

/* ---- The regulator's book (history.c, quality.c) -------------------------------------------- */

/* A party's loans are classified loan by loan (retail: an individual business, a small-business
 * owner). */
int fb__store_party_retail(fb_store *s, int64_t party_key, int64_t *retail);
/* Appends entry e (e->n is its seq) to the loan's class history. */
int fb__store_class_add(fb_store *s, int64_t loan_key, const fb_class_entry *e);
/* The loan's class history, oldest first: at most cap, the latest. */
int fb__store_class_history(fb_store *s, int64_t loan_key, fb_class_entry *out, size_t cap,
                            size_t *n);
/* A change of terms: its row, and the one with a client id (FB_ENOTFOUND), and a loan's. */
int fb__store_change_add(fb_store *s, int64_t loan_key, const fb_loan_change *c, int64_t now_ns);
int fb__store_change_by_client(fb_store *s, const char *client_id, int64_t *loan_key,
                               fb_loan_change *out);
int fb__store_changes(fb_store *s, int64_t loan_key, fb_loan_change *out, size_t cap, size_t *n);
/* What moved the provision account between month-ends: kind is write_off, top_up or recovery. */
int fb__store_provision_move(fb_store *s, int32_t date, int64_t line, int64_t loan_key,
                             const char *kind, int64_t amount);
/* The cells of the credit aggregates now (cell, class, balance, loans, borrowers), into a new
 * array (*out, the caller frees). */
typedef struct fb__credit_cell {
    int64_t cell, class, balance, loans, borrowers;
} fb__credit_cell;
int fb__store_credit_cells(fb_store *s, fb__credit_cell **out, size_t *n);
/* A month-end's provisions: one row a cell and class. */
typedef struct fb__provision_cell {
    fb__credit_cell c;
    int64_t rate, specific, general_rate, general;
} fb__provision_cell;
int fb__store_provisions_insert(fb_store *s, int32_t date, const fb__provision_cell *v, size_t n);
/* The last month-end with provisions on or before date (0: none). */
int fb__store_provision_date(fb_store *s, int32_t date, int32_t *out);
/* The provisions of a month-end by city and line (-1 when not asked: dims), for cities
 * city_lo..city_hi, into a new array. */
int fb__store_report_provisions(fb_store *s, int32_t date, unsigned dims, int32_t city_lo,
                                int32_t city_hi, fb_provision_row **out, size_t *n);
/* A month-end's provisions (specific and general) by class, for cities city_lo..city_hi. */
int fb__store_provisions_by_class(fb_store *s, int32_t date, int32_t city_lo, int32_t city_hi,
                                  int64_t out[FB_CLASS_COUNT_]);
/* The quality at the close of `date` (the business date is date + 1), from the loans when live,
 * otherwise from the month-end copy; and the copy itself, kept at each month-end's close. */
int fb__store_quality(fb_store *s, int32_t date, bool live, int32_t city_lo, int32_t city_hi,
                      fb_quality_report *out);
int fb__store_quality_keep(fb_store *s, int32_t date);
/* The close of a day that is no month-end keeps its quality (the days before that are no
 * month-end no longer); fresh: the copy of date is the loans' state now (no loan's state
 * written since it was kept); verify's check of that copy. The close reads the loans' states v
 * (n of them, as end of day holds every active loan's at its close) or, with v NULL, the loans. */
int fb__store_quality_close_day(fb_store *s, int32_t date, const fb__loan_state *v, size_t n);
int fb__store_quality_fresh(fb_store *s, int32_t date, bool *fresh);
int fb__store_verify_quality_kept(fb_store *s, void (*fail)(void *ctx, const char *line),
                                  void *ctx);
/* Whether a month-end's copy of the quality exists. */
int fb__store_quality_kept(fb_store *s, int32_t date, bool *kept);
/* The migration between two closed days (quality.c). */
int fb__store_migration(fb_store *s, int32_t from, int32_t to, int32_t last_closed,
                        fb_migration *out);
/* The green catalogue: how many rows, a row, all rows (new array), and replacing them. */
int fb__store_green_count(fb_store *s, int64_t *n);
int fb__store_green_get(fb_store *s, const char *code, fb_green_item *out);
int fb__store_green_all(fb_store *s, fb_green_item **out, size_t *n);
int fb__store_green_replace(fb_store *s, const fb_green_item *items, size_t n);
/* The green items of every facility, and whether each is a level-3 item of the catalogue: the
 * first that is not, into code ("" when all are). */
int fb__store_green_unlisted(fb_store *s, char *facility, size_t fcap, char *code, size_t ccap);

/* verify's checks of the regulator's book (verify_quality.c): each failure's line to fail(ctx),
 * and how many checks into *count. */
int fb__store_verify_quality(fb_store *s, void (*fail)(void *ctx, const char *line), void *ctx,
                             size_t *count);

/* A row of the repayments table. */
typedef struct fb__repayment_row {
    int64_t loan;
    int32_t k;
    const char *kind; /* repayment, auto_debit, write_off, recovery */
    char client_id[FB_ID_MAX + 1];
    int32_t date;
    int64_t amount, penalty, interest, principal, prepaid;
    const char *prepay; /* NULL when none */
    int64_t created_ns;
    int64_t off_balance; /* of penalty and interest, what was off the balance sheet */
} fb__repayment_row;
int fb__store_repayment_insert(fb_store *s, const fb__repayment_row *r);
/* Principal a loan prepaid out of its schedule (reduce_term, reduce_installment): every (date,
 * amount) pair, oldest first, into the caller's arrays of cap; FB_ELIMIT when there are more. */
int fb__store_prepayments(fb_store *s, int64_t loan_key, int32_t *dates, int64_t *amounts,
                          size_t cap, size_t *n);
/* How many prepayments out of its schedule a loan made, and their sum. */
int fb__store_prepayments_count(fb_store *s, int64_t loan_key, int64_t *count, int64_t *sum_fen);
/* The repayment with this client id: FB_ENOTFOUND when none. kind and prepay are left NULL. */
int fb__store_repayment_by_client(fb_store *s, const char *client_id, fb__repayment_row *out);

/* Certificate parts: the part, its key, its root's key and the amount it was created with. */
typedef struct fb__cert_row {
    fb_certificate c;
    int64_t key;
    int64_t root_key; /* 0 on insert: the part is a root */
    int64_t amount;
} fb__cert_row;
int fb__store_cert_by_id(fb_store *s, const char *id, fb__cert_row *out);
int fb__store_cert_insert(fb_store *s, const fb__cert_row *row, int64_t parent_key, int64_t *key);
/* The only changes a part sees: its range's start (a cut), its status, its settlement date. */
int fb__store_cert_update(fb_store *s, int64_t key, int64_t range_start, fb_cert_status status,
                          int32_t settled_date);
/* New arrays the caller frees: a root's parts in creation order; a party's held parts ("" = the
 * bank's financed ones); the parts maturing on a date and not settled, by core. */
int fb__store_certs_of_root(fb_store *s, int64_t root_key, fb__cert_row **out, size_t *n);
int fb__store_certs_held_by(fb_store *s, const char *party, fb__cert_row **out, size_t *n);
int fb__store_certs_maturing(fb_store *s, int32_t date, fb__cert_row **out, size_t *n);
/* The discount accrued on financed parts on one day. */
int fb__store_cert_accrual(fb_store *s, int32_t day, int64_t *fen);
/* How many loans have an id starting with prefix. */
int fb__store_loans_with_prefix(fb_store *s, const char *prefix, int64_t *n);

/* ---- Bringing a book in (import.c) ------------------------------------------------------- */

/* The staging of one import run (temporary tables, dropped with the connection): the
 * installments a schedules file gave, by loan, and the drawn amounts a facilities file gave. */
typedef struct fb__staging fb__staging;
int fb__store_staging_open(fb_store *s, fb__staging **out);
void fb__store_staging_close(fb__staging *g);
/* Stages one installment; *duplicate when the loan's number was staged before (nothing done). */
int fb__store_staging_installment(fb__staging *g, const char *loan, const fb_installment *i,
                                  bool *duplicate);
/* A loan's staged installments, by number, into out[0..*n) (cap); *more when there are more. */
int fb__store_staging_schedule(fb__staging *g, const char *loan, fb_installment *out, size_t cap,
                               size_t *n, bool *more);
int fb__store_staging_expect_drawn(fb__staging *g, const char *facility, int64_t drawn_fen);
/* The facilities whose drawn account does not hold what the file gave (at most cap). */
typedef struct fb__drawn_mismatch {
    char facility[FB_FACILITY_ID_MAX + 1];
    int64_t given_fen, drawn_fen;
} fb__drawn_mismatch;
int fb__store_staging_drawn_mismatches(fb__staging *g, fb__drawn_mismatch *out, size_t cap,
                                       size_t *n);
/* Runs: the next number, its row as it begins, and what it did once done. */
int fb__store_import_run_next(fb_store *s, int64_t *run);
int fb__store_import_run_insert(fb_store *s, int64_t run, int32_t as_of, bool cutover);
int fb__store_import_run_done(fb_store *s, int64_t run, int64_t rows, int64_t net_fen);
/* The mark of a cut-over written in parts (meta import_unfinished): set to the run as its first
 * part is written, cleared (run 0) by the commit that finishes it; *run 0 when there is none. */
int fb__store_import_mark(fb_store *s, int64_t run);
int fb__store_import_unfinished(fb_store *s, int64_t *run);
/* What a loan brought in mid-life was opened with (table loan_openings). */
typedef struct fb__loan_opening {
    int64_t loan, run;
    int32_t date;
    int64_t principal, interest_due, accrued, penalty, written_off, prepaid;
} fb__loan_opening;
int fb__store_loan_opening_insert(fb_store *s, const fb__loan_opening *o);
/* A loan's opening: FB_ENOTFOUND for a loan drawn here. */
int fb__store_loan_opening(fb_store *s, int64_t loan_key, fb__loan_opening *out);
/* The core system's classification changes, by their source id (FB_ENOTFOUND when none). */
typedef struct fb__class_change {
    char source_id[FB_SOURCE_ID_MAX + 1];
    int64_t loan_key;
    char loan[FB_LOAN_ID_MAX + 1];
    int32_t date;
    int class_before, loan_class;
    int restructured; /* -1 unchanged */
    char reason[FB_REASON_MAX + 1];
} fb__class_change;
int fb__store_class_change_by_source(fb_store *s, const char *source_id, fb__class_change *out);
int fb__store_class_change_insert(fb_store *s, const fb__class_change *c, int64_t run);
int fb__store_loan_set_restructured(fb_store *s, int64_t key, bool restructured);
/* A class floor: the bank's judgement that a loan is worse than its days past due give, which
 * end of day keeps until the core system sends another (class normal: no floor). */
int fb__store_class_floor_set(fb_store *s, int64_t loan_key, int loan_class, int32_t date);
/* Every floor, by loan key ascending (*loans and *classes malloc'd, n of them). */
int fb__store_class_floors(fb_store *s, int64_t **loans, uint8_t **classes, size_t *n);
/* Drops the substandard floors of a cut-over that the borrower-wide rule explains: the loans
 * of a borrower more than a tenth of whose active principal is `dpd` days or more past due. */
int fb__store_class_floors_settle(fb_store *s, int32_t as_of, int64_t dpd);
/* Wealth-finance figures: one measure of one city on one day. */
int fb__store_wealth_get(fb_store *s, fb_measure m, int32_t city, int32_t date, int64_t *value);
int fb__store_wealth_insert(fb_store *s, fb_measure m, int32_t city, int32_t date, int64_t value,
                            const char *source_id, int64_t run);
/* A reconciliation (a temporary table of the loans a file named): start it, mark a loan seen
 * (*again: it was before), and page through the active loans not seen, in id order after
 * `after` (advances paying certificates' shortfalls are the book's own, left out). */
int fb__store_reconcile_open(fb_store *s);
int fb__store_reconcile_seen(fb_store *s, const char *loan, bool *again);
int fb__store_reconcile_extras(fb_store *s, const char *after, char (*ids)[FB_ID_MAX + 1],
                               size_t cap, size_t *n);
/* The running sums of new credit by cell through every day from the first drawn through
 * `through`, as if each had been closed (a cut-over brings the loans' history). */
int fb__store_agg_new_history(fb_store *s, int32_t through);
/* How many loans and certificate parts the book holds. */
int fb__store_loans_count(fb_store *s, int64_t *n);

/* The cooperation: projects (read with what is approved, drawn and outstanding under them),
 * agreements with their targets, and one measure of progress over the borrowers of cities
 * city_lo..city_hi from `from` to the end of day `to`. */
int fb__store_project_insert(fb_store *s, const fb_project *p, int64_t now_ns);
int fb__store_project_by_id(fb_store *s, const char *id, fb_project *out);
int fb__store_agreement_insert(fb_store *s, const fb_agreement *a, int64_t now_ns);
int fb__store_agreement_by_id(fb_store *s, const char *id, fb_agreement *out);
int fb__store_list(fb_store *s, fb_list_kind kind, const char *filter, char (*ids)[FB_ID_MAX + 1],
                   size_t cap, size_t *n);
/* Keyset pages (pages.c): at most cap (<= FB_PAGE_MAX) ids of an fb_page_kind greater than
 * `after`, in id order, of borrowers in cities city_lo..city_hi. */
int fb__store_page(fb_store *s, int kind, const char *after, int32_t city_lo, int32_t city_hi,
                   char (*ids)[FB_ID_MAX + 1], size_t cap, size_t *n);
int fb__store_measure(fb_store *s, fb_measure m, const char *dimension, int32_t from, int32_t to,
                      int32_t city_lo, int32_t city_hi, int64_t *value);

/* Financing demands (demands.c): a demand's row and its steps' rows. */
int fb__store_demand_insert(fb_store *s, const fb_demand *d);
int fb__store_demand_by_id(fb_store *s, const char *id, fb_demand *out, int64_t *key);
/* Writes a step: the demand's row as d now holds it, and the step's own row (made once). */
int fb__store_demand_step(fb_store *s, int64_t key, const fb_demand *d, int step, int32_t date,
                          int64_t now_ns);
/* The demands in posting order after the one of key `after` (0: from the first), of a party (""
 * any), in cities city_lo..city_hi, only those a government may see when `government`, of an
 * fb_demand_filter: fn(ctx) for each, at most cap. */
typedef int fb__demand_fn(void *ctx, const fb_demand *d);
int fb__store_demands_list(fb_store *s, int64_t after, const char *party, int32_t city_lo,
                           int32_t city_hi, bool government, int filter, size_t cap,
                           fb__demand_fn *fn, void *ctx);
/* The loans drawn under a facility on days from..to: how many, their sum, the first day (0
 * when none), and the first cap ids in order (ids may be NULL). */
int fb__store_facility_drawdowns(fb_store *s, const char *facility, int32_t from, int32_t to,
                                 int64_t *loans, int64_t *fen, int32_t *first,
                                 char (*ids)[FB_ID_MAX + 1], size_t cap, size_t *n);
/* What a measure reads of one demand: dates are 0 when the step was not made. */
typedef struct fb__demand_fact {
    int64_t party; /* the party's key */
    int64_t amount, granted;
    int32_t city, posted, response_due, decision_due, contacted, decided, withdrawn;
    int32_t first_drawdown; /* granted: its facility's first loan from the grant to `to` */
    int8_t chain, line, size, status, reason;
} fb__demand_fact;
/* The demands posted from..to by enterprises of cities city_lo..city_hi, into a new array the
 * caller frees; FB_ELIMIT past FB_DEMANDS_MEASURED_MAX. */
int fb__store_demand_facts(fb_store *s, int32_t from, int32_t to, int32_t city_lo, int32_t city_hi,
                           fb__demand_fact **out, size_t *n);
/* The years of holiday notices loaded by the operator, with their days (cap years at most). */
int fb__store_calendar_years(fb_store *s, fb_calendar_year *out, size_t cap, size_t *n);
int fb__store_calendar_insert(fb_store *s, const fb_calendar_year *y, int64_t now_ns);

/* Whether a government list (source FB_SOURCE_KEY_ENTERPRISES or FB_SOURCE_MAJOR_PROJECTS) holds
 * the party: a demand posted from it for the party by the province or by the government of
 * region. */
int fb__store_party_listed(fb_store *s, const char *party, int source, int32_t region,
                           bool *listed);

/* ---- Risk-compensation pools (pools.c) -------------------------------------------------- */

/* A loan's coverage under a pool, and its claim. */
typedef struct fb__pool_cover {
    int64_t key, pool, loan, party; /* the row's, the pool's, the loan's and its borrower's keys */
    int32_t covered;                /* the day covered */
    int64_t principal;              /* outstanding when covered */
    int32_t claimed;                /* the day claimed (0: not) */
    int64_t cause;                  /* fb_pool_trigger */
    int64_t basis, paid;            /* the principal lost compensated, what the pool paid */
    int64_t exposure;               /* the loan's exposure when claimed (principal + written off
                                       - recovered): what it recovers since is measured from it */
    int64_t returned, returns;      /* shared back since, in this many transfers */
} fb__pool_cover;

/* What a pool's rows and its covered loans' states add up to; party (a key, 0 none) narrows
 * covered_party to one borrower's. */
typedef struct fb__pool_figures {
    int64_t funded;
    int64_t covered_loans, covered, npl; /* active covered loans, their principal, of it NPL */
    int64_t covered_party;
    int64_t claims, paid, returned;
} fb__pool_figures;

int fb__store_pool_insert(fb_store *s, const fb_pool *p);
int fb__store_pool_by_id(fb_store *s, const char *id, fb_pool *out, int64_t *key);
/* The pools after the id `after` ("" from the first), in id order, at most cap, each with its key
 * (keys NULL: none). */
int fb__store_pools_after(fb_store *s, const char *after, fb_pool *out, int64_t *keys, size_t cap,
                          size_t *n);
/* A funding by its id: FB_ENOTFOUND, or its pool's key, amount and date. */
int fb__store_pool_funding(fb_store *s, const char *id, int64_t *pool, int64_t *amount,
                           int32_t *date);
int fb__store_pool_funding_insert(fb_store *s, int64_t pool, const char *id, int64_t amount,
                                  int32_t date, int64_t now_ns);
/* The coverage of a loan (by its key), under any pool: FB_OK or FB_ENOTFOUND. */
int fb__store_pool_cover_of(fb_store *s, int64_t loan, fb__pool_cover *out);
/* Inserts c (its key set from the row) or, when c->key is set, writes its claim and returns. */
int fb__store_pool_cover_put(fb_store *s, fb__pool_cover *c, int64_t now_ns);
int fb__store_pool_figures(fb_store *s, int64_t pool, int64_t party, fb__pool_figures *out);

/* ---- Interest subsidies (subsidies.c) ------------------------------------------------------ */

int fb__store_subsidy_insert(fb_store *s, const fb_subsidy *v);
int fb__store_subsidy_by_id(fb_store *s, const char *id, fb_subsidy *out, int64_t *key);
/* The enrolment of a loan (by key): FB_OK with its scheme's key, or FB_ENOTFOUND. */
int fb__store_subsidy_enrolled(fb_store *s, int64_t loan, int64_t *scheme);
int fb__store_subsidy_enrol(fb_store *s, int64_t scheme, int64_t loan, int64_t party, int32_t start,
                            int32_t end, int64_t committed, int64_t now_ns);
/* A scheme's sums: loans enrolled, committed (all; of the party's when party > 0), accrued,
 * and of its paid claims what was approved and rejected. */
typedef struct fb__subsidy_figures {
    int64_t enrolled, committed, committed_party, accrued, approved, rejected;
} fb__subsidy_figures;
int fb__store_subsidy_figures(fb_store *s, int64_t scheme, int64_t party, fb__subsidy_figures *out);

/* An enrolment accruing on a day, with what it needs. */
typedef struct fb__subsidy_day {
    int64_t enrol, scheme, party;
    char scheme_id[FB_POOL_ID_MAX + 1];
    char party_id[FB_PARTY_ID_MAX + 1];
    int64_t mode, points, share;
    int64_t principal, rate; /* the loan's state at the close */
    int64_t committed, accrued, rem;
    int64_t net_sub; /* mode net, enrolled since the net rate was kept: the points charged off */
} fb__subsidy_day;
/* The enrolments of active loans whose term holds day, by scheme then enrolment, into a new
 * array (*out, freed by the caller). */
int fb__store_subsidy_accruing(fb_store *s, int32_t day, fb__subsidy_day **out, size_t *n);
/* Adds a day's amount to an enrolment (its accrued and remainder now) and to its quarter. */
int fb__store_subsidy_accrue(fb_store *s, int64_t enrol, int32_t quarter, int64_t amount,
                             int64_t accrued, int64_t rem);
/* A scheme's claim of a quarter: FB_ENOTFOUND, or its key, paid date (0: not) and sums. */
typedef struct fb__subsidy_claim {
    int64_t key;
    int32_t date, paid;
    int64_t amount, lines, approved, rejected, undecided;
} fb__subsidy_claim;
int fb__store_subsidy_claim(fb_store *s, int64_t scheme, int32_t quarter, fb__subsidy_claim *out);
/* Makes the claim of the quarter's unclaimed lines with an amount: its key, lines and amount in
 * out (0 lines: nothing written). */
int fb__store_subsidy_claim_make(fb_store *s, int64_t scheme, int32_t quarter, int32_t date,
                                 fb__subsidy_claim *out);
/* A line of a claim by its loan's key: FB_ENOTFOUND, or its decision; and setting it. */
int fb__store_subsidy_line(fb_store *s, int64_t claim, int64_t loan, int *decision);
int fb__store_subsidy_decide(fb_store *s, int64_t claim, int64_t loan, int decision);
/* The claim paid on date: its approved and rejected sums written. */
int fb__store_subsidy_paid(fb_store *s, int64_t claim, int32_t date, int64_t approved,
                           int64_t rejected);
/* The lines of a claim, in loan order: loan ids, party ids, days, amounts, decisions. */
typedef int fb__subsidy_line_fn(void *ctx, const fb_subsidy_line *l, const char *party);
int fb__store_subsidy_lines(fb_store *s, int64_t claim, fb__subsidy_line_fn *fn, void *ctx);

/* ---- An interest subsidy's net rate (subsidy_net.c) ---------------------------------------- */

/* A loan enrolled in a scheme of mode net: its contract rate, the points it is charged below it
 * (rate_e6), the days the net rate ran from and ended on (0: not yet), and the enrolment's term. */
typedef struct fb__subsidy_net {
    int64_t enrol, contract, sub;
    int32_t net_from, net_to, start, until;
} fb__subsidy_net;
/* Records the net rate of the enrolment of loan (by key), made just before. */
int fb__store_subsidy_net_insert(fb_store *s, int64_t loan, int64_t contract, int64_t sub,
                                 int32_t net_from);
/* The net rate of loan (by key): FB_OK, or FB_ENOTFOUND when it is in no scheme of mode net. */
int fb__store_subsidy_net_of(fb_store *s, int64_t loan, fb__subsidy_net *out);
/* Writes its contract rate and its days. */
int fb__store_subsidy_net_put(fb_store *s, const fb__subsidy_net *n);
/* Sets the interest of installment n of loan (by key): the subsidy taken off a part of it. */
int fb__store_installment_interest(fb_store *s, int64_t loan, int32_t n, int64_t interest);

/* ---- Government financing guarantees (guarantees.c) ---------------------------------------- */

/* A guarantee's row: the view's fields that are columns (principal and exposure are not). */
int fb__store_guarantee_insert(fb_store *s, const fb_guarantee *g, int64_t loan_key);
int fb__store_guarantee_by_id(fb_store *s, const char *id, fb_guarantee_view *out,
                              int64_t *loan_key);
/* A guarantee whose fee accrues or is unpaid at a day's close (book/guarantee_accrual.c): the
 * borrower's and the company's ids, the loan's principal and status at the close. */
typedef struct fb__guarantee_fee_day {
    int64_t key;
    char id[FB_ID_MAX + 1];
    char borrower[FB_PARTY_ID_MAX + 1], company[FB_PARTY_ID_MAX + 1];
    int64_t covered_e6, fee_e6, principal_fen;
    int64_t accrued_fen, collected_fen, carry;
    int32_t created, fee_years, claimed, status;
    int32_t day, unpaid_since; /* the last day accrued (0: none yet); the first unpaid */
} fb__guarantee_fee_day;
/* The guarantees not claimed of active loans created by day, and those with a fee unpaid, in key
 * order, into a new array (*out, freed by the caller). */
int fb__store_guarantee_fee_days(fb_store *s, int32_t day, fb__guarantee_fee_day **out, size_t *n);
/* Writes a guarantee's fee accrued, collected, carry, last day and first day unpaid. */
int fb__store_guarantee_fee_put(fb_store *s, const fb__guarantee_fee_day *d);
/* The schemes' figures kept at a close (scheme_history.c): kind 0 a pool, 1 a subsidy scheme (key
 * its key), 2 a city's guarantees (key the city, 210000 the total: written every close). Get
 * answers FB_ENOTFOUND for no row; the first day is 0 when none was kept. */
int fb__store_scheme_day_put(fb_store *s, int32_t date, int kind, int64_t key, const int64_t *v,
                             size_t n);
int fb__store_scheme_day_get(fb_store *s, int32_t date, int kind, int64_t key, int64_t *v,
                             size_t n);
int fb__store_scheme_first_day(fb_store *s, int32_t *first);
/* Whether a loan (by key) is guaranteed. */
int fb__store_guarantee_of_loan(fb_store *s, int64_t loan_key, bool *guaranteed);
/* Writes a guarantee's fees: the years charged, their sum and the last. */
int fb__store_guarantee_fee(fb_store *s, const char *id, const fb_guarantee_view *v);
/* The ids of the guarantees after the id `after` ("" from the first), of the company (a party's
 * id; "" any), in id order, at most cap, into ids (FB_ID_MAX + 1 bytes each). */
int fb__store_guarantees_after(fb_store *s, const char *after, const char *company,
                               char (*ids)[FB_ID_MAX + 1], size_t cap, size_t *n);
/* Whether the company (a party's id) guarantees the loan of that id. */
int fb__store_loan_guaranteed_by(fb_store *s, const char *loan, const char *company, bool *yes);
/* Credit reports (征信报告): one recorded; the figures of a party's report of a date
 * (FB_ENOTFOUND: none); the latest report on or before `day` of each party with a key below cap
 * (debt[k], over[k]; untouched for a party with none) or of one party (FB_ENOTFOUND: none). */
int fb__store_credit_add(fb_store *s, const fb_credit_report *c, int64_t now_ns);
int fb__store_credit_get(fb_store *s, const char *party, int32_t date, int64_t *debt,
                         int64_t *over);
int fb__store_credit_latest(fb_store *s, int32_t day, size_t cap, int64_t *debt, int64_t *over);
int fb__store_credit_of(fb_store *s, int64_t party_key, int32_t day, int64_t *debt, int64_t *over);
/* The keys of the loans guaranteed in full (covered 100%), ascending, into a new array (*keys,
 * freed by the caller). */
int fb__store_guaranteed_in_full(fb_store *s, int64_t **keys, size_t *n);
/* The guarantee company of a guaranteed loan into company[0..cap), "" when it has none. */
int fb__store_guarantor_of_loan(fb_store *s, int64_t loan_key, char *company, size_t cap);
/* Writes the claim and payments the view holds. */
int fb__store_guarantee_put(fb_store *s, const char *id, const fb_guarantee_view *v);

/* ---- The schemes' lists for their reports (scheme_lists.c) -------------------------------- */

/* The subsidy schemes after `after` ("" from the first), in id order, at most cap, each with its
 * key (subsidies.c). */
int fb__store_subsidies_after(fb_store *s, const char *after, fb_subsidy *out, int64_t *keys,
                              size_t cap, size_t *n);
/* A scheme's (by key) claims, the latest quarter first, at most cap (suppressed left false). */
int fb__store_subsidy_claim_rows(fb_store *s, int64_t scheme, fb_subsidy_claim_row *out, size_t cap,
                                 size_t *n);
/* Every guarantee's row with its loan's principal (principal_fen; the rest of the view derived
 * by the book) and its borrower's key and city, in city order (guarantees.c). */
typedef int fb__guarantee_each_fn(void *ctx, const fb_guarantee_view *v, int64_t party,
                                  int32_t city);
int fb__store_guarantees_each(fb_store *s, fb__guarantee_each_fn *fn, void *ctx);

/* ---- What a guarantee company and an enterprise read of their own (scheme_own.c) ------------ */

/* The ids of the company's guarantees (company a party's id), in id order. */
typedef int fb__guarantee_id_fn(void *ctx, const char *id);
int fb__store_guarantees_of(fb_store *s, const char *company, fb__guarantee_id_fn *fn, void *ctx);
/* The party's (by id) loans enrolled in subsidy schemes, in loan order, at most cap. */
int fb__store_party_subsidies(fb_store *s, const char *party, fb_party_subsidy *out, size_t cap,
                              size_t *n);

/* The lines of a claim with their enrolment's key and the borrower's size class, line of
 * business and city (store/subsidy_lines.c), in loan order, at most cap. */
int fb__store_subsidy_line_views(fb_store *s, int64_t claim, fb_subsidy_line_view *out, size_t cap,
                                 size_t *n);
/* The distinct borrowers a pool (pool) or a subsidy scheme has covered or enrolled by the close
 * of as_of (0: as the book stands), store/scheme_cells.c. */
int fb__store_scheme_borrowers(fb_store *s, bool pool, int64_t key, int32_t as_of, int64_t *n);
/* The loan of the scheme's enrolment of key `line` (a line's id): FB_ENOTFOUND when it is not
 * the scheme's. */
int fb__store_subsidy_enrol_loan(fb_store *s, int64_t scheme, int64_t line, fb_loan *loan,
                                 int64_t *loan_key);

#endif
