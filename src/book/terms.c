/* terms.c — changes of a loan's terms after drawdown: an extension (展期, 贷款通则 第十二条), a
 * restructuring (重组, 金融资产风险分类办法 第十七条–第二十条), a renewal without repaying
 * principal (无还本续贷, 金规〔2024〕13号) and a refinancing (借新还旧). Each is loaded, decided in
 * memory (core/reterm.c), and written once: the schedule, the loan's maturity, the ledger's
 * entries, the change's row, the class the rules give and its history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"
#include "core/classify.h"
#include "core/reterm.h"

static const char *const result_names[] = {"done",
                                           "exists",
                                           "exists_with_different",
                                           "loan_not_found",
                                           "loan_closed",
                                           "no_business_date",
                                           "before_business_date",
                                           "after_business_date",
                                           "at_or_after_maturity",
                                           "exceeds_extension_limit",
                                           "not_eligible",
                                           "overdue",
                                           "off_balance",
                                           "lpr_rate",
                                           "exceeds_available_limit",
                                           "too_many_changes",
                                           "too_long",
                                           "rate_out_of_range",
                                           "no_guarantor_consent",
                                           "reason_required"};
_Static_assert(sizeof result_names / sizeof result_names[0] == FB_CHANGE_REASON_REQUIRED + 1,
               "a name for every change result");

const char *fb_change_result_name(fb_change_result r) {
    return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : "unknown";
}

#define FAIL(f, why) return *field = (f), snprintf(reason, cap, "%s", (why)), FB_EINVAL

int fb_loan_change_check(const fb_loan_change *c, const char **field, char *reason, size_t cap) {
    FB_ASSERT(c != NULL && field != NULL && reason != NULL);
    const char *why = NULL;
    if (!fb_id_valid(c->loan, strnlen(c->loan, sizeof c->loan), &why)) FAIL("loan", why);
    if (c->id[0] && !fb_id_valid(c->id, strnlen(c->id, sizeof c->id), &why)) FAIL("id", why);
    if ((unsigned)c->kind >= FB_CHANGE_KIND_COUNT_) FAIL("kind", "is not a change of terms");
    if (c->months < 1 || c->months > FB_LOAN_MONTHS_MAX) FAIL("months", "must be 1 to 480");
    if (c->rate_e6 < 0 || c->rate_e6 > FB_RATE_MAX_E6)
        FAIL("rate", "must be above 0 and at most 24%");
    if (c->method < -1 || c->method >= FB_METHOD_COUNT_) FAIL("method", "is not a method");
    if ((unsigned)c->difficulty >= FB_DIFFICULTY_COUNT_) FAIL("difficulty", "is unknown");
    bool extension = c->kind == FB_CHANGE_EXTENSION;
    if (extension && c->method >= 0) FAIL("method", "an extension keeps the loan's method");
    if (c->capitalise && c->kind != FB_CHANGE_RESTRUCTURING) {
        FAIL("capitalise", "only a restructuring capitalises interest (利息转为本金)");
    }
    if (c->kind == FB_CHANGE_RESTRUCTURING && c->difficulty == FB_DIFFICULTY_NONE) {
        FAIL("difficulty", "is required: a restructuring is for a debtor in financial difficulty "
                           "(金融资产风险分类办法 第十七条, 第十八条)");
    }
    if ((c->kind == FB_CHANGE_RESTRUCTURING || c->difficulty != FB_DIFFICULTY_NONE) &&
        !c->note[0]) {
        FAIL("reason", "is required: a restructuring records why");
    }
    size_t at = 0;
    if (fb_text_check(c->note, strlen(c->note), &at) != FB_TEXT_OK) FAIL("reason", "is not text");
    bool consent = c->consent_by[0] || c->consent_date || c->consent_ref[0];
    if (consent && !extension) FAIL("consent_by", "a guarantor's consent is to an extension");
    if (c->consent_by[0] &&
        !fb_id_valid(c->consent_by, strnlen(c->consent_by, sizeof c->consent_by), &why)) {
        FAIL("consent_by", why);
    }
    if (consent && !c->consent_by[0]) FAIL("consent_by", "is required with a consent: who gave it");
    if (consent && !c->consent_date) FAIL("consent_date", "is required with a consent: its date");
    if (consent && !c->consent_ref[0]) {
        FAIL("consent_ref", "is required with a consent: the document's reference");
    }
    if (fb_text_check(c->consent_ref, strlen(c->consent_ref), &at) != FB_TEXT_OK) {
        FAIL("consent_ref", "is not text");
    }
    if (c->state_rule[0] && !extension) {
        FAIL("state_rule", "is an extension's: the State's provision that allows it beyond "
                           "贷款通则 第十二条's limits");
    }
    if (fb_text_check(c->state_rule, strlen(c->state_rule), &at) != FB_TEXT_OK) {
        FAIL("state_rule", "is not text");
    }
    return FB_OK;
}

typedef struct {
    fb_loan loan;
    int64_t key;
    fb__loan_state x;
    int32_t open;
    fb_party party;
    fb_facility facility;
    char guarantor[FB_PARTY_ID_MAX + 1]; /* the guarantee company of a guaranteed loan, or "" */
    int64_t rate;                        /* the rate from the date on */
    int lpr_tenor; /* an LPR loan moved to another tenor (第十四条): it; otherwise 0 */
    fb_lpr lpr;    /* ... the LPR in effect on the date */
    fb__reterm_out out;
    fb_installment sched[FB_LOAN_MONTHS_MAX];
} subject;

