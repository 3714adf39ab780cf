/* test_readers.c — the table readers, CSV side, and the cell helpers (core/cell_text.h): RFC 4180's
 * edge cases, UTF-8 with and without a BOM, GB18030 written by iconv and by ssconvert, every
 * malformed input and every limit refused with its row, column and name, and a large file read in
 * memory that does not grow with its rows. XLSX: test_readers_xlsx.c. */
#include <iconv.h>
#include <time.h>

#include "core/cell_text.h"
#include "readers.h"
#include "test.h"

#define DATA "tests/data/readers/"

/* ---- Helpers ------------------------------------------------------------------------------ */

static fb_table *open_text(const char *text, size_t len, fb_table_encoding enc) {
    fb_table_options o = {enc, NULL};
    fb_table *t = NULL;
    fb_table_error err;
    if (fb_table_open_memory(text, len, "t.csv", &o, &t, &err) != FB_OK) {
        printf("  open failed: %s\n", err.message);
        return NULL;
    }
    return t;
}

/* Reads text whole with a header and compares the dump. */
static void expect_rows(const char *text, size_t len, const char *expected) {
    fb_table *t = open_text(text, len ? len : strlen(text), FB_TABLE_ENCODING_AUTO);
    EXPECT_TRUE(t != NULL);
    if (!t) return;
    int rc = 0;
    char *got = dump_table(t, true, &rc);
    if (rc < 0) printf("  error: %s\n", fb_table_last_error(t)->message);
    EXPECT_EQ_INT(0, rc);
    EXPECT_EQ_STR(expected, got);
    free(got);
    fb_table_close(t);
}

/* Reads text whole with a header and expects an error of code at row and column whose message
 * contains `words`. */
static void expect_error(const char *text, size_t len, fb_table_encoding enc, int code,
                         uint64_t row, uint32_t column, const char *words) {
    fb_table_options o = {enc, NULL};
    fb_table *t = NULL;
    fb_table_error open_err;
    const fb_table_error *err = &open_err;
    int rc = fb_table_open_memory(text, len ? len : strlen(text), "t.csv", &o, &t, &open_err);
    if (rc == FB_OK) {
        char *got = dump_table(t, true, &rc);
        free(got);
        err = fb_table_last_error(t);
    }
    EXPECT_EQ_INT(code, rc);
    EXPECT_EQ_INT(code, err->code);
    EXPECT_EQ_INT(row, err->row);
    EXPECT_EQ_INT(column, err->column);
    if (!strstr(err->message, words)) {
        EXPECT_TRUE(strstr(err->message, words) != NULL);
        printf("    message: %s\n    wanted: %s\n", err->message, words);
    }
    fb_table_close(t);
}

/* GB18030 bytes of UTF-8 text, through iconv(3) (the caller frees them). */
static char *to_gb18030(const char *utf8, size_t len, size_t *out_len) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    size_t cap = 2 * len + 16, left = cap;
    char *out = malloc(cap), *o = out, *in = (char *)utf8;
    size_t in_left = len;
    size_t r = iconv(cd, &in, &in_left, &o, &left);
    iconv_close(cd);
    EXPECT_TRUE(r != (size_t)-1);
    *out_len = cap - left;
    return out;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* ---- The cell helpers --------------------------------------------------------------------- */

static void rounds(const char *in, int decimals, const char *expected) {
    char out[64];
    const char *why = NULL;
    int rc = fb_cell_decimal_round(in, strlen(in), decimals, out, sizeof out, &why);
    if (rc != FB_OK) printf("  %s: %s\n", in, why);
    EXPECT_EQ_INT(FB_OK, rc);
    if (rc == FB_OK && strcmp(expected, out) != 0) {
        EXPECT_EQ_STR(expected, out);
        printf("    from \"%s\" to %d decimals\n", in, decimals);
    }
}

