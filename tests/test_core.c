/* test_core.c — money, checked arithmetic, dates, ids and the string map. */
#include "core/strmap.h"
#include "finbridge/finbridge.h"
#include "test.h"

static int64_t parse_ok(const char *s) {
    int64_t fen = -999;
    const char *why = NULL;
    int rc = fb_money_parse(s, strlen(s), &fen, &why);
    if (rc != FB_OK) printf("    parse \"%s\": %s\n", s, why);
    return rc == FB_OK ? fen : -999;
}

static const char *parse_err(const char *s) {
    int64_t fen = 0;
    const char *why = "(accepted)";
    fb_money_parse(s, strlen(s), &fen, &why);
    return why;
}

static void money_parses_yuan_to_fen(void) {
    EXPECT_EQ_INT(123456, parse_ok("1234.56"));
    EXPECT_EQ_INT(700, parse_ok("7"));
    EXPECT_EQ_INT(50, parse_ok("0.5"));
    EXPECT_EQ_INT(1, parse_ok("0.01"));
    EXPECT_EQ_INT(0, parse_ok("0"));
    EXPECT_EQ_INT(0, parse_ok("0.00"));
    EXPECT_EQ_INT(INT64_MAX, parse_ok("92233720368547758.07"));
}

static void money_rejects_bad_amounts_with_reasons(void) {
    EXPECT_EQ_STR("has more than two decimals", parse_err("1.005"));
    EXPECT_EQ_STR("is negative", parse_err("-1.00"));
    EXPECT_EQ_STR("is too large", parse_err("92233720368547758.08"));
    EXPECT_EQ_STR("is too large", parse_err("999999999999999999999"));
    EXPECT_EQ_STR("is empty", parse_err(""));
    EXPECT_EQ_STR("has a sign", parse_err("+1"));
    EXPECT_EQ_STR("has a leading zero", parse_err("01.00"));
    EXPECT_EQ_STR("has no digit before the point", parse_err(".5"));
    EXPECT_EQ_STR("has no digit after the point", parse_err("5."));
    EXPECT_EQ_STR("is not a decimal number", parse_err("1e3"));
    EXPECT_EQ_STR("is not a decimal number", parse_err("1 "));
    EXPECT_EQ_STR("is not a decimal number", parse_err("1.x"));
}

static void money_formats_two_decimals(void) {
    char buf[FB_MONEY_STR_MAX];
    EXPECT_EQ_STR("1234.56", fb_money_format(123456, buf));
    EXPECT_EQ_STR("0.05", fb_money_format(5, buf));
    EXPECT_EQ_STR("-0.50", fb_money_format(-50, buf));
    EXPECT_EQ_STR("92233720368547758.07", fb_money_format(INT64_MAX, buf));
    EXPECT_EQ_STR("-92233720368547758.08", fb_money_format(INT64_MIN, buf));
}

static void money_round_trips(void) {
    char buf[FB_MONEY_STR_MAX];
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 10000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int64_t fen = (int64_t)(x >> (x % 40 + 1));
        fb_money_format(fen, buf);
        EXPECT_EQ_INT(fen, parse_ok(buf));
    }
}

static void checked_arithmetic_refuses_overflow(void) {
    int64_t r = 7;
    EXPECT_TRUE(fb_add_i64(2, 3, &r) && r == 5);
    EXPECT_TRUE(!fb_add_i64(INT64_MAX, 1, &r) && r == 5);
    EXPECT_TRUE(!fb_sub_i64(INT64_MIN, 1, &r));
    EXPECT_TRUE(fb_sub_i64(0, INT64_MAX, &r) && r == -INT64_MAX);
    EXPECT_TRUE(!fb_mul_i64(INT64_MAX / 2 + 1, 2, &r));
    EXPECT_TRUE(fb_mul_i64(-3, 4, &r) && r == -12);
}