/* The same id again: the change it made, or another one. */
static int again(fb_book *book, fb_loan_change *c, fb_change_result *result, bool *found) {
    *found = false;
    if (!c->id[0]) return FB_OK;
    fb_loan_change old;
    int64_t key = 0;
    int rc = fb__store_change_by_client(book->store, c->id, &key, &old);
    if (rc == FB_ENOTFOUND) return FB_OK;
    if (rc) return rc;
    fb_loan other;
    rc = fb__store_loan_by_key(book->store, key, &other);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    *found = true;
    bool same = strcmp(other.id, c->loan) == 0 && old.kind == c->kind && old.months == c->months;
    *result = same ? FB_CHANGE_EXISTS : FB_CHANGE_EXISTS_WITH_DIFFERENT;
    char loan[sizeof c->loan], actor[sizeof c->actor];
    snprintf(loan, sizeof loan, "%s", c->loan);
    snprintf(actor, sizeof actor, "%s", c->actor);
    *c = old;
    snprintf(c->loan, sizeof c->loan, "%s", loan);
    if (!c->actor[0]) snprintf(c->actor, sizeof c->actor, "%s", actor);
    return FB_OK;
}

static int find(fb_book *book, fb_loan_change *c, subject *sj, fb_change_result *result) {
    fb_store *s = book->store;
    bool found = false;
    int rc = again(book, c, result, &found);
    if (rc || found) return rc;
    rc = fb__store_business_date(s, &sj->open);
    if (rc == FB_OK) rc = fb__store_loan_by_id(s, c->loan, &sj->loan, &sj->key);
    if (rc == FB_ENOTFOUND) return *result = FB_CHANGE_LOAN_NOT_FOUND, FB_OK;
    if (rc == FB_OK) rc = fb__store_state_get(s, sj->key, &sj->x);
    if (rc == FB_OK) rc = fb__store_party_by_id(s, sj->loan.party, &sj->party);
    if (rc == FB_OK) rc = fb__store_facility_by_id(s, sj->loan.facility, &sj->facility);
    if (rc == FB_OK)
        rc = fb__store_guarantor_of_loan(s, sj->key, sj->guarantor, sizeof sj->guarantor);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    if (sj->x.status != FB_LOAN_ACTIVE) {
        snprintf(c->message, sizeof c->message,
                 "the loan is %s: only an active loan's terms change (%s is refused)",
                 fb_loan_status_name((fb_loan_status)sj->x.status), fb_change_kind_name(c->kind));
        return *result = FB_CHANGE_LOAN_CLOSED, FB_OK;
    }
    if (sj->open == 0) return *result = FB_CHANGE_NO_BUSINESS_DATE, FB_OK;
    if (c->date == 0) c->date = sj->open;
    if (c->date != sj->open) c->against = sj->open;
    if (c->date < sj->open) return *result = FB_CHANGE_BEFORE_BUSINESS_DATE, FB_OK;
    if (c->date > sj->open) return *result = FB_CHANGE_AFTER_BUSINESS_DATE, FB_OK;
    return FB_OK;
}

