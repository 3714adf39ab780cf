/* print_schedule.c — a repayment schedule as a table, JSON or CSV, for `schedule` and
 * `loans schedule`. */
#include <string.h>

#include "cli/cli.h"
#include "wire/book_json.h"
#include "wire/ledger_json.h"

static void print_table(const fb_installment *s, size_t n, int64_t interest, int64_t payment) {
    char a[FB_MONEY_STR_MAX], b[FB_MONEY_STR_MAX], c[FB_MONEY_STR_MAX], d[FB_MONEY_STR_MAX];
    char date[11];
    printf("%4s  %-10s  %16s  %16s  %14s  %16s\n", "n", "due_date", "payment", "principal",
           "interest", "balance");
    for (size_t i = 0; i < n; i++) {
        printf("%4d  %-10s  %16s  %16s  %14s  %16s\n", s[i].n, fb_date_format(s[i].due_date, date),
               fb_money_format(s[i].payment_fen, a), fb_money_format(s[i].principal_fen, b),
               fb_money_format(s[i].interest_fen, c), fb_money_format(s[i].balance_fen, d));
    }
    printf("total interest %s, total payment %s\n", fb_money_format(interest, a),
           fb_money_format(payment, b));
}

static void print_csv(const fb_installment *s, size_t n) {
    char a[FB_MONEY_STR_MAX], b[FB_MONEY_STR_MAX], c[FB_MONEY_STR_MAX], d[FB_MONEY_STR_MAX];
    char date[11];
    printf("n,due_date,payment,principal,interest,balance\n");
    for (size_t i = 0; i < n; i++) {
        printf("%d,%s,%s,%s,%s,%s\n", s[i].n, fb_date_format(s[i].due_date, date),
               fb_money_format(s[i].payment_fen, a), fb_money_format(s[i].principal_fen, b),
               fb_money_format(s[i].interest_fen, c), fb_money_format(s[i].balance_fen, d));
    }
}

bool cli_schedule_format_ok(const char *format) {
    if (!strcmp(format, "table") || !strcmp(format, "json") || !strcmp(format, "csv")) return true;
    fprintf(stderr, "finbridge: --format must be table, json or csv\n");
    return false;
}

void cli_print_schedule(const char *format, const fb_installment *s, size_t n) {
    int64_t interest = 0, payment = 0;
    for (size_t i = 0; i < n; i++) {
        interest += s[i].interest_fen;
        payment += s[i].payment_fen;
    }
    if (strcmp(format, "json") == 0) {
        cli_print_json(stdout, fb_json_encode_schedule(s, n));
    } else if (strcmp(format, "csv") == 0) {
        print_csv(s, n);
    } else {
        print_table(s, n, interest, payment);
    }
}
