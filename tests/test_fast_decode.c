/* test_fast_decode.c — the command line's one-pass reader of account and transfer lines
 * (src/wire/ledger_fast.c) held to the full decoder (jansson) it stands in front of.
 *
 * For every line: the decoder the doors call (fb_json_decode_*) answers exactly as the full
 * decoder alone does (the same code, the same record byte for byte, the same linked flag, and
 * on a refusal the same field and reason, so no error message changes); and whenever the fast
 * path takes a line, the full decoder decodes it to the same record. First over a table of
 * valid and invalid lines, then a seeded property test: random valid lines (keys in any order,
 * any subset of the optional ones, spaces between tokens), each also mutated a few bytes at a
 * time. The plain valid lines must be taken by the fast path: that is the bulk load's speed.
 * The seed is printed; FB_SEED=N replays one. */
#include <stdbool.h>
#include <time.h>

#include "test.h"
#include "wire/ledger_json.h"

/* How many lines each path took, over a test. */
static long fast_taken, lines_seen;
static unsigned long long seed;
static const char *context = "";

/* The public transfer decoder against the full one, and the fast path against both. Returns
 * whether the fast path took the line. */
static bool same_transfer(const char *text, size_t len) {
    fb_transfer pub, full, fast;
    bool l_pub = false, l_full = false, l_fast = false;
    fb_json_error e_pub, e_full;
    memset(&e_pub, 0, sizeof e_pub);
    memset(&e_full, 0, sizeof e_full);
    int r_pub = fb_json_decode_transfer(text, len, &pub, &l_pub, &e_pub);
    int r_full = fb__json_full_transfer(text, len, &full, &l_full, &e_full);
    bool took = fb__json_fast_transfer(text, len, &fast, &l_fast);
    int failures = test_current_failures;
    EXPECT_EQ_INT(r_full, r_pub);
    EXPECT_EQ_INT(l_full, l_pub);
    if (r_full == FB_OK && r_pub == FB_OK) EXPECT_TRUE(memcmp(&pub, &full, sizeof pub) == 0);
    if (r_full != FB_OK) {
        EXPECT_EQ_STR(e_full.field, e_pub.field);
        EXPECT_EQ_STR(e_full.reason, e_pub.reason);
        EXPECT_TRUE(e_pub.reason[0] != '\0');
    }
    if (took) {
        EXPECT_EQ_INT(FB_OK, r_full);
        EXPECT_EQ_INT(l_full, l_fast);
        EXPECT_TRUE(memcmp(&fast, &full, sizeof fast) == 0);
    }
    if (test_current_failures != failures) {
        printf("    transfer line (%s, seed %llu): %.*s\n", context, seed, (int)len, text);
    }
    lines_seen++;
    fast_taken += took;
    return took;
}

static bool same_account(const char *text, size_t len) {
    fb_account pub, full, fast;
    bool l_pub = false, l_full = false, l_fast = false;
    fb_json_error e_pub, e_full;
    memset(&e_pub, 0, sizeof e_pub);
    memset(&e_full, 0, sizeof e_full);
    int r_pub = fb_json_decode_account(text, len, &pub, &l_pub, &e_pub);
    int r_full = fb__json_full_account(text, len, &full, &l_full, &e_full);
    bool took = fb__json_fast_account(text, len, &fast, &l_fast);
    int failures = test_current_failures;
    EXPECT_EQ_INT(r_full, r_pub);
    EXPECT_EQ_INT(l_full, l_pub);
    if (r_full == FB_OK && r_pub == FB_OK) EXPECT_TRUE(memcmp(&pub, &full, sizeof pub) == 0);
    if (r_full != FB_OK) {
        EXPECT_EQ_STR(e_full.field, e_pub.field);
        EXPECT_EQ_STR(e_full.reason, e_pub.reason);
        EXPECT_TRUE(e_pub.reason[0] != '\0');
    }
    if (took) {
        EXPECT_EQ_INT(FB_OK, r_full);
        EXPECT_EQ_INT(l_full, l_fast);
        EXPECT_TRUE(memcmp(&fast, &full, sizeof fast) == 0);
    }
    if (test_current_failures != failures) {
        printf("    account line (%s, seed %llu): %.*s\n", context, seed, (int)len, text);
    }
    lines_seen++;
    fast_taken += took;
    return took;
}

static bool same_both(const char *text) {
    size_t n = strlen(text);
    bool t = same_transfer(text, n);
    bool a = same_account(text, n);
    return t || a;
}

/* ---- A table of lines --------------------------------------------------------------------- */