/* 贷款通则 第十二条: asked before maturity, within the limit of the term class, in all. */
static void extension_rules(const subject *sj, fb_loan_change *c, fb_change_result *result) {
    const fb__loan_state *x = &sj->x;
    char d[11];
    if (x->cur_n > x->n_count || c->date >= sj->loan.maturity_date) {
        snprintf(
            c->message, sizeof c->message,
            "an extension is asked before the loan matures (贷款通则 第十二条): it matures on %s",
            fb_date_format(sj->loan.maturity_date, d));
        *result = FB_CHANGE_AT_OR_AFTER_MATURITY;
        return;
    }
    if (sj->guarantor[0] && (strcmp(c->consent_by, sj->guarantor) != 0 || !c->consent_date ||
                             c->consent_date > c->date || !c->consent_ref[0])) {
        char on[11];
        fb_date_format(c->date, on);
        if (!c->consent_by[0]) {
            snprintf(c->message, sizeof c->message,
                     "an extension of a guaranteed loan needs its guarantor's written consent "
                     "(保证人出具同意的书面证明, 贷款通则 第十二条): give consent_by %s, "
                     "consent_date on or before %s and consent_ref",
                     sj->guarantor, on);
        } else if (strcmp(c->consent_by, sj->guarantor) != 0) {
            snprintf(c->message, sizeof c->message,
                     "the consent to an extension is the guarantor's (贷款通则 第十二条): the loan "
                     "is guaranteed by %s, not %s",
                     sj->guarantor, c->consent_by);
        } else {
            snprintf(c->message, sizeof c->message,
                     "the guarantor's consent is given before the extension (贷款通则 第十二条): "
                     "dated %s, after the extension's date %s",
                     fb_date_format(c->consent_date, d), on);
        }
        *result = FB_CHANGE_NO_GUARANTOR_CONSENT;
        return;
    }
    int32_t term = sj->loan.terms.months, most = fb__extension_max_months(term);
    /* "国家另有规定者除外": a provision of the State named, the limit is its, kept with the change.
     */
    if (x->extended + c->months <= most || c->state_rule[0]) return;
    fb__term_class tc = fb__term_class_of(term);
    const char *rule = tc == FB__TERM_SHORT    ? "at most its original term"
                       : tc == FB__TERM_MEDIUM ? "at most half its term"
                                               : "at most three years";
    snprintf(c->message, sizeof c->message,
             "an extension of a %s loan may be %s: %d months (%lld extended already, %d asked; "
             "贷款通则 第十二条)",
             fb__term_class_name(tc), rule, (int)most, (long long)x->extended, (int)c->months);
    *result = FB_CHANGE_EXCEEDS_EXTENSION_LIMIT;
}

/* 金规〔2024〕13号: small and micro enterprises, individual businesses (and, for loans maturing by
 * the setting's day, medium enterprises), before maturity, with nothing overdue. */
