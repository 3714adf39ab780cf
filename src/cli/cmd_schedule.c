/* cmd_schedule.c — `finbridge schedule`: the repayment calculator, no database needed. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "wire/ledger_json.h"
#include "wire/query.h"

static const char usage[] =
    "finbridge schedule --principal YUAN --rate PERCENT --months N --method METHOD --start DATE\n"
    "                   [--repayment-day D] [--day-count act360|act365|actact]\n"
    "                   [--format table|json|csv]\n"
    "METHOD: equal_installment, equal_principal, interest_only, bullet";

typedef struct {
    const char *principal, *rate, *months, *method, *start, *repayment_day, *day_count, *format;
} schedule_opts;

static bool parse_opts(int argc, char **argv, schedule_opts *o) {
    memset(o, 0, sizeof *o);
    struct {
        const char *name;
        const char **dst;
    } known[] = {{"--principal", &o->principal}, {"--rate", &o->rate},
                 {"--months", &o->months},       {"--method", &o->method},
                 {"--start", &o->start},         {"--repayment-day", &o->repayment_day},
                 {"--day-count", &o->day_count}, {"--format", &o->format}};
    for (int i = 0; i < argc; i++) {
        size_t k = 0;
        while (k < sizeof known / sizeof known[0] && strcmp(argv[i], known[k].name) != 0)
            k++;
        if (k == sizeof known / sizeof known[0] || i + 1 >= argc) {
            fprintf(stderr, "finbridge: %s %s\nusage: %s\n", argv[i],
                    k == sizeof known / sizeof known[0] ? "is not an option of schedule"
                                                        : "needs a value",
                    usage);
            return false;
        }
        *known[k].dst = argv[++i];
    }
    const char *missing = !o->principal ? "--principal"
                          : !o->rate    ? "--rate"
                          : !o->months  ? "--months"
                          : !o->method  ? "--method"
                          : !o->start   ? "--start"
                                        : NULL;
    if (missing) fprintf(stderr, "finbridge: %s is required\nusage: %s\n", missing, usage);
    return missing == NULL;
}

static bool bad(const char *field, const char *reason) {
    fprintf(stderr, "finbridge: %s %s\n", field, reason);
    return false;
}

static bool whole_number(const char *s, long lo, long hi, long *out) {
    int64_t v = 0;
    const char *why = NULL;
    if (fb_query_int(s, lo, hi, &v, &why)) return false;
    *out = (long)v;
    return true;
}

static bool build_terms(const schedule_opts *o, fb_loan_terms *t) {
    memset(t, 0, sizeof *t);
    const char *why = NULL;
    if (fb_money_parse(o->principal, strlen(o->principal), &t->principal_fen, &why)) {
        return bad("--principal", why);
    }
    if (fb_rate_parse(o->rate, &t->rate_e6, &why)) return bad("--rate", why);
    long v = 0;
    if (!whole_number(o->months, 1, FB_LOAN_MONTHS_MAX, &v)) {
        return bad("--months", "must be a whole number from 1 to 480");
    }
    t->months = (int32_t)v;
    if (fb_method_parse(o->method, &t->method)) {
        return bad("--method",
                   "must be equal_installment, equal_principal, interest_only or bullet");
    }
    if (fb_date_parse(o->start, &t->start_date, &why)) return bad("--start", why);
    if (o->repayment_day) {
        if (!whole_number(o->repayment_day, 1, 31, &v)) {
            return bad("--repayment-day", "must be a day of the month, 1 to 31");
        }
        t->repayment_day = (int)v;
    }
    if (o->day_count && fb_day_count_parse(o->day_count, &t->day_count)) {
        return bad("--day-count", "must be act360, act365 or actact");
    }
    return true;
}

int cmd_schedule(int argc, char **argv) {
    schedule_opts o;
    fb_loan_terms t;
    if (!parse_opts(argc, argv, &o) || !build_terms(&o, &t)) return CLI_ERROR;
    const char *format = o.format ? o.format : "table";
    if (!cli_schedule_format_ok(format)) return CLI_ERROR;
    static fb_installment s[FB_LOAN_MONTHS_MAX];
    size_t n = 0;
    const char *field = NULL, *why = NULL;
    if (fb_schedule_build(&t, s, FB_LOAN_MONTHS_MAX, &n, &field, &why)) {
        fprintf(stderr, "finbridge: %s %s\n", field, why);
        return CLI_ERROR;
    }
    cli_print_schedule(format, s, n);
    return CLI_OK;
}