/* Lines of the bulk load's shape: the fast path takes each, to the full decoder's record. */
static const char *plain_transfers[] = {
    "{\"id\":\"tr:00000001\",\"debit_account_id\":\"acct:000001\",\"credit_account_id\":"
    "\"acct:000002\",\"amount\":\"12.34\",\"ledger\":1,\"code\":1}",
    "{ \"id\" : \"loan:SY-0412:draw\" , \"debit_account_id\":\"loan:SY-0412\","
    "\"credit_account_id\":\"dep:SY-0412\",\"amount\":\"1000000\",\"ledger\":1,\"code\":2011,"
    "\"flags\":[\"linked\"],\"user_data\":\"draw of the first tranche\"}\r\n",
    "{\"id\":\"p:1\",\"debit_account_id\":\"a\",\"credit_account_id\":\"b\",\"amount\":\"0.5\","
    "\"ledger\":4294967295,\"code\":65535,\"flags\":[\"pending\"],\"timeout\":4294967295,"
    "\"value_date\":\"2025-06-30\"}",
    "{\"id\":\"p:1:post\",\"pending_id\":\"p:1\",\"flags\":[\"post_pending_transfer\",\"linked\"]}",
    "{\"id\":\"v\",\"pending_id\":\"p:2\",\"flags\":[]}",
    "{\"id\":\"x\"}",
};

static const char *plain_accounts[] = {
    "{\"id\":\"acct:000000\",\"ledger\":1,\"code\":2011}",
    "{\"code\":0,\"ledger\":0,\"id\":\"dep.SY-0412_1\",\"flags\":[\"linked\",\"history\"],"
    "\"user_data\":\"\"}",
    "\t{\"id\":\"a\",\"ledger\":1,\"code\":1,\"flags\":[\"debits_must_not_exceed_credits\"]}\n",
};

/* Lines the fast path must leave to the full decoder (it takes none of them): each an escape,
 * a byte outside ASCII, an odd number, a wrong type, a duplicate or unknown key, an over-long
 * or missing value, or not one object. */
static const char *declined[] = {
    "",
    " ",
    "[]",
    "null",
    "{",
    "{}",
    "{\"id\":\"t\\u0031\",\"ledger\":1,\"code\":1}",
    "{\"id\":\"t\\\"q\",\"ledger\":1,\"code\":1}",
    "{\"id\":\"t\",\"ledger\":1,\"code\":1,\"user_data\":\"\xe8\xb4\xb7\xe6\xac\xbe\"}",
    "{\"id\":\"t\",\"ledger\":1.0,\"code\":1}",
    "{\"id\":\"t\",\"ledger\":1e3,\"code\":1}",
    "{\"id\":\"t\",\"ledger\":-1,\"code\":1}",
    "{\"id\":\"t\",\"ledger\":01,\"code\":1}",
    "{\"id\":\"t\",\"ledger\":\"1\",\"code\":1}",
    "{\"id\":\"t\",\"ledger\":4294967296,\"code\":1}",
    "{\"id\":\"t\",\"ledger\":1,\"code\":65536}",
    "{\"id\":\"t\",\"ledger\":1,\"code\":123456789012345678901234567890}",
    "{\"id\":\"t\",\"ledger\":1,\"code\":1,\"ledger\":2}",
    "{\"id\":\"t\",\"id\":\"t\",\"ledger\":1,\"code\":1}",
    "{\"id\":\"t\",\"ledger\":1,\"code\":1,\"colour\":\"red\"}",
    "{\"id\":\"t\",\"ledger\":1,\"code\":1,\"timestamp\":\"1\"}",
    "{\"id\":\"t\",\"ledger\":1,\"code\":1,\"debits_posted\":\"1.00\"}",
    "{\"id\":\"t\",\"ledger\":true,\"code\":1}",
    "{\"id\":\"t\",\"ledger\":null,\"code\":1}",
    "{\"id\":7,\"ledger\":1,\"code\":1}",
    "{\"id\":\"\",\"ledger\":1,\"code\":1}",
    "{\"id\":\"has space\",\"ledger\":1,\"code\":1}",
    "{\"id\":\"a\",\"amount\":12.34}",
    "{\"id\":\"a\",\"amount\":\"12.345\"}",
    "{\"id\":\"a\",\"amount\":\"-1.00\"}",
    "{\"id\":\"a\",\"amount\":\"01.00\"}",
    "{\"id\":\"a\",\"amount\":\"99999999999999999999\"}",
    "{\"id\":\"a\",\"amount\":\"\"}",
    "{\"id\":\"a\",\"value_date\":\"2025-02-30\"}",
    "{\"id\":\"a\",\"value_date\":\"1970-01-01\"}",
    "{\"id\":\"a\",\"value_date\":\"2025-1-5\"}",
    "{\"id\":\"a\",\"flags\":[\"linked\",\"sideways\"]}",
    "{\"id\":\"a\",\"flags\":\"linked\"}",
    "{\"id\":\"a\",\"flags\":[1]}",
    "{\"id\":\"a\",\"flags\":[\"linked\",]}",
    "{\"id\":\"a\",\"flags\":[\"linked\",\"linked\",\"linked\",\"linked\",\"linked\",\"linked\","
    "\"linked\",\"linked\",\"linked\",\"linked\",\"linked\",\"linked\",\"linked\",\"linked\","
    "\"linked\",\"linked\",\"linked\"]}",
    "{\"id\":\"a\",\"flags\":[\"linked\"],\"amount\":\"x\"}",
    "{\"id\":\"a\",\"pending_id\":{\"id\":\"p\"}}",
    "{\"id\":\"a\",\"ledger\":1,\"code\":1}x",
    "{\"id\":\"a\",\"ledger\":1,\"code\":1}{}",
    "{\"id\":\"a\" \"ledger\":1,\"code\":1}",
    "{\"id\":\"a\",,\"ledger\":1,\"code\":1}",
    "{\"id\":\"a\",\"ledger\":1,\"code\":1,}",
    "{\"id\":\"a\",\"ledger\":1,\"code\":1\f}",
    "{\"id\":\"a\",\"ledger\":1,\"code\":1} \v",
    "\xef\xbb\xbf{\"id\":\"a\",\"ledger\":1,\"code\":1}",
    "{\"id\":\"a\",\"ledger\":1,\"code\":1,\"user_data\":\"tab\tinside\"}",
    "{\"id\":\"0123456789012345678901234567890123456789012345678901234567890123X\","
    "\"ledger\":1,\"code\":1}",
};