static int renewal_rules(fb_book *book, const subject *sj, fb_loan_change *c,
                         fb_change_result *result) {
    const fb_party *p = &sj->party;
    int64_t until = 0;
    int rc = fb_setting_get(book, "renewal_medium_until", &until);
    if (rc) return rc;
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(sj->loan.maturity_date, &y, &m, &d);
    int64_t maturity = (int64_t)y * 10000 + (int64_t)m * 100 + d;
    bool small = p->kind == FB_PARTY_INDIVIDUAL_BUSINESS || p->size_class >= FB_SIZE_SMALL;
    bool medium = p->size_class == FB_SIZE_MEDIUM && maturity <= until;
    char day[11];
    if (!small && !medium) {
        snprintf(c->message, sizeof c->message,
                 "a renewal without repaying principal is for small and micro enterprises and "
                 "individual businesses (and medium enterprises' loans maturing by %lld): the "
                 "borrower is %s (金规〔2024〕13号)",
                 (long long)until, fb_size_class_name(p->size_class));
        *result = FB_CHANGE_NOT_ELIGIBLE;
    } else if (c->date > sj->loan.maturity_date) {
        snprintf(c->message, sizeof c->message,
                 "a renewal is agreed before the loan matures: it matured on %s",
                 fb_date_format(sj->loan.maturity_date, day));
        *result = FB_CHANGE_AT_OR_AFTER_MATURITY;
    } else if (fb__owed_due(&sj->x) > 0) {
        char owed[FB_MONEY_STR_MAX];
        snprintf(c->message, sizeof c->message,
                 "a renewal is for a loan with nothing overdue: %s yuan are",
                 fb_money_format(fb__owed_due(&sj->x), owed));
        *result = FB_CHANGE_OVERDUE;
    }
    return FB_OK;
}

/* 金融资产风险分类办法 第十七条, 第十八条: a debtor with something overdue (一) or with a debt
 * classed non-performing (三) is in financial difficulty, and a change of its terms in its favour
 * is a restructuring whatever the officer called it. The difficulty found is recorded; the
 * reason is required as a restructuring's is. */
static int difficulty_found(fb_book *book, const subject *sj, fb_loan_change *c,
                            fb_change_result *result) {
    const fb__loan_state *x = &sj->x;
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && c->kind < FB_CHANGE_KIND_COUNT_);
    int worst = -1;
    int rc = fb__store_party_worst_class(book->store, sj->loan.party, &worst);
    if (rc) return rc;
    if (worst < (int)x->class) worst = (int)x->class;
    char owed[FB_MONEY_STR_MAX], found[96];
    /* Overdue: due before the date and unpaid (what falls due on the date is not yet). */
    if (c->difficulty == FB_DIFFICULTY_NONE && x->oldest_due && x->oldest_due < c->date) {
        c->difficulty = FB_DIFFICULTY_OVERDUE;
        snprintf(found, sizeof found, "%s yuan of it are overdue, %lld days (第十八条（一）)",
                 fb_money_format(fb__owed_due(x), owed), (long long)(c->date - x->oldest_due));
    } else if (c->difficulty == FB_DIFFICULTY_NONE && worst >= FB_CLASS_SUBSTANDARD) {
        c->difficulty = FB_DIFFICULTY_NON_PERFORMING;
        snprintf(found, sizeof found, "its debtor has a debt classed %s (第十八条（三）)",
                 fb_loan_class_name((fb_loan_class)worst));
    } else {
        return FB_OK;
    }
    FB_ASSERT(c->difficulty != FB_DIFFICULTY_NONE);
    if (c->note[0]) return FB_OK;
    snprintf(c->message, sizeof c->message,
             "reason is required: %s, the debtor is in financial difficulty and this %s is a "
             "restructuring (金融资产风险分类办法 第十七条, 第十八条), which says why",
             found, fb_change_kind_name(c->kind));
    *result = FB_CHANGE_REASON_REQUIRED;
    return FB_OK;
}

