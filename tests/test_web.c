/* test_web.c — the dashboard's side of the server (src/api/web.c, compiled in here): its files
 * compressed, tagged and named by a version; and the login limiter on a clock of the test's own:
 * per name and per address, attempts in flight counted, windows that end, and tables that,
 * full, refuse what they cannot count instead of forgetting a lock. */
#include "api/web.c"

#include <sys/stat.h>
#include <zlib.h>

#include "test.h"

static fb_web *open_web(void) {
    fb_web *w = fb_web_open(NULL, 0, stderr);
    EXPECT_TRUE(w != NULL);
    return w;
}

/* One attempt begun and ended at `now`; returns the verdict. */
static fb_login_verdict attempt(fb_web *w, const char *name, const char *addr, bool ok,
                                int64_t now) {
    fb_login_ticket t;
    long wait = 0;
    fb_login_verdict v = login_begin(w, name, addr, &t, &wait, now);
    if (v == FB_LOGIN_GO) {
        login_end(w, &t, ok, now);
    } else {
        EXPECT_TRUE(wait > 0);
    }
    return v;
}

static void a_name_locks_from_every_address_until_its_window_ends(void) {
    fb_web *w = open_web();
    int64_t t = 1000;
    for (int i = 0; i < FB_LOGIN_FAILURES_MAX; i++) {
        char addr[32];
        snprintf(addr, sizeof addr, "10.0.0.%d", i);
        EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, "teller", addr, false, t));
    }
    EXPECT_EQ_INT(FB_LOGIN_NAME_LOCKED, attempt(w, "teller", "10.0.0.1", true, t + 1));
    EXPECT_EQ_INT(FB_LOGIN_NAME_LOCKED, attempt(w, "teller", "10.9.9.9", true, t + 1));
    EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, "clerk", "10.9.9.9", true, t + 1));
    EXPECT_EQ_INT(FB_LOGIN_NAME_LOCKED,
                  attempt(w, "teller", "10.0.0.1", true, t + FB_LOGIN_WINDOW_S));
    EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, "teller", "10.0.0.1", true, t + FB_LOGIN_WINDOW_S + 1));
    /* A success cleared the name's failures. */
    for (int i = 0; i < FB_LOGIN_FAILURES_MAX - 1; i++)
        EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, "teller", "10.0.1.1", false, t + 2000));
    EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, "teller", "10.0.1.1", true, t + 2000));
    EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, "teller", "10.0.1.1", false, t + 2000));
    fb_web_close(w);
}

static void an_address_locks_for_every_name(void) {
    fb_web *w = open_web();
    for (int i = 0; i < FB_LOGIN_ADDRESS_FAILURES_MAX; i++) {
        char name[32];
        snprintf(name, sizeof name, "guess-%d", i);
        EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, name, "10.1.1.1", false, 5000));
    }
    EXPECT_EQ_INT(FB_LOGIN_ADDRESS_LOCKED, attempt(w, "teller", "10.1.1.1", true, 5001));
    EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, "teller", "10.1.1.2", true, 5001));
    fb_web_close(w);
}

/* Attempts in flight count: a burst of concurrent guesses cannot pass the limit before their
 * failures are recorded. */
static void attempts_in_flight_count_against_the_limit(void) {
    fb_web *w = open_web();
    fb_login_ticket t[FB_LOGIN_FAILURES_MAX + 1];
    long wait = 0;
    for (int i = 0; i < FB_LOGIN_FAILURES_MAX; i++) {
        char addr[32];
        snprintf(addr, sizeof addr, "10.2.0.%d", i);
        EXPECT_EQ_INT(FB_LOGIN_GO, login_begin(w, "teller", addr, &t[i], &wait, 100));
    }
    EXPECT_EQ_INT(FB_LOGIN_NAME_LOCKED, login_begin(w, "teller", "10.2.1.1", &t[5], &wait, 100));
    EXPECT_EQ_INT(1, wait);
    for (int i = 0; i < FB_LOGIN_FAILURES_MAX; i++)
        login_end(w, &t[i], false, 101);
    EXPECT_EQ_INT(FB_LOGIN_NAME_LOCKED, login_begin(w, "teller", "10.2.1.1", &t[5], &wait, 102));
    EXPECT_TRUE(wait > FB_LOGIN_WINDOW_S - 5);
    fb_web_close(w);
}

/* Full tables refuse what they cannot count, and forget nothing: the name table filled from
 * many addresses (each within its own limit), the address table from as many addresses as it
 * holds. A locked name stays locked throughout; when the windows end, logins come back. */