static void decimal_text_rounds_as_text(void) {
    rounds("1234.5", 2, "1234.50");
    rounds("1234.5600000000001", 2, "1234.56");        /* Excel's 17 digits of a double */
    rounds("1234567.88999999999999", 2, "1234567.89"); /* gnumeric's long double */
    rounds("0.0099999999999999999998", 2, "0.01");
    rounds("0.30000000000000004", 2, "0.30"); /* 0.1 + 0.2 */
    rounds("1.005", 2, "1.01");               /* the double is 1.00499999999999989 */
    rounds("1.0049999999999999", 2, "1.01");  /* and its 17 digits */
    rounds("2.675", 2, "2.68");
    rounds("1.004", 2, "1.00");
    rounds("-1.005", 2, "-1.01"); /* half away from zero, as ROUND */
    rounds("-0.004", 2, "0.00");  /* never "-0.00" */
    rounds("0", 2, "0.00");
    rounds("-0", 0, "0");
    rounds("5000000", 2, "5000000.00");
    rounds("999.995", 2, "1000.00");
    rounds("9.9999999999999999", 2, "10.00");
    rounds("0.5", 0, "1");
    rounds("0.49999999999999994", 0, "1"); /* the 15th digit rounds it to 0.5 first */
    rounds("0.4", 0, "0");
    rounds("1.2345E+3", 2, "1234.50");
    rounds("1.2345e3", 0, "1235");
    rounds("1E-3", 2, "0.00");
    rounds("5E-3", 2, "0.01");
    rounds("1.0E-10", 4, "0.0000");
    rounds("0E+3", 4, "0.0000"); /* found by fuzz_csv */
    rounds("-0.0e7", 0, "0");
    rounds("3.45000000000000000004", 4, "3.4500");
    rounds("3.09999999999999999991", 4, "3.1000");
    rounds(".5", 1, "0.5");
    rounds("7.", 0, "7");
    rounds("0012.30", 1, "12.3");
    rounds("123456789012345678", 0, "123456789012346000"); /* 15 significant digits */
    rounds("9999999999999.99", 2, "9999999999999.99");     /* 15 digits: as written */
    rounds("99999999999999.99", 2, "100000000000000.00");  /* 16: past what a sheet holds */
    char out[8];
    const char *why = NULL;
    EXPECT_EQ_INT(FB_EINVAL, fb_cell_decimal_round("", 0, 2, out, sizeof out, &why));
    EXPECT_EQ_INT(FB_EINVAL, fb_cell_decimal_round("1,234.5", 7, 2, out, sizeof out, &why));
    EXPECT_EQ_INT(FB_EINVAL, fb_cell_decimal_round(" 1", 2, 2, out, sizeof out, &why));
    EXPECT_EQ_INT(FB_EINVAL, fb_cell_decimal_round("1e", 2, 2, out, sizeof out, &why));
    EXPECT_EQ_INT(FB_EINVAL, fb_cell_decimal_round("1e999999", 8, 2, out, sizeof out, &why));
    EXPECT_EQ_INT(FB_EINVAL, fb_cell_decimal_round(".", 1, 2, out, sizeof out, &why));
    EXPECT_EQ_INT(FB_EINVAL, fb_cell_decimal_round("+1", 2, 2, out, sizeof out, &why));
    EXPECT_EQ_INT(FB_EINVAL, fb_cell_decimal_round("NaN", 3, 2, out, sizeof out, &why));
    EXPECT_EQ_STR("is not a number", why);
    EXPECT_EQ_INT(FB_ERANGE, fb_cell_decimal_round("12345", 5, 2, out, sizeof out, &why));
    EXPECT_EQ_INT(FB_OK, fb_cell_decimal_round("1234", 4, 2, out, sizeof out, &why));
    EXPECT_EQ_STR("1234.00", out); /* exactly fills out */
    EXPECT_EQ_INT(FB_ERANGE, fb_cell_decimal_round("-1234", 5, 2, out, sizeof out, &why));
    EXPECT_EQ_INT(FB_OK, fb_cell_decimal_round("-0.001", 6, 2, out, sizeof out, &why));
    EXPECT_EQ_STR("0.00", out);
    EXPECT_EQ_INT(FB_ERANGE, fb_cell_decimal_round("1E+300", 6, 2, out, sizeof out, &why));
}

/* The exact half-up rounding of m / 10^scale to k decimals, as text, by integer arithmetic. */
static void reference_round(uint64_t m, int scale, int k, char *out) {
    __extension__ unsigned __int128 v = m;
    if (scale > k) {
        uint64_t d = 1;
        for (int i = 0; i < scale - k; i++)
            d *= 10;
        v = (v + d / 2) / d;
    } else {
        for (int i = 0; i < k - scale; i++)
            v *= 10;
    }
    uint64_t p = 1;
    for (int i = 0; i < k; i++)
        p *= 10;
    uint64_t whole = (uint64_t)(v / p), frac = (uint64_t)(v % p);
    if (k) {
        sprintf(out, "%llu.%0*llu", (unsigned long long)whole, k, (unsigned long long)frac);
    } else {
        sprintf(out, "%llu", (unsigned long long)whole);
    }
}