static int rules(fb_book *book, subject *sj, fb_loan_change *c, fb_change_result *result) {
    const fb__loan_state *x = &sj->x;
    if (x->changes >= FB_LOAN_CHANGES_MAX) {
        snprintf(c->message, sizeof c->message, "the loan's terms changed %d times already",
                 FB_LOAN_CHANGES_MAX);
        return *result = FB_CHANGE_TOO_MANY_CHANGES, FB_OK;
    }
    if (c->kind == FB_CHANGE_EXTENSION) extension_rules(sj, c, result);
    if (c->kind == FB_CHANGE_RENEWAL) {
        int rc = renewal_rules(book, sj, c, result);
        if (rc) return rc;
    }
    if (*result != FB_CHANGE_DONE) return FB_OK;
    if (c->rate_e6 && sj->loan.rate_kind == FB_RATE_LPR) {
        snprintf(c->message, sizeof c->message,
                 "an LPR loan keeps its spread over the LPR and reprices on its anniversaries (an "
                 "extension past five years takes the 5-year-plus LPR, 贷款通则 第十四条): give no "
                 "rate");
        return *result = FB_CHANGE_LPR_RATE, FB_OK;
    }
    bool off = x->nonaccrual || x->oi_due || x->op_due || x->oi_run;
    if (c->capitalise && off) {
        char owed[FB_MONEY_STR_MAX];
        snprintf(c->message, sizeof c->message,
                 "interest off the balance sheet (%s yuan) was never income and is not "
                 "capitalised: collect it, or restructure without capitalising",
                 fb_money_format(x->oi_due + x->op_due + x->oi_run, owed));
        return *result = FB_CHANGE_OFF_BALANCE, FB_OK;
    }
    int64_t ceiling = 0;
    int rc = c->rate_e6 ? fb_rate_ceiling(book, &ceiling) : FB_OK;
    if (rc == FB_OK && c->rate_e6 && c->rate_e6 > ceiling) {
        char rate[FB_RATE_STR_MAX];
        snprintf(c->message, sizeof c->message, "the rate is above the book's ceiling, %s%%",
                 fb_rate_format(ceiling, rate));
        return *result = FB_CHANGE_RATE_OUT_OF_RANGE, FB_OK;
    }
    return rc == FB_OK ? difficulty_found(book, sj, c, result) : rc;
}

/* The rate from the date. 贷款通则 第十四条:
 * "贷款的展期期限加上原期限达到新的利率期限档次时，从展期 之日起，贷款利息按新的期限档次利率计收".
 * The LPR's tenors are the brackets (1 year, over 5 years): an LPR loan on the 1-year LPR whose
 * original term plus all its extensions passes 60 months takes the 5-year-plus LPR in effect on the
 * date, its spread kept, at most the book's ceiling (setting extension_lpr_bracket). A fixed
 * contract rate is the parties' agreement, not a bracket's: it stays unless the extension names a
 * new one. */
static int bracket(fb_book *book, subject *sj, fb_loan_change *c) {
    const fb_loan *loan = &sj->loan;
    FB_ASSERT(sj->x.status == FB_LOAN_ACTIVE && c->months >= 1);
    sj->rate = c->rate_e6 ? c->rate_e6 : sj->x.rate;
    int64_t term = loan->terms.months, total = term + sj->x.extended + c->months;
    if (c->kind != FB_CHANGE_EXTENSION || loan->rate_kind != FB_RATE_LPR ||
        loan->lpr_tenor_years != 1 || term > 60 || total <= 60) {
        return FB_OK;
    }
    int64_t on = 0, ceiling = 0;
    int rc = fb_setting_get(book, "extension_lpr_bracket", &on);
    if (rc || !on) return rc;
    rc = fb__store_lpr_at(book->store, c->date, &sj->lpr);
    if (rc == FB_OK) rc = fb_rate_ceiling(book, &ceiling);
    if (rc) return rc == FB_ENOTFOUND ? FB_OK : rc;
    int64_t rate = sj->lpr.five_year_e6 + (int64_t)loan->spread_bp * 100;
    if (rate > ceiling) rate = ceiling;
    FB_ASSERT(sj->lpr.five_year_e6 > 0 && ceiling > 0);
    if (rate <= 0) return FB_OK;
    sj->rate = rate;
    sj->lpr_tenor = 5;
    char base[FB_RATE_STR_MAX], d[11];
    snprintf(c->rate_rule, sizeof c->rate_rule,
             "贷款通则 第十四条: %lld months with the extensions, over five years: the 5-year-plus "
             "LPR (%s%% from %s) in place of the 1-year, spread %d bp kept, from the extension's "
             "date",
             (long long)total, fb_rate_format(sj->lpr.five_year_e6, base),
             fb_date_format(sj->lpr.date, d), (int)loan->spread_bp);
    return FB_OK;
}