static void plain_lines_take_the_fast_path_to_the_same_record(void) {
    context = "table";
    for (size_t i = 0; i < sizeof plain_transfers / sizeof *plain_transfers; i++) {
        EXPECT_TRUE(same_transfer(plain_transfers[i], strlen(plain_transfers[i])));
    }
    for (size_t i = 0; i < sizeof plain_accounts / sizeof *plain_accounts; i++) {
        EXPECT_TRUE(same_account(plain_accounts[i], strlen(plain_accounts[i])));
    }
    /* A line of the bulk load, read field by field. */
    fb_transfer t;
    bool linked = true;
    fb_json_error err;
    EXPECT_EQ_INT(FB_OK, fb_json_decode_transfer(plain_transfers[0], strlen(plain_transfers[0]), &t,
                                                 &linked, &err));
    EXPECT_EQ_STR("tr:00000001", t.id);
    EXPECT_EQ_STR("acct:000001", t.debit_account_id);
    EXPECT_EQ_STR("acct:000002", t.credit_account_id);
    EXPECT_EQ_INT(1234, t.amount_fen);
    EXPECT_EQ_INT(1, t.ledger);
    EXPECT_EQ_INT(1, t.code);
    EXPECT_TRUE(!linked);
}

static void other_lines_are_left_to_the_full_decoder_with_its_words(void) {
    context = "table";
    for (size_t i = 0; i < sizeof declined / sizeof *declined; i++) {
        EXPECT_TRUE(!same_both(declined[i]));
    }
    /* The words of a few refusals, as the error tests and the documentation know them. */
    fb_account a;
    fb_transfer t;
    bool linked = false;
    fb_json_error err;
    const char *dup = "{\"id\":\"t\",\"ledger\":1,\"code\":1,\"ledger\":2}";
    EXPECT_EQ_INT(FB_EINVAL, fb_json_decode_account(dup, strlen(dup), &a, &linked, &err));
    EXPECT_EQ_STR("", err.field);
    EXPECT_TRUE(strncmp(err.reason, "is not valid JSON: duplicate object key", 39) == 0);
    const char *unknown = "{\"id\":\"t\",\"ledger\":1,\"code\":1,\"colour\":\"red\"}";
    EXPECT_EQ_INT(FB_EINVAL, fb_json_decode_account(unknown, strlen(unknown), &a, &linked, &err));
    EXPECT_EQ_STR("colour", err.field);
    EXPECT_EQ_STR("is not a field of an account", err.reason);
    const char *big = "{\"id\":\"t\",\"ledger\":4294967296,\"code\":1}";
    EXPECT_EQ_INT(FB_EINVAL, fb_json_decode_account(big, strlen(big), &a, &linked, &err));
    EXPECT_EQ_STR("ledger", err.field);
    EXPECT_EQ_STR("must be at most 4294967295", err.reason);
    const char *number = "{\"id\":\"a\",\"amount\":12.34}";
    EXPECT_EQ_INT(FB_EINVAL, fb_json_decode_transfer(number, strlen(number), &t, &linked, &err));
    EXPECT_EQ_STR("amount", err.field);
    EXPECT_EQ_STR("must be a string of yuan such as \"1234.56\", not a number", err.reason);
    /* An invalid member of a linked chain is still known to be linked. */
    const char *chained = "{\"id\":\"a\",\"flags\":[\"linked\"],\"amount\":\"x\"}";
    EXPECT_EQ_INT(FB_EINVAL, fb_json_decode_transfer(chained, strlen(chained), &t, &linked, &err));
    EXPECT_TRUE(linked);
    EXPECT_EQ_STR("amount", err.field);
    EXPECT_EQ_STR("is not a decimal number", err.reason);
}