static void dates_convert_both_ways(void) {
    EXPECT_EQ_INT(0, fb_date_from_ymd(1970, 1, 1));
    EXPECT_EQ_INT(19723, fb_date_from_ymd(2024, 1, 1));
    EXPECT_EQ_INT(-1, fb_date_from_ymd(1969, 12, 31));
    EXPECT_EQ_INT(11016, fb_date_from_ymd(2000, 2, 29));
    for (int32_t d = -50000; d < 150000; d += 7) {
        int y, m, dd;
        fb_date_to_ymd(d, &y, &m, &dd);
        EXPECT_EQ_INT(d, fb_date_from_ymd(y, m, dd));
    }
    EXPECT_EQ_INT(29, fb_date_days_in_month(2024, 2));
    EXPECT_EQ_INT(28, fb_date_days_in_month(2100, 2));
    EXPECT_EQ_INT(29, fb_date_days_in_month(2000, 2));
    EXPECT_EQ_INT(31, fb_date_days_in_month(2025, 12));
}

static void dates_parse_and_format(void) {
    int32_t d = 0;
    const char *why = NULL;
    char buf[11];
    EXPECT_EQ_INT(FB_OK, fb_date_parse("2025-05-20", &d, &why));
    EXPECT_EQ_STR("2025-05-20", fb_date_format(d, buf));
    EXPECT_EQ_INT(FB_EINVAL, fb_date_parse("2025-02-29", &d, &why));
    EXPECT_EQ_STR("has no such day in its month", why);
    EXPECT_EQ_INT(FB_EINVAL, fb_date_parse("2025-13-01", &d, &why));
    EXPECT_EQ_STR("has no such month", why);
    EXPECT_EQ_INT(FB_EINVAL, fb_date_parse("2025-1-01", &d, &why));
    EXPECT_EQ_STR("is not of the form YYYY-MM-DD", why);
    EXPECT_EQ_INT(FB_EINVAL, fb_date_parse("2025-01-011", &d, &why));
    EXPECT_EQ_INT(FB_OK, fb_date_parse("2024-02-29", &d, &why));
}

static void ids_follow_the_rule(void) {
    const char *why = NULL;
    EXPECT_TRUE(fb_id_valid("loan:2025:SY-001_a.b", 20, &why));
    EXPECT_TRUE(!fb_id_valid("a b", 3, &why));
    EXPECT_EQ_STR("has a character outside A-Z a-z 0-9 . _ : -", why);
    EXPECT_TRUE(!fb_id_valid("", 0, &why));
    EXPECT_EQ_STR("is empty", why);
    char long_id[66];
    memset(long_id, 'x', 65);
    long_id[65] = 0;
    EXPECT_TRUE(fb_id_valid(long_id, 64, &why));
    EXPECT_TRUE(!fb_id_valid(long_id, 65, &why));
    EXPECT_EQ_STR("is longer than 64 characters", why);
    EXPECT_TRUE(!fb_id_valid("账户", strlen("账户"), &why));
}

static void strmap_finds_what_it_holds(void) {
    fb__strmap m;
    EXPECT_TRUE(fb__strmap_init(&m, 1000));
    static char keys[1000][16];
    for (int i = 0; i < 1000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        fb__strmap_put(&m, keys[i], i);
    }
    int wrong = 0;
    for (int i = 0; i < 1000; i++)
        wrong += fb__strmap_get(&m, keys[i]) != i;
    EXPECT_EQ_INT(0, wrong);
    EXPECT_EQ_INT(-1, fb__strmap_get(&m, "k1000"));
    fb__strmap_clear(&m);
    EXPECT_EQ_INT(-1, fb__strmap_get(&m, "k5"));
    fb__strmap_free(&m);
}

static void errors_have_names(void) {
    EXPECT_EQ_STR("FB_EVERSION", fb_err_name(FB_EVERSION));
    EXPECT_EQ_STR("out of memory", fb_strerror(FB_ENOMEM));
    EXPECT_EQ_STR("unknown error", fb_strerror(-12345));
}

/* UTF-8 by RFC 3629: every fault is found at its first byte; text cut to fit never ends inside a
 * character. */