/* The new terms, decided in memory over the whole schedule. */
static int decide(fb_book *book, subject *sj, fb_loan_change *c, fb_change_result *result) {
    fb__loan_state *x = &sj->x;
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && x->n_count >= 1);
    size_t n = 0;
    int rc = fb__store_installments_range(book->store, x->loan, 1, (int32_t)x->n_count, sj->sched,
                                          FB_LOAN_MONTHS_MAX, &n);
    if (rc == FB_OK && n != (size_t)x->n_count) rc = FB_ECORRUPT;
    if (rc) return rc;
    fb__alloc_position before;
#define FB_X_(name) before.name = x->name;
    FB__ALLOC_POSITION_FIELDS(FB_X_)
#undef FB_X_
    /* Capitalised penalty is the loan's own receivable first. */
    if (c->capitalise) before.penalty_due += fb__penalty_rounded(x) - x->penalty_moved;
    int y = 0, m = 0, day = 0;
    fb_date_to_ymd(sj->loan.terms.start_date, &y, &m, &day);
    fb__reterm req = {c->kind,
                      c->date,
                      c->months,
                      sj->rate,
                      c->method >= 0 ? (fb_method)c->method : sj->loan.terms.method,
                      sj->loan.terms.repayment_day ? sj->loan.terms.repayment_day : day,
                      (fb_day_count)x->day_count,
                      c->capitalise,
                      fb__accrued(x, c->date),
                      sj->loan.terms.principal_fen + x->capitalised,
                      sj->sched,
                      n,
                      c->kind == FB_CHANGE_EXTENSION && sj->rate != x->rate};
    const char *field = NULL, *why = NULL;
    rc = fb__reterm_apply(&before, &req, &sj->out, &field, &why);
    if (rc == FB_EINVAL) {
        snprintf(c->message, sizeof c->message, "%s %s", field, why);
        *result = FB_CHANGE_TOO_LONG;
        return FB_OK;
    }
    int64_t capitalised = sj->out.capitalised_interest_fen + sj->out.capitalised_penalty_fen;
    int64_t room = 0;
    if (rc == FB_OK && capitalised > 0) rc = fb_facility_limits(book, &sj->facility, &room, NULL);
    if (rc == FB_OK && capitalised > room) {
        char a[FB_MONEY_STR_MAX], b[FB_MONEY_STR_MAX];
        snprintf(c->message, sizeof c->message,
                 "capitalising %s yuan takes as much of facility %s's limit, which has %s "
                 "available",
                 fb_money_format(capitalised, a), sj->facility.id, fb_money_format(room, b));
        *result = FB_CHANGE_EXCEEDS_AVAILABLE_LIMIT;
    }
    return rc;
}

/* The ledger's entries: the running installment's interest falling due at the cut, interest and
 * penalty capitalised (and the limit capitalised interest takes). */
static int entries(fb__tq *q, const subject *sj, const fb_loan_change *c, int64_t moved) {
    const fb__reterm_out *o = &sj->out;
    const fb_loan *loan = &sj->loan;
    FB_ASSERT(o->cut_interest_off_fen <= o->cut_interest_fen && moved >= 0);
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "pnc:%s:%d", loan->id, c->n);
    int rc = fb__tq_add(q, id, loan->penalty_account,
                        fb__gl(gl, sizeof gl, "penalty_accrued", loan->line), moved, 1,
                        FB__CODE_PENALTY_MOVE);
    snprintf(id, sizeof id, "due:%s:%lld", loan->id, (long long)sj->x.cur_n);
    if (rc == FB_OK) { /* an extension's only at a new rate (第十四条) */
        rc = fb__tq_add(q, id, loan->interest_account,
                        fb__gl(gl, sizeof gl, "interest_accrued", loan->line),
                        o->cut_interest_fen - o->cut_interest_off_fen, 1, FB__CODE_FALL_DUE);
    }
    snprintf(id, sizeof id, "cpi:%s:%d", loan->id, c->n);
    if (rc == FB_OK) {
        rc = fb__tq_add(q, id, loan->principal_account, loan->interest_account,
                        o->capitalised_interest_fen, 1, FB__CODE_CAPITALISE_INTEREST);
    }
    snprintf(id, sizeof id, "cpp:%s:%d", loan->id, c->n);
    if (rc == FB_OK) {
        rc = fb__tq_add(q, id, loan->principal_account, loan->penalty_account,
                        o->capitalised_penalty_fen, 1, FB__CODE_CAPITALISE_PENALTY);
    }
    snprintf(id, sizeof id, "cpd:%s:%d", loan->id, c->n);
    if (rc == FB_OK) {
        rc = fb__tq_add(q, id, sj->facility.available_account, sj->facility.drawn_account,
                        o->capitalised_interest_fen + o->capitalised_penalty_fen,
                        FB_LEDGER_OFF_BALANCE, FB__CODE_LIMIT_CAPITALISED);
    }
    return rc;
}