/* ---- Random lines, valid and mutated ------------------------------------------------------ */

static uint64_t rng_state;
static uint64_t rnd(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static unsigned below(unsigned n) { return (unsigned)(rnd() % n); }

typedef struct {
    char text[4096];
    size_t len;
} line;

static void add(line *l, const char *s) {
    size_t n = strlen(s);
    if (l->len + n < sizeof l->text) {
        memcpy(l->text + l->len, s, n);
        l->len += n;
        l->text[l->len] = '\0';
    }
}

/* Spaces between tokens, now and then (JSON's own whitespace, which the fast path skips). */
static void space(line *l) {
    static const char *ws[] = {" ", "  ", "\t", "\r\n", " \n "};
    if (below(8) == 0) add(l, ws[below(5)]);
}

static void random_id(char *out, bool long_one) {
    static const char chars[] = "ABCXYZabcxyz0123456789._:-";
    size_t n = long_one ? FB_ID_MAX : 1 + below(24);
    for (size_t i = 0; i < n; i++)
        out[i] = chars[below(sizeof chars - 1)];
    out[n] = '\0';
}

static void random_user_data(char *out) {
    size_t n = below(8) == 0 ? FB_USER_DATA_MAX : below(40);
    for (size_t i = 0; i < n; i++) {
        char c;
        do {
            c = (char)(0x20 + below(0x5f));
        } while (c == '"' || c == '\\');
        out[i] = c;
    }
    out[n] = '\0';
}

/* A value for a key, valid and plain. */
static void random_value(char *v, size_t cap, const char *key, bool transfer) {
    char id[FB_ID_MAX + 1];
    if (strcmp(key, "ledger") == 0 || strcmp(key, "timeout") == 0) {
        snprintf(v, cap, "%u", below(4) == 0 ? UINT32_MAX : below(5000));
    } else if (strcmp(key, "code") == 0) {
        snprintf(v, cap, "%u", below(4) == 0 ? 65535u : below(3000));
    } else if (strcmp(key, "amount") == 0) {
        unsigned long long yuan = below(3) == 0 ? rnd() % 100000000000000ull : below(100000);
        if (below(3) == 0) {
            snprintf(v, cap, "\"%llu\"", yuan);
        } else {
            snprintf(v, cap, "\"%llu.%02u\"", yuan, below(100));
        }
    } else if (strcmp(key, "value_date") == 0) {
        snprintf(v, cap, "\"%04u-%02u-%02u\"", 1971 + below(120), 1 + below(12), 1 + below(28));
    } else if (strcmp(key, "user_data") == 0) {
        char u[FB_USER_DATA_MAX + 1];
        random_user_data(u);
        snprintf(v, cap, "\"%s\"", u);
    } else if (strcmp(key, "flags") == 0) {
        size_t at = (size_t)snprintf(v, cap, "[");
        unsigned n = below(4);
        for (unsigned i = 0; i < n && at < cap; i++) {
            unsigned bit = below(transfer ? 8 : 5);
            const char *name = transfer ? fb_transfer_flag_name(bit) : fb_account_flag_name(bit);
            at += (size_t)snprintf(v + at, cap - at, "%s\"%s\"", i ? "," : "", name ? name : "");
        }
        if (at < cap) snprintf(v + at, cap - at, "]");
    } else {
        random_id(id, below(16) == 0);
        snprintf(v, cap, "\"%s\"", id);
    }
}

/* A valid line: the required keys and a random subset of the optional ones, in random order. */
static void random_line(line *l, bool transfer) {
    static const char *t_keys[] = {"id",
                                   "debit_account_id",
                                   "credit_account_id",
                                   "amount",
                                   "ledger",
                                   "code",
                                   "pending_id",
                                   "flags",
                                   "timeout",
                                   "user_data",
                                   "value_date"};
    static const char *a_keys[] = {"id", "ledger", "code", "flags", "user_data"};
    const char **keys = transfer ? t_keys : a_keys;
    size_t n_keys = transfer ? 11 : 5, required = transfer ? 1 : 3;
    size_t order[11];
    for (size_t i = 0; i < n_keys; i++)
        order[i] = i;
    for (size_t i = n_keys - 1; i > 0; i--) {
        size_t j = below((unsigned)(i + 1)), x = order[i];
        order[i] = order[j];
        order[j] = x;
    }
    l->len = 0;
    l->text[0] = '\0';
    space(l);
    add(l, "{");
    bool first = true;
    for (size_t i = 0; i < n_keys; i++) {
        size_t k = order[i];
        if (k >= required && below(2) == 0) continue;
        char member[512], value[400];
        random_value(value, sizeof value, keys[k], transfer);
        snprintf(member, sizeof member, "%s\"%s\"", first ? "" : ",", keys[k]);
        space(l);
        add(l, member);
        space(l);
        add(l, ":");
        space(l);
        add(l, value);
        space(l);
        first = false;
    }
    add(l, "}");
    space(l);
}

/* Changes a few bytes: deleted, inserted, replaced, a member repeated, or the line cut short. */
static void mutate(line *l) {
    static const char bytes[] = "\"\\{}[],: 0123456789.-+eE\tnultrfa\x01\x7f\xc3\xa9u";
    unsigned kind = below(6);
    size_t at = l->len ? below((unsigned)l->len) : 0;
    if (kind == 0 && l->len > 0) {
        memmove(l->text + at, l->text + at + 1, l->len - at);
        l->len--;
    } else if (kind == 1 && l->len + 1 < sizeof l->text) {
        memmove(l->text + at + 1, l->text + at, l->len - at + 1);
        l->text[at] = bytes[below(sizeof bytes - 1)];
        l->len++;
    } else if (kind == 2 && l->len > 0) {
        l->text[at] = bytes[below(sizeof bytes - 1)];
    } else if (kind == 3) {
        static const char *members[] = {"\"id\":\"dup\",",         "\"ledger\":2,",
                                        "\"code\":\"1\",",         "\"amount\":\"1.00\",",
                                        "\"flags\":[\"linked\"],", "\"extra\":1,"};
        const char *m = members[below(6)];
        char *brace = memchr(l->text, '{', l->len);
        size_t n = strlen(m);
        if (brace && l->len + n < sizeof l->text) {
            size_t pos = (size_t)(brace - l->text) + 1;
            memmove(l->text + pos + n, l->text + pos, l->len - pos + 1);
            memcpy(l->text + pos, m, n);
            l->len += n;
        }
    } else if (kind == 4) {
        l->len = at;
        l->text[at] = '\0';
    } else if (l->len > 1) {
        size_t b = below((unsigned)l->len);
        char x = l->text[at];
        l->text[at] = l->text[b];
        l->text[b] = x;
    }
}

static void random_lines_agree_on_both_paths(void) {
    const char *env = getenv("FB_SEED");
    seed = env ? strtoull(env, NULL, 10) : (unsigned long long)time(NULL);
    printf("test_fast_decode: seed %llu (FB_SEED=%llu replays it)\n", seed, seed);
    rng_state = seed * 2654435761ull + 0x9E3779B97F4A7C15ull;
    context = "random";
    long plain = 0, plain_fast = 0, mutated = 0, mutated_fast = 0;
    for (int i = 0; i < 20000; i++) {
        bool transfer = below(3) != 0;
        line l;
        random_line(&l, transfer);
        bool took = transfer ? same_transfer(l.text, l.len) : same_account(l.text, l.len);
        plain++;
        plain_fast += took;
        if (!took) printf("    the fast path declined a plain line: %s\n", l.text);
        for (unsigned m = 1 + below(3); m > 0; m--)
            mutate(&l);
        mutated_fast += same_both(l.text);
        same_transfer(l.text, l.len); /* with any NUL or cut inside, by its length */
        mutated++;
    }
    EXPECT_EQ_INT(plain, plain_fast);
    printf("  %ld valid lines (all by the fast path), %ld mutated (%ld of them still taken by it),"
           " %ld decodes compared\n",
           plain, mutated, mutated_fast, lines_seen);
}

int main(void) {
    RUN(plain_lines_take_the_fast_path_to_the_same_record);
    RUN(other_lines_are_left_to_the_full_decoder_with_its_words);
    RUN(random_lines_agree_on_both_paths);
    return test_summary();
}