/* Writes m / 10^scale exactly as decimal text. */
static void scaled_text(uint64_t m, int scale, char *out) {
    char digits[32];
    int n = sprintf(digits, "%llu", (unsigned long long)m);
    if (scale == 0) {
        sprintf(out, "%s", digits);
    } else if (n <= scale) {
        sprintf(out, "0.%0*d%s", scale - n, 0, digits);
        if (scale - n == 0) sprintf(out, "0.%s", digits);
    } else {
        sprintf(out, "%.*s.%s", n - scale, digits, digits + n - scale);
    }
}

/* Property: a number of at most 14 significant digits, written exactly or with the noise a
 * writer's binary double leaves at the 17th significant digit (one unit up, or one down: ...999),
 * rounds to what exact integer arithmetic gives. Seeded. */
static void decimal_text_rounding_matches_exact_arithmetic(void) {
    uint64_t seed = 20251201, x = seed;
    int bad = 0;
    for (int i = 0; i < 20000 && bad < 5; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint64_t m = 1 + x % 99999999999999ULL; /* 1 to 14 digits */
        int scale = (int)((x >> 50) % 7), k = (int)((x >> 56) % 5);
        int digits = snprintf(NULL, 0, "%llu", (unsigned long long)m), e = 17 - digits;
        uint64_t p = 1;
        for (int j = 0; j < e; j++)
            p *= 10;
        char exact[64], up[64], down[64], expected[64], got[64];
        scaled_text(m, scale, exact);
        scaled_text(m * p + 1, scale + e, up);
        scaled_text(m * p - 1, scale + e, down);
        reference_round(m, scale, k, expected);
        const char *inputs[3] = {exact, up, down};
        for (int j = 0; j < 3; j++) {
            const char *why;
            if (fb_cell_decimal_round(inputs[j], strlen(inputs[j]), k, got, sizeof got, &why) !=
                    FB_OK ||
                strcmp(got, expected) != 0) {
                printf("  seed %llu: \"%s\" to %d decimals: expected %s, got %s\n",
                       (unsigned long long)seed, inputs[j], k, expected, got);
                bad++;
            }
        }
    }
    EXPECT_EQ_INT(0, bad);
}

static void serial(const char *in, bool date1904, const char *expected) {
    char out[11] = "";
    const char *why = NULL;
    int rc = fb_cell_serial_date_text(in, strlen(in), date1904, out, &why);
    if (rc != FB_OK) printf("  %s: %s\n", in, why);
    EXPECT_EQ_INT(FB_OK, rc);
    EXPECT_EQ_STR(expected, out);
}

static void serial_refused(const char *in, bool date1904, const char *why_expected) {
    int32_t days = 0;
    const char *why = NULL;
    EXPECT_EQ_INT(FB_EINVAL, fb_cell_serial_date(in, strlen(in), date1904, &days, &why));
    EXPECT_TRUE(why && strstr(why, why_expected));
}

static void serial_dates_in_both_systems(void) {
    serial("1", false, "1900-01-01");
    serial("59", false, "1900-02-28");
    serial("61", false, "1900-03-01");
    serial("25569", false, "1970-01-01");
    serial("45672", false, "2025-01-15");
    serial("45351", false, "2024-02-29");
    serial("36526", false, "2000-01-01");
    serial("45672.75", false, "2025-01-15");             /* a time of day */
    serial("45672.99999999999999", false, "2025-01-16"); /* 15 digits first: 45673 */
    serial("4.5672E4", false, "2025-01-15");
    serial("2958465", false, "9999-12-31");
    serial("0", true, "1904-01-01");
    serial("44210", true, "2025-01-15"); /* 1,462 days less than in the 1900 system */
    serial("2957003", true, "9999-12-31");
    serial_refused("60", false, "1900-02-29");
    serial_refused("0", false, "1900-01-00");
    serial_refused("0.5", false, "1900-01-00");
    serial_refused("-1", false, "negative");
    serial_refused("2958466", false, "9999-12-31");
    serial_refused("2957004", true, "9999-12-31");
    serial_refused("1E+8", false, "9999-12-31");
    serial_refused("2025-01-15", false, "not a number");
}