/* The class the change gives (第十七条, 第二十条; 关注 for new-for-old without difficulty), with
 * its history entry, the memo ledger's count and non-accrual. */
static int reclass(fb_book *book, fb__tq *q, subject *sj, fb_loan_change *c) {
    fb__loan_state *x = &sj->x;
    fb__eod_rules r;
    int64_t again_floor = FB_CLASS_DOUBTFUL;
    int rc = fb__eod_rules_load(book, &r);
    if (rc == FB_OK) rc = fb_setting_get(book, "restructure_again_floor", &again_floor);
    if (rc) return rc;
    int to = (int)x->class;
    fb_class_reason why = FB_REASON_RESTRUCTURED;
    if (c->difficulty != FB_DIFFICULTY_NONE) {
        bool observing = x->restructured && x->obs_end && c->date <= x->obs_end;
        int64_t floor = x->class > FB_CLASS_SPECIAL_MENTION ? x->class : FB_CLASS_SPECIAL_MENTION;
        if (observing && floor < again_floor) floor = again_floor;
        if (observing && floor < x->obs_floor) floor = x->obs_floor;
        x->restructured = 1;
        x->obs_floor = floor;
        x->obs_missed = x->resolved = 0;
        rc = fb__observation_restart(book, &r, x, sj->out.first_due, x->cur_n);
        if (to < floor) to = (int)floor;
    } else if (c->kind == FB_CHANGE_REFINANCING) {
        why = FB_REASON_REFINANCED;
        if (x->manual < FB_CLASS_SPECIAL_MENTION) x->manual = FB_CLASS_SPECIAL_MENTION;
        if (to < FB_CLASS_SPECIAL_MENTION) to = FB_CLASS_SPECIAL_MENTION;
    }
    c->restructured = x->restructured != 0;
    c->observation_end = (int32_t)x->obs_end;
    if (rc == FB_OK && to != x->class) {
        char d[11], note[FB_NOTE_MAX + 1];
        snprintf(note, sizeof note, "%s: %s", fb_change_kind_name(c->kind),
                 c->restructured ? fb_date_format((int32_t)x->obs_end, d) : "new-for-old");
        rc = fb__npl_cross(q, x, &sj->loan, to, c->date);
        if (rc == FB_OK) rc = fb__class_record(book, x, c->date, to, why, c->actor, note);
        x->class = to;
    }
    if (rc == FB_OK && x->class >= FB_CLASS_SUBSTANDARD && !x->nonaccrual) {
        rc = fb__nonaccrual_enter(q, x, &sj->loan, c->date - 1);
    }
    c->class_after = (int)x->class;
    return rc;
}