static void text_is_checked_as_utf8_without_nul(void) {
    struct {
        const char *s;
        size_t len;
        fb_text_fault fault;
        size_t at;
    } cases[] = {
        {"", 0, FB_TEXT_OK, 0},
        {"abc", 3, FB_TEXT_OK, 3},
        {"\xe6\xb2\x88\xe9\x98\xb3", 6, FB_TEXT_OK, 6}, /* 沈阳 */
        {"\xf0\x9f\x98\x80", 4, FB_TEXT_OK, 4},         /* U+1F600 */
        {"\xf4\x8f\xbf\xbf", 4, FB_TEXT_OK, 4},         /* U+10FFFF, the last */
        {"ab\0c", 4, FB_TEXT_NUL, 2},
        {"\0", 1, FB_TEXT_NUL, 0},
        {"a\x80", 2, FB_TEXT_BAD_UTF8, 1},            /* a lone continuation byte */
        {"\xc0\xaf", 2, FB_TEXT_BAD_UTF8, 0},         /* overlong '/' */
        {"\xc1\xbf", 2, FB_TEXT_BAD_UTF8, 0},         /* overlong */
        {"\xe0\x80\xaf", 3, FB_TEXT_BAD_UTF8, 0},     /* overlong, three bytes */
        {"\xed\xa0\x80", 3, FB_TEXT_BAD_UTF8, 0},     /* a surrogate, U+D800 */
        {"\xf0\x80\x80\xaf", 4, FB_TEXT_BAD_UTF8, 0}, /* overlong, four bytes */
        {"\xf4\x90\x80\x80", 4, FB_TEXT_BAD_UTF8, 0}, /* above U+10FFFF */
        {"\xf5\x80\x80\x80", 4, FB_TEXT_BAD_UTF8, 0}, /* no such lead byte */
        {"\xff", 1, FB_TEXT_BAD_UTF8, 0},
        {"x\xe6\xb2", 3, FB_TEXT_BAD_UTF8, 1}, /* cut short */
        {"\xe6\xb2x", 3, FB_TEXT_BAD_UTF8, 0}, /* broken */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t at = 99;
        EXPECT_EQ_INT(cases[i].fault, fb_text_check(cases[i].s, cases[i].len, &at));
        EXPECT_EQ_INT(cases[i].at, at);
    }
    char buf[8];
    memcpy(buf, "ab\xe6\xb2\x88\xe9\x98", 7); /* as snprintf leaves it: cut inside 阳 */
    buf[7] = '\0';
    EXPECT_EQ_INT(5, fb_text_cut(buf, sizeof buf));
    EXPECT_EQ_STR("ab\xe6\xb2\x88", buf);
    snprintf(buf, sizeof buf, "abc");
    EXPECT_EQ_INT(3, fb_text_cut(buf, sizeof buf));
}

/* Every vocabulary: keys unique and parsed back to their value, labels in both languages, and
 * the typed names agree with the tables. */
static void vocabularies_round_trip(void) {
    for (int v = 0; v < FB_VOCAB_COUNT_; v++) {
        size_t n = 0;
        const fb_term *t = fb_vocab_terms((fb_vocab)v, &n);
        EXPECT_TRUE(n >= 2);
        EXPECT_TRUE(fb_vocab_name((fb_vocab)v)[0] != '\0');
        for (size_t i = 0; i < n; i++) {
            int back = -1;
            EXPECT_EQ_INT((int)i, t[i].value);
            EXPECT_EQ_INT(FB_OK, fb_vocab_parse((fb_vocab)v, t[i].key, &back));
            EXPECT_EQ_INT(t[i].value, back);
            EXPECT_EQ_STR(t[i].key, fb_vocab_key((fb_vocab)v, t[i].value));
            size_t at = 0;
            EXPECT_TRUE(t[i].zh[0] && t[i].en[0]);
            EXPECT_EQ_INT(FB_TEXT_OK, fb_text_check(t[i].zh, strlen(t[i].zh), &at));
            for (size_t k = 0; k < i; k++)
                EXPECT_TRUE(strcmp(t[i].key, t[k].key) != 0);
        }
        int x = 0;
        EXPECT_EQ_INT(FB_EINVAL, fb_vocab_parse((fb_vocab)v, "no_such_key", &x));
        EXPECT_EQ_STR("unknown", fb_vocab_key((fb_vocab)v, (int)n));
        EXPECT_EQ_STR("unknown", fb_vocab_key((fb_vocab)v, -1));
    }
    EXPECT_EQ_STR("supply_chain", fb_line_name(FB_LINE_SUPPLY_CHAIN));
    EXPECT_EQ_STR("special_mention", fb_loan_class_name(FB_CLASS_SPECIAL_MENTION));
    EXPECT_EQ_STR("bank_officer", fb_role_name(FB_ROLE_BANK_OFFICER));
    EXPECT_EQ_STR("machine_tools", fb_key_chain(3421));
    EXPECT_EQ_STR("工业母机", fb_key_chain_zh("machine_tools"));
    EXPECT_TRUE(fb_key_chain(1310) == NULL);
    fb_prepay p = FB_PREPAY_NONE;
    EXPECT_EQ_INT(FB_EINVAL, fb_prepay_parse("none", &p)); /* not a mode one asks for */
    EXPECT_EQ_INT(FB_OK, fb_prepay_parse("reduce_term", &p));
    EXPECT_EQ_INT(FB_PREPAY_REDUCE_TERM, p);
}