static void full_tables_fail_closed_and_forget_no_lock(void) {
    fb_web *w = open_web();
    int64_t t = 10000;
    for (int i = 0; i < FB_LOGIN_FAILURES_MAX; i++)
        EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, "teller", "10.3.0.1", false, t));
    int names = 1, go = 0, full = 0;
    for (int a = 0; names < FB_LOGIN_NAMES_MAX + 50; a++) {
        char addr[32];
        snprintf(addr, sizeof addr, "10.4.%d.%d", a / 250, a % 250);
        for (int k = 0; k < FB_LOGIN_ADDRESS_FAILURES_MAX; k++, names++) {
            char name[32];
            snprintf(name, sizeof name, "made-up-%d", names);
            fb_login_verdict v = attempt(w, name, addr, false, t + 1);
            go += v == FB_LOGIN_GO;
            full += v == FB_LOGIN_FULL;
        }
    }
    EXPECT_EQ_INT(FB_LOGIN_NAMES_MAX - 1, go);
    EXPECT_TRUE(full >= 50);
    EXPECT_EQ_INT(FB_LOGIN_NAME_LOCKED, attempt(w, "teller", "10.3.0.1", true, t + 2));
    EXPECT_EQ_INT(FB_LOGIN_FULL, attempt(w, "somebody-new", "10.5.0.1", true, t + 2));
    /* Past the window every entry is free again. */
    t += FB_LOGIN_WINDOW_S + 10;
    EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, "teller", "10.3.0.1", true, t));
    EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, "somebody-new", "10.5.0.1", true, t));
    /* The address table: one failure from each of as many addresses as it holds (spread over
     * a thousand names, none of them locked). */
    t += FB_LOGIN_WINDOW_S + 10;
    for (int a = 0; a < FB_LOGIN_ADDRESSES_MAX; a++) {
        char addr[32], name[32];
        snprintf(addr, sizeof addr, "10.6.%d.%d", a / 250, a % 250);
        snprintf(name, sizeof name, "spray-%d", a % 1000);
        EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, name, addr, false, t));
    }
    EXPECT_EQ_INT(FB_LOGIN_FULL, attempt(w, "clerk", "10.7.0.1", true, t));
    EXPECT_EQ_INT(FB_LOGIN_GO, attempt(w, "clerk", "10.6.0.1", true, t));
    fb_web_close(w);
}

static void put(const char *dir, const char *name, const char *text) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    EXPECT_TRUE(f != NULL);
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

/* Whether body[0..len) holds want. */
static bool holds(const char *body, size_t len, const char *want) {
    size_t n = strlen(want);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(body + i, want, n) == 0) return true;
    return false;
}

/* inflate of a gzip member into out (cap bytes): its length, or -1. */
static long gunzip(const char *in, size_t len, char *out, size_t cap) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 16) != Z_OK) return -1;
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    int rc = inflate(&z, Z_FINISH);
    long n = (long)z.total_out;
    inflateEnd(&z);
    return rc == Z_STREAM_END ? n : -1;
}

/* The files: every one but the page by a versioned name (the page's references rewritten), an
 * ETag of each, gzip that inflates to the same bytes; another version is not served; without
 * ECharts the dashboard is still served and says what to run. */
static void files_are_versioned_tagged_and_compressed(void) {
    char dir[512], js[600];
    snprintf(dir, sizeof dir, "%s/web", test_dir());
    snprintf(js, sizeof js, "%s/js", dir);
    mkdir(dir, 0700);
    mkdir(js, 0700);
    put(dir, "index.html",
        "<link rel=\"stylesheet\" href=\"/app.css\"><script type=\"module\" "
        "src=\"/js/main.js\"></script>");
    char css[4096] = "";
    for (int i = 0; i < 60; i++)
        strcat(css, "body { color: #1f2937; margin: 0; }\n");
    put(dir, "app.css", css);
    put(dir, "js/main.js", "import './other.js';\n");
    put(dir, "js/other.js", "export const x = 1;\n");
    char logbuf[1024] = "";
    FILE *log = fmemopen(logbuf, sizeof logbuf, "w");
    fb_web *w = fb_web_open(dir, 0, log);
    fclose(log);
    EXPECT_TRUE(fb_web_installed(w));
    EXPECT_TRUE(!fb_web_charts(w));
    EXPECT_TRUE(strstr(logbuf, "scripts/install-deps.sh") != NULL);
    const char *v = fb_web_version(w);
    EXPECT_EQ_INT(VERSION_HEX, strlen(v));
    fb_web_file page, plain, versioned;
    EXPECT_TRUE(fb_web_asset(w, "/", &page));
    char want[128];
    snprintf(want, sizeof want, "src=\"/v/%s/js/main.js\"", v);
    EXPECT_TRUE(holds(page.body, page.len, want));
    snprintf(want, sizeof want, "href=\"/v/%s/app.css\"", v);
    EXPECT_TRUE(holds(page.body, page.len, want));
    EXPECT_TRUE(!page.immutable);
    char path[128];
    snprintf(path, sizeof path, "/v/%s/app.css", v);
    EXPECT_TRUE(fb_web_asset(w, path, &versioned));
    EXPECT_TRUE(fb_web_asset(w, "/app.css", &plain));
    EXPECT_TRUE(versioned.immutable && !plain.immutable);
    EXPECT_EQ_INT(18, strlen(versioned.etag));
    EXPECT_EQ_STR(plain.etag, versioned.etag);
    EXPECT_TRUE(versioned.gz != NULL && versioned.gz_len < versioned.len);
    char back[8192];
    long n = versioned.gz ? gunzip(versioned.gz, versioned.gz_len, back, sizeof back) : -1;
    EXPECT_EQ_INT((long)versioned.len, n);
    EXPECT_TRUE(n > 0 && memcmp(back, versioned.body, (size_t)n) == 0);
    fb_web_file small;
    EXPECT_TRUE(fb_web_asset(w, "/js/other.js", &small));
    EXPECT_TRUE(small.gz == NULL); /* too small to gain from gzip */
    EXPECT_TRUE(!fb_web_asset(w, "/v/000000000000/app.css", &small));
    EXPECT_TRUE(!fb_web_asset(w, "/v/", &small));
    fb_web_close(w);
}

int main(void) {
    RUN(files_are_versioned_tagged_and_compressed);
    RUN(a_name_locks_from_every_address_until_its_window_ends);
    RUN(an_address_locks_for_every_name);
    RUN(attempts_in_flight_count_against_the_limit);
    RUN(full_tables_fail_closed_and_forget_no_lock);
    return test_summary();
}