/* The decision becomes the loan's: entries, schedule, maturity, state, class, the change's row. */
static int write(fb_book *book, subject *sj, fb_loan_change *c) {
    fb__loan_state *x = &sj->x;
    const fb__reterm_out *o = &sj->out;
    fb_store *s = book->store;
    fb__tq q;
    int rc = fb__tq_init(&q, book);
    if (rc) return rc;
    c->n = (int32_t)x->changes + 1;
    int64_t moved = c->capitalise ? fb__penalty_rounded(x) - x->penalty_moved : 0;
    rc = entries(&q, sj, c, moved);
#define FB_X_(name) x->name = o->after.name;
    FB__ALLOC_POSITION_FIELDS(FB_X_)
#undef FB_X_
    x->penalty_moved += moved;
    x->changes = c->n;
    c->rate_before_e6 = x->rate;
    x->rate = sj->rate;
    c->rate_after_e6 = x->rate;
    x->capitalised += o->capitalised_interest_fen + o->capitalised_penalty_fen;
    if (c->kind == FB_CHANGE_EXTENSION) x->extended += c->months;
    c->maturity_before = sj->loan.maturity_date;
    c->maturity_after = o->maturity;
    c->capitalised_fen = o->capitalised_interest_fen + o->capitalised_penalty_fen;
    c->rescheduled_fen = o->rescheduled_principal_fen;
    c->class_before = (int)x->class;
    if (rc == FB_OK) {
        rc =
            fb__store_installments_replace(s, x->loan, o->replace_from, o->replaced, o->replaced_n);
    }
    if (rc == FB_OK) rc = fb__store_loan_set_status(s, x->loan, FB_LOAN_ACTIVE, o->maturity);
    if (rc == FB_OK && sj->lpr_tenor) {
        rc = fb__store_loan_set_lpr(s, x->loan, sj->lpr_tenor, sj->lpr.five_year_e6, sj->lpr.date);
    }
    /* A new contract rate ends an interest subsidy's net rate from the date (subsidy_net.c). */
    if (rc == FB_OK && c->rate_after_e6 != c->rate_before_e6)
        rc = fb__subsidy_net_rate_changed(book, x->loan, x->rate, c->date);
    if (rc == FB_OK) rc = reclass(book, &q, sj, c);
    if (rc == FB_OK) rc = fb__store_change_add(s, x->loan, c, fb_now_ns());
    if (rc == FB_OK) rc = fb__tq_flush(&q);
    if (rc == FB_OK) rc = fb__store_state_put(s, x);
    fb__tq_free(&q);
    return rc;
}

int fb_loan_change_apply(fb_book *book, fb_loan_change *c, fb_change_result *result) {
    FB_ASSERT(book != NULL && c != NULL && result != NULL);
    FB_ASSERT((unsigned)c->kind < FB_CHANGE_KIND_COUNT_ && c->months >= 1);
    *result = FB_CHANGE_DONE;
    c->message[0] = c->rate_rule[0] = 0;
    if (!c->actor[0]) snprintf(c->actor, sizeof c->actor, "unknown");
    subject *sj = calloc(1, sizeof *sj);
    if (!sj) return FB_ENOMEM;
    int rc = fb_book_begin(book);
    if (rc == FB_OK) rc = fb__book_gl_accounts(book);
    if (rc == FB_OK) rc = find(book, c, sj, result);
    if (rc == FB_OK && *result == FB_CHANGE_DONE) rc = rules(book, sj, c, result);
    if (rc == FB_OK && *result == FB_CHANGE_DONE) rc = bracket(book, sj, c);
    if (rc == FB_OK && *result == FB_CHANGE_DONE) rc = decide(book, sj, c, result);
    if (rc == FB_OK && *result == FB_CHANGE_DONE) rc = write(book, sj, c);
    if (rc == FB_OK && *result == FB_CHANGE_DONE) {
        rc = fb_book_commit(book);
    } else {
        fb_book_rollback(book);
    }
    free(sj);
    return rc;
}

int fb_loan_changes(fb_book *book, const char *id, fb_loan_change **out, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    *out = NULL;
    *n = 0;
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    fb_loan loan;
    int64_t key = 0;
    int rc = fb__store_loan_by_id(book->store, id, &loan, &key);
    if (rc) return rc;
    fb_loan_change *v = calloc(FB_LOAN_CHANGES_MAX, sizeof *v);
    if (!v) return FB_ENOMEM;
    rc = fb__store_changes(book->store, key, v, FB_LOAN_CHANGES_MAX, n);
    for (size_t i = 0; rc == FB_OK && i < *n; i++)
        snprintf(v[i].loan, sizeof v[i].loan, "%s", loan.id);
    if (rc) {
        free(v);
        *n = 0;
        return rc;
    }
    *out = v;
    return FB_OK;
}