/* GB 11643-1999: every check character is found, X included, and every wrong one refused with
 * the one it should be; malformed numbers are refused where they go wrong. */
static void resident_ids_follow_gb11643(void) {
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    const char *checks = "10X98765432";
    const char *reason = NULL;
    int at = 0;
    int seen_x = 0;
    for (int seq = 0; seq < 200; seq++) {
        char id[32]; /* 18 characters; room for what -Wformat-truncation reckons */
        snprintf(id, sizeof id, "21010219800315%03d0", seq);
        int sum = 0;
        for (int i = 0; i < 17; i++)
            sum += (id[i] - '0') * w[i];
        id[17] = checks[sum % 11];
        seen_x += id[17] == 'X';
        EXPECT_EQ_INT(FB_OK, fb_resident_id_check(id, 18, &reason, &at));
        for (const char *c = "0123456789X"; *c; c++) {
            if (*c == id[17]) continue;
            char bad[19];
            memcpy(bad, id, sizeof bad);
            bad[17] = *c;
            EXPECT_EQ_INT(FB_EINVAL, fb_resident_id_check(bad, 18, &reason, &at));
            EXPECT_EQ_INT(18, at);
            EXPECT_TRUE(reason != NULL && reason[strlen(reason) - 1] == id[17]);
        }
    }
    EXPECT_TRUE(seen_x > 0);
    EXPECT_EQ_INT(FB_OK, fb_resident_id_check("21020219750612003X", 18, &reason, &at));
    EXPECT_EQ_INT(FB_EINVAL, fb_resident_id_check("21020219750612003", 17, &reason, &at));
    EXPECT_EQ_STR("must be 18 characters", reason);
    EXPECT_EQ_INT(FB_EINVAL, fb_resident_id_check("2102021975061200A3", 18, &reason, &at));
    EXPECT_EQ_INT(17, at);
    EXPECT_EQ_INT(FB_EINVAL, fb_resident_id_check("210202197513120030", 18, &reason, &at));
    EXPECT_EQ_STR("does not hold a birth date", reason);
    EXPECT_EQ_INT(FB_EINVAL, fb_resident_id_check("210202197502300030", 18, &reason, &at));
    EXPECT_EQ_INT(13, at);
    EXPECT_EQ_INT(FB_EINVAL, fb_resident_id_check("010202197502100030", 18, &reason, &at));
    EXPECT_EQ_INT(1, at);
}

int main(void) {
    RUN(money_parses_yuan_to_fen);
    RUN(money_rejects_bad_amounts_with_reasons);
    RUN(money_formats_two_decimals);
    RUN(money_round_trips);
    RUN(checked_arithmetic_refuses_overflow);
    RUN(dates_convert_both_ways);
    RUN(dates_parse_and_format);
    RUN(ids_follow_the_rule);
    RUN(strmap_finds_what_it_holds);
    RUN(errors_have_names);
    RUN(text_is_checked_as_utf8_without_nul);
    RUN(vocabularies_round_trip);
    RUN(resident_ids_follow_gb11643);
    return test_summary();
}