static void column_names_and_references(void) {
    char buf[FB_CELL_COLUMN_NAME_MAX];
    const struct {
        uint32_t col;
        const char *name;
    } cases[] = {{1, "A"},    {26, "Z"},    {27, "AA"},     {52, "AZ"},    {53, "BA"},
                 {702, "ZZ"}, {703, "AAA"}, {16383, "XFC"}, {16384, "XFD"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        EXPECT_EQ_STR(cases[i].name, fb_cell_column_name(cases[i].col, buf));
        uint32_t col = 0, row = 0;
        char ref[16];
        snprintf(ref, sizeof ref, "%s7", cases[i].name);
        EXPECT_TRUE(fb_cell_ref_parse(ref, strlen(ref), &col, &row));
        EXPECT_EQ_INT(cases[i].col, col);
        EXPECT_EQ_INT(7, row);
    }
    uint32_t col = 0, row = 0;
    EXPECT_TRUE(fb_cell_ref_parse("XFD1048576", 10, &col, &row));
    EXPECT_EQ_INT(1048576, row);
    const char *bad[] = {"",      "A",        "1",   "A0",  "A01", "a1",       "XFE1",
                         "AAAA1", "A1048577", "A1B", "A 1", "A-1", "A12345678"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (fb_cell_ref_parse(bad[i], strlen(bad[i]), &col, &row)) {
            printf("  accepted \"%s\"\n", bad[i]);
            EXPECT_TRUE(false);
        }
    }
}

/* ---- CSV ---------------------------------------------------------------------------------- */

static void csv_rfc4180(void) {
    expect_rows("a,b\r\n1,2\r\n", 0, "1:a|b\n2:1|2\n");
    expect_rows("a,b\n1,2\n", 0, "1:a|b\n2:1|2\n");
    expect_rows("a,b\n1,2", 0, "1:a|b\n2:1|2\n"); /* no line end at the end */
    expect_rows("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n", 0, "1:a|b\n2:x,y|say \"hi\"\n");
    /* a line break inside quotes is kept as written, and the record is one row */
    expect_rows("a,b\n\"one\r\ntwo\",\"3\nlines\n\"\nnext,row\n", 0,
                "1:a|b\n2:one\r\ntwo|3\nlines\n\n3:next|row\n");
    expect_rows("a,b,c\n,,\n\"\",x,\"\"\n", 0, "1:a|b|c\n2:||\n3:|x|\n");
    expect_rows("\xEF\xBB\xBFid,name\n1,\xE6\xB2\x88\xE9\x98\xB3\n", 0, "1:id|name\n2:1|沈阳\n");
    /* blank lines are skipped and counted, so rows keep the numbers a spreadsheet shows */
    expect_rows("a,b\n\n1,2\r\n\r\n\n3,4\n\n", 0, "1:a|b\n3:1|2\n6:3|4\n");
    expect_rows("", 0, "");
    expect_rows("\n\n", 0, "");
    expect_rows("only\n", 0, "1:only\n");
    expect_rows("a,\n1,\n", 0, "1:a|\n2:1|\n"); /* a header's empty last column is a column */
}

static void csv_cells_and_rows(void) {
    const char *text = "机构,金额\n沈阳,1234.56\n,\n";
    fb_table *t = open_text(text, strlen(text), FB_TABLE_ENCODING_AUTO);
    fb_table_row row;
    EXPECT_EQ_INT(FB_TABLE_CSV, fb_table_kind_of(t));
    EXPECT_EQ_INT(FB_TABLE_ENCODING_UTF8, fb_table_encoding_of(t));
    EXPECT_EQ_STR("", fb_table_sheet_name(t));
    EXPECT_EQ_INT(0, fb_table_header_row(t)->count);
    EXPECT_EQ_INT(1, fb_table_header(t, &row));
    EXPECT_EQ_INT(2, fb_table_header_row(t)->count);
    EXPECT_EQ_STR("金额", fb_table_header_row(t)->cells[1].text);
    EXPECT_EQ_INT(1, fb_table_next(t, &row));
    EXPECT_EQ_INT(2, row.number);
    EXPECT_EQ_INT(2, row.count);
    EXPECT_TRUE(!row.blank);
    EXPECT_EQ_STR("1234.56", row.cells[1].text);
    EXPECT_EQ_INT(7, row.cells[1].len);
    EXPECT_EQ_INT(2, row.cells[1].column);
    EXPECT_EQ_INT(FB_CELL_TEXT, row.cells[1].kind);
    EXPECT_EQ_INT(1, fb_table_next(t, &row));
    EXPECT_TRUE(row.blank);
    EXPECT_EQ_INT(FB_CELL_EMPTY, row.cells[0].kind);
    EXPECT_EQ_INT(0, fb_table_next(t, &row));
    EXPECT_EQ_INT(0, fb_table_next(t, &row));
    fb_table_close(t);
    /* a title row before the header: read with next, not counted against the header */
    text = "贷款明细 2025-06-30\n编号,本金\nL1,100.00\n";
    t = open_text(text, strlen(text), FB_TABLE_ENCODING_AUTO);
    EXPECT_EQ_INT(1, fb_table_next(t, &row));
    EXPECT_EQ_INT(1, row.count);
    int rc = 0;
    char *got = dump_table(t, true, &rc);
    EXPECT_EQ_STR("2:编号|本金\n3:L1|100.00\n", got);
    free(got);
    fb_table_close(t);
}

static void csv_malformed_is_refused_at_its_row_and_column(void) {
    expect_error("a,b\n1,\"open\n2,3\n", 0, 0, FB_EINVAL, 2, 2, "a quote left open");
    expect_error("a,b\n1,ab\"c\n", 0, 0, FB_EINVAL, 2, 2, "a stray quote");
    expect_error("a,b\n1,\"ab\"c\n", 0, 0, FB_EINVAL, 2, 2, "after the closing quote");
    expect_error("a,b,c\n1,2,3\n1,2\n", 0, 0, FB_EINVAL, 3, 3, "a short row");
    expect_error("名称,金额,日期\n1,2\n", 0, 0, FB_EINVAL, 2, 3, "column C (日期): a short row");
    expect_error("a,b\n1,2,3\n", 0, 0, FB_EINVAL, 2, 3, "a long row");
    expect_error("a,b\r1,2\n", 0, 0, FB_EINVAL, 1, 2, "carriage return not followed");
    expect_error("a,b\n1,2\n\r3,4\n", 0, 0, FB_EINVAL, 3, 1, "carriage return not followed");
    static const char nul[] = "a,b\n1,x\0y\n", utf16[] = "\xFF\xFE"
                                                         "a\0,\0b\0";
    expect_error(nul, sizeof nul - 1, 0, FB_EINVAL, 2, 2, "a NUL character at byte 2");
    expect_error(utf16, sizeof utf16 - 1, 0, FB_EINVAL, 0, 0, "UTF-16");
    expect_error("\xEF\xBB\xBF"
                 "a\n",
                 0, FB_TABLE_ENCODING_GB18030, FB_EINVAL, 0, 0, "byte order mark");
    /* the whole message, as the import will print it */
    const char *open_quote = "名称,金额\n沈阳,\"12\n";
    fb_table *t = open_text(open_quote, strlen(open_quote), 0);
    int rc = 0;
    free(dump_table(t, true, &rc));
    EXPECT_EQ_STR(
        "t.csv, row 2, column B (金额): a quote left open: the cell's quote is not closed "
        "before the end of the file",
        fb_table_last_error(t)->message);
    EXPECT_EQ_INT(rc, fb_table_next(t, &(fb_table_row){0})); /* sticky */
    fb_table_close(t);
}

static void csv_encodings(void) {
    /* GB18030 from iconv(3), across many chunks so characters straddle their edges */
    const char *line = "沈阳机床,大连港𠮷,鞍钢😀é,1234.56\n";
    size_t n = 4000, len = 0;
    char *utf8 = malloc(n * strlen(line) + 64);
    len += (size_t)sprintf(utf8, "名称,港口,钢铁,金额\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(utf8 + len, "%s", line);
    size_t gb_len = 0;
    char *gb = to_gb18030(utf8, len, &gb_len);
    EXPECT_TRUE(gb_len > 2 * 64 * 1024);
    fb_table *u = open_text(utf8, len, 0);
    int urc = 0;
    char *want = dump_table(u, true, &urc);
    fb_table_close(u);
    EXPECT_TRUE(strstr(want, "4001:沈阳机床|大连港𠮷|鞍钢😀é|1234.56\n") != NULL);
    for (int named = 0; named < 2; named++) {
        fb_table *t = open_text(gb, gb_len, named ? FB_TABLE_ENCODING_GB18030 : 0);
        EXPECT_EQ_INT(FB_TABLE_ENCODING_GB18030, fb_table_encoding_of(t));
        int rc = 0;
        char *got = dump_table(t, true, &rc);
        EXPECT_EQ_INT(0, rc);
        EXPECT_TRUE(strcmp(want, got) == 0);
        free(got);
        fb_table_close(t);
    }
    free(want);
    /* ASCII for more than a chunk, then GBK: the whole file decides */
    size_t big = 100000;
    char *late = malloc(big + 64);
    memcpy(late, "a,b\n", 4);
    for (size_t i = 4; i < big; i += 4)
        memcpy(late + i, "1,2\n", 4);
    memcpy(late + big, "\xC9\xF2,\xD1\xF4\n", 6); /* 沈,阳 in GBK */
    fb_table *t = open_text(late, big + 6, 0);
    EXPECT_EQ_INT(FB_TABLE_ENCODING_GB18030, fb_table_encoding_of(t));
    int rc = 0;
    char *got = dump_table(t, true, &rc);
    EXPECT_TRUE(strstr(got, "25001:沈|阳\n") != NULL);
    free(got);
    fb_table_close(t);
    free(late);
    /* GB18030's own byte order mark (U+FEFF in four bytes) is dropped like UTF-8's */
    static const char gb_bom[] = "\x84\x31\x95\x33\xC9\xF2,b\n1,2\n";
    t = open_text(gb_bom, sizeof gb_bom - 1, 0);
    EXPECT_EQ_INT(FB_TABLE_ENCODING_GB18030, fb_table_encoding_of(t));
    got = dump_table(t, true, &rc);
    EXPECT_EQ_STR("1:沈|b\n2:1|2\n", got);
    free(got);
    fb_table_close(t);
    /* UTF-8 named for a GBK file: refused at the cell */
    expect_error("a,b\n1,\xC9\xF2\n", 0, FB_TABLE_ENCODING_UTF8, FB_EINVAL, 2, 2,
                 "not UTF-8 at byte 1");
    /* bytes valid in neither */
    expect_error("a,b\n1,\xFF\n", 0, 0, FB_EINVAL, 2, 2, "neither UTF-8 nor GB18030");
    expect_error("a,b\n1,\x80\n", 0, FB_TABLE_ENCODING_GB18030, FB_EINVAL, 2, 2,
                 "not GB18030, the encoding named");
    expect_error("a,b\n1,\xC9", 0, 0, FB_EINVAL, 2, 2, "neither UTF-8 nor GB18030"); /* cut */
    /* a UTF-8 file with one GBK row: UTF-8 with a fault, refused at its row, not misread */
    char mixed[512];
    int m = snprintf(mixed, sizeof mixed, "名称,金额\n沈阳机床,1\n大连港,2\n\xC9\xF2\xD1\xF4,3\n");
    expect_error(mixed, (size_t)m, 0, FB_EINVAL, 4, 1, "not UTF-8");
    free(gb);
    free(utf8);
}

/* The fixtures: written by iconv and by ssconvert from loans.csv, each reads as loans.csv does. */
static void csv_files_written_by_iconv_and_ssconvert(void) {
    const char *expected =
        "1:借款人编号|借款人名称|本金(元)|年利率(%)|起息日|到期日|五级分类|备注\n"
        "2:P001|沈阳机床股份有限公司|1234567.89|3.4500|2025-01-15|2026-01-15|正常|首笔\n"
        "3:P002|大连港集团, 有限公司|5000000.00|3.1000|2024-12-31|2027-12-31|关注|\n"
        "4:P003|鞍钢股份|0.10||2025-02-28|2025-08-28|正常|含\"引号\"\n"
        "5:P004||99.99|3.0000|2025-03-01||次级|\n"
        "6:P005|锦州𠮷祥商贸|99999999.99|3.6000|2024-02-29|2025-02-28|正常|两行\n备注\n"
        "7:P006|营口港|0.01|2.9500|2000-01-01|2030-12-31|可疑|\n";
    const char *files[] = {DATA "loans.csv", DATA "loans-iconv-gb18030.csv",
                           DATA "loans-ssconvert-gb18030.csv"};
    const fb_table_encoding enc[] = {FB_TABLE_ENCODING_UTF8, FB_TABLE_ENCODING_GB18030,
                                     FB_TABLE_ENCODING_GB18030};
    for (int i = 0; i < 3; i++) {
        fb_table *t = NULL;
        fb_table_error err;
        EXPECT_EQ_INT(FB_OK, fb_table_open_file(files[i], NULL, &t, &err));
        if (!t) continue;
        EXPECT_EQ_INT(enc[i], fb_table_encoding_of(t));
        int rc = 0;
        char *got = dump_table(t, true, &rc);
        EXPECT_EQ_INT(0, rc);
        EXPECT_EQ_STR(expected, got);
        free(got);
        fb_table_close(t);
    }
    /* and the installed ssconvert writes the same again */
    if (system("command -v ssconvert >/dev/null 2>&1") != 0) return;
    char xlsx[512], csv[512], cmd[2048];
    snprintf(xlsx, sizeof xlsx, "%s/again.xlsx", test_dir());
    snprintf(csv, sizeof csv, "%s/again.csv", test_dir());
    snprintf(cmd, sizeof cmd,
             "ssconvert %sloans.csv '%s' >/dev/null 2>&1 && ssconvert -T "
             "Gnumeric_stf:stf_assistant -O 'charset=GB18030 separator=, format=preserve' '%s' "
             "'%s' >/dev/null 2>&1",
             DATA, xlsx, xlsx, csv);
    EXPECT_EQ_INT(0, system(cmd));
    size_t a_len = 0, b_len = 0;
    char *a = read_file(csv, &a_len), *b = read_file(DATA "loans-ssconvert-gb18030.csv", &b_len);
    EXPECT_TRUE(a && b && a_len == b_len && memcmp(a, b, a_len) == 0);
    free(a);
    free(b);
}

/* ---- Limits ------------------------------------------------------------------------------- */

static void csv_limits_are_refused_by_name(void) {
    /* a cell of exactly FB_TABLE_CELL_MAX bytes, and one more */
    size_t n = FB_TABLE_CELL_MAX + 16;
    char *text = malloc(n + FB_TABLE_ROW_MAX + 64);
    memcpy(text, "a\n", 2);
    memset(text + 2, 'x', FB_TABLE_CELL_MAX);
    fb_table *t = open_text(text, 2 + FB_TABLE_CELL_MAX, 0);
    int rc = 0;
    free(dump_table(t, true, &rc));
    EXPECT_EQ_INT(0, rc);
    fb_table_close(t);
    text[2 + FB_TABLE_CELL_MAX] = 'x';
    expect_error(text, 3 + FB_TABLE_CELL_MAX, 0, FB_ELIMIT, 2, 1, "FB_TABLE_CELL_MAX");
    /* a row of exactly FB_TABLE_ROW_MAX bytes (ten full cells and the rest), and one more */
    size_t len = 0, cells = FB_TABLE_ROW_MAX / FB_TABLE_CELL_MAX;
    for (size_t i = 0; i < cells; i++) {
        memset(text + len, 'y', FB_TABLE_CELL_MAX);
        len += FB_TABLE_CELL_MAX;
        text[len++] = ',';
    }
    size_t rest = FB_TABLE_ROW_MAX - cells * FB_TABLE_CELL_MAX;
    memset(text + len, 'z', rest);
    len += rest;
    t = open_text(text, len, 0);
    fb_table_row row;
    EXPECT_EQ_INT(1, fb_table_next(t, &row));
    EXPECT_EQ_INT(cells + 1, row.count);
    fb_table_close(t);
    text[len++] = 'z';
    expect_error(text, len, 0, FB_ELIMIT, 1, (uint32_t)cells + 1, "FB_TABLE_ROW_MAX");
    /* FB_TABLE_CELLS_MAX cells, and one more */
    memset(text, ',', FB_TABLE_CELLS_MAX - 1);
    t = open_text(text, FB_TABLE_CELLS_MAX - 1, 0);
    EXPECT_EQ_INT(1, fb_table_next(t, &row));
    EXPECT_EQ_INT(FB_TABLE_CELLS_MAX, row.count);
    fb_table_close(t);
    memset(text, ',', FB_TABLE_CELLS_MAX);
    expect_error(text, FB_TABLE_CELLS_MAX, 0, FB_ELIMIT, 1, 0, "FB_TABLE_CELLS_MAX");
    free(text);
    /* FB_CSV_ROWS_MAX: blank lines count as rows, so this is quick */
    char *lines = malloc(FB_CSV_ROWS_MAX + 8);
    memcpy(lines, "a\n", 2);
    memset(lines + 2, '\n', FB_CSV_ROWS_MAX - 2);
    memcpy(lines + FB_CSV_ROWS_MAX, "b\nc\n", 4);
    t = open_text(lines, FB_CSV_ROWS_MAX + 2, 0);
    free(dump_table(t, true, &rc));
    EXPECT_EQ_INT(0, rc); /* row 10,000,000 is the last allowed */
    fb_table_close(t);
    expect_error(lines, FB_CSV_ROWS_MAX + 4, 0, FB_ELIMIT, FB_CSV_ROWS_MAX + 1, 0,
                 "FB_CSV_ROWS_MAX");
    free(lines);
}

static void open_errors(void) {
    fb_table *t = NULL;
    fb_table_error err;
    EXPECT_EQ_INT(FB_EIO, fb_table_open_file(DATA "no-such.csv", NULL, &t, &err));
    EXPECT_TRUE(t == NULL && strstr(err.message, "no-such.csv: No such file") != NULL);
    EXPECT_EQ_INT(FB_EINVAL, fb_table_open_file(DATA, NULL, &t, &err));
    EXPECT_TRUE(strstr(err.message, "not a regular file") != NULL);
    EXPECT_EQ_INT(FB_EINVAL, fb_table_open_memory("a,b\n", 4, "book.xlsx", NULL, &t, &err));
    EXPECT_TRUE(strstr(err.message, "book.xlsx: not a zip") != NULL);
}

/* ---- Size --------------------------------------------------------------------------------- */

/* Writes a CSV of `rows` loan rows to path. */
static void write_loans_csv(const char *path, long rows) {
    FILE *f = fopen(path, "w");
    fprintf(f, "借款编号,借款人,本金,利率,起息日,备注\r\n");
    for (long i = 1; i <= rows; i++) {
        fprintf(f, "L%08ld,\"沈阳第%ld机床, 有限公司\",%ld.%02ld,3.4500,2025-%02ld-%02ld,%s\r\n", i,
                i % 977, 1000 + i * 37 % 5000000, i % 100, 1 + i % 12, 1 + i % 28,
                i % 3 ? "" : "\"续贷\"\"一\"\"\"");
    }
    fclose(f);
}

/* Reads path whole, returning the rows and checking each. */
static long read_all(const char *path) {
    fb_table *t = NULL;
    fb_table_error err;
    if (fb_table_open_file(path, NULL, &t, &err) != FB_OK) {
        printf("  %s\n", err.message);
        return -1;
    }
    fb_table_row row;
    long rows = 0;
    int rc = fb_table_header(t, &row);
    while ((rc = fb_table_next(t, &row)) == 1) {
        rows++;
        if (row.count != 6 || row.cells[0].text[0] != 'L') rows = -1000000000;
    }
    if (rc < 0) printf("  %s\n", fb_table_last_error(t)->message);
    fb_table_close(t);
    return rc == 0 ? rows : -1;
}

/* Reading 60,000 rows and then 300,000 grows the peak by no more than a few MiB: memory does not
 * follow the rows (bench/readers.c reads 1,000,000). */
static void csv_memory_does_not_grow_with_rows(void) {
    char small[512], large[512];
    snprintf(small, sizeof small, "%s/small.csv", test_dir());
    snprintf(large, sizeof large, "%s/large.csv", test_dir());
    write_loans_csv(small, 60000);
    write_loans_csv(large, 300000);
    long before = peak_kib();
    clock_t c0 = clock();
    EXPECT_EQ_INT(60000, read_all(small));
    long after_small = peak_kib();
    EXPECT_EQ_INT(300000, read_all(large));
    long after_large = peak_kib();
    double s = (double)(clock() - c0) / CLOCKS_PER_SEC;
    printf("  peak %ld KiB before, %ld after 60,000 rows, %ld after 300,000 (%.2f s)\n", before,
           after_small, after_large, s);
    EXPECT_TRUE(after_small - before < 32 * 1024);
    EXPECT_TRUE(after_large - after_small < 4 * 1024);
    remove(small);
    remove(large);
}

int main(void) {
    RUN(csv_memory_does_not_grow_with_rows); /* first: the peak is a high-water mark */
    RUN(decimal_text_rounds_as_text);
    RUN(decimal_text_rounding_matches_exact_arithmetic);
    RUN(serial_dates_in_both_systems);
    RUN(column_names_and_references);
    RUN(csv_rfc4180);
    RUN(csv_cells_and_rows);
    RUN(csv_malformed_is_refused_at_its_row_and_column);
    RUN(csv_encodings);
    RUN(csv_files_written_by_iconv_and_ssconvert);
    RUN(csv_limits_are_refused_by_name);
    RUN(open_errors);
    return test_summary();
}
