/* web.c — the dashboard's side of the server: its files read once at start (the project's own
 * page and style, its ES modules under js/, and ECharts from the folder npm installed), each
 * compressed then with gzip and named by a version (a hash of every file) so that a browser may
 * keep it a year (the page itself is revalidated by its ETag), the
 * sessions of users who logged in with their password (kept in memory: a restart logs everyone
 * out), and the limit of failed logins per name and per address, in tables of fixed size that
 * fail closed. */
#include "api/web.h"

#include <dirent.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "core/assert.h"

enum {
    SESSIONS_MAX = 4096,
    SESSION_LIFE_S = 12 * 3600,
    /* The page, its style, ECharts and the modules: a module per concern and per page is some
     * twenty files; four times that leaves room without a walk that could load a whole disk. */
    ASSETS_MAX = 96,
    ASSET_PATH_MAX = 128,       /* "/js/pages/certificates.js" */
    MODULE_BYTES_MAX = 1 << 18, /* a module of the project's own is small: 256 KiB is a mistake */
    ASSET_GZIP_MIN = 256,       /* below this gzip's header costs more than it saves */
    VERSION_HEX = 12,           /* the version in /v/<hex>/...: 48 bits of the files' hash */
    ETAG_HEX = 16,
};

typedef struct {
    char token[FB_SESSION_TOKEN_HEX + 1];
    fb_user user;
    int64_t created, last;
} session;

/* What the limiter knows of one name or one address. */
typedef struct {
    char key[FB_USER_NAME_MAX + 1]; /* a name, or an address in text; "" when free */
    int64_t since;                  /* s, monotonic: when the window of its failures began */
    int failures;                   /* in that window */
    int pending;                    /* attempts begun and not ended */
} counter;

typedef struct {
    counter *v;
    size_t cap;
    int max; /* failures in a window that lock the key */
} counter_table;

typedef struct {
    char path[ASSET_PATH_MAX]; /* as asked: "/", "/js/main.js" */
    const char *type;
    char *body;
    size_t len;
    char *gz; /* the body compressed with gzip, or NULL when that saves nothing */
    size_t gz_len;
    char etag[ETAG_HEX + 3]; /* "\"<hex>\"": a hash of the body */
} asset;

struct fb_web {
    bool installed;
    bool charts; /* ECharts was found */
    char version[VERSION_HEX + 1];
    asset assets[ASSETS_MAX];
    size_t n_assets;
    int64_t idle_s;
    pthread_mutex_t mu; /* the sessions */
    session *sessions;
    pthread_mutex_t login_mu; /* the two tables of the login limiter */
    counter_table names, addresses;
};

static int64_t now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 65536 > cap) {
            cap = (n + 65536) * 2;
            char *bigger = cap <= FB_WEB_FILE_MAX * 2 ? realloc(buf, cap) : NULL;
            if (!bigger) break;
            buf = bigger;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    bool ok = !ferror(f) && buf && n <= FB_WEB_FILE_MAX;
    fclose(f);
    if (!ok) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Reads dir/file into the next asset, served at path. False (and a line on log) when it cannot. */
static bool load(fb_web *w, const char *dir, const char *file, const char *path, const char *type,
                 FILE *log) {
    char name[1024];
    snprintf(name, sizeof name, "%s/%s", dir, file);
    if (w->n_assets == ASSETS_MAX || strlen(path) >= ASSET_PATH_MAX) {
        fprintf(log, "finbridge serve: the dashboard is not served: %s is one file too many\n",
                name);
        return false;
    }
    asset *a = &w->assets[w->n_assets];
    snprintf(a->path, sizeof a->path, "%s", path);
    a->type = type;
    a->body = slurp(name, &a->len);
    if (!a->body) {
        fprintf(log, "finbridge serve: the dashboard is not served: cannot read %s%s\n", name,
                strncmp(file, "node_modules/", 13) == 0
                    ? " (scripts/install-deps.sh installs it with npm)"
                    : "");
        return false;
    }
    w->n_assets++;
    return true;
}

/* A file or folder name of the dashboard's own: lower-case letters, digits, '_', '-', '.', not
 * starting with a dot. Anything else (an editor's backup, a hidden file) is not served. */
static bool plain_name(const char *name) {
    if (!name[0] || name[0] == '.') return false;
    for (const char *c = name; *c; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-' ||
              *c == '.'))
            return false;
    }
    return true;
}

/* Loads every .js file of dir/sub (sub is "js", then "js/pages", ...), served at /sub/file, and
 * the folders in it to depth levels below. The modules import one another by path, so the
 * server need not know their names. False when one cannot be read or a limit is passed. */
static bool load_modules(fb_web *w, const char *dir, const char *sub, int depth, FILE *log) {
    char folder[1024];
    snprintf(folder, sizeof folder, "%s/%s", dir, sub);
    DIR *d = opendir(folder);
    if (!d) {
        fprintf(log, "finbridge serve: the dashboard is not served: cannot read %s\n", folder);
        return false;
    }
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL) {
        if (!plain_name(e->d_name)) continue;
        char file[ASSET_PATH_MAX], path[ASSET_PATH_MAX], name[1024];
        struct stat st;
        if (snprintf(file, sizeof file, "%s/%s", sub, e->d_name) >= (int)sizeof file ||
            snprintf(path, sizeof path, "/%s", file) >= (int)sizeof path ||
            snprintf(name, sizeof name, "%s/%s", dir, file) >= (int)sizeof name) {
            fprintf(log, "finbridge serve: the dashboard is not served: %s/%s: name too long\n",
                    folder, e->d_name);
            ok = false;
            continue;
        }
        if (stat(name, &st) != 0) continue;
        size_t len = strlen(e->d_name);
        if (S_ISDIR(st.st_mode) && depth > 0) {
            ok = load_modules(w, dir, file, depth - 1, log);
        } else if (S_ISREG(st.st_mode) && len > 3 && strcmp(e->d_name + len - 3, ".js") == 0) {
            if (st.st_size > MODULE_BYTES_MAX) {
                fprintf(log, "finbridge serve: the dashboard is not served: %s is over %d bytes\n",
                        name, MODULE_BYTES_MAX);
                ok = false;
            } else {
                ok = load(w, dir, file, path, "text/javascript; charset=utf-8", log);
            }
        }
    }
    closedir(d);
    return ok;
}

/* ECharts, from the folder npm installed: false, and one line on log saying what to run, when
 * it is not there. */
static bool load_charts(fb_web *w, const char *dir, FILE *log) {
    char name[1024];
    snprintf(name, sizeof name, "%s/node_modules/echarts/dist/echarts.min.js", dir);
    if (access(name, R_OK) != 0) {
        fprintf(log,
                "finbridge serve: the dashboard's charts are off (no %s): run "
                "scripts/install-deps.sh\n",
                name);
        return false;
    }
    return load(w, dir, "node_modules/echarts/dist/echarts.min.js", "/vendor/echarts.min.js",
                "text/javascript; charset=utf-8", log);
}

/* The body compressed as a gzip member at the best level, into a new buffer; NULL when it
 * would not be smaller or memory runs out (the plain body is served then). */
static char *gzip_body(const char *body, size_t len, size_t *gz_len) {
    if (len < ASSET_GZIP_MIN || len > UINT32_MAX) return NULL;
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 bits of window, +16: a gzip header and trailer rather than zlib's. */
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    uLong cap = deflateBound(&z, (uLong)len);
    char *out = malloc(cap);
    z.next_in = (Bytef *)(uintptr_t)body;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    int rc = out ? deflate(&z, Z_FINISH) : Z_MEM_ERROR;
    size_t n = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END || n >= len) {
        free(out);
        return NULL;
    }
    *gz_len = n;
    return out;
}

/* The page's references to its style and its first module, rewritten to the version's paths
 * (/v/<version>/...): the modules import one another by relative path, and chart.js finds
 * ECharts beside them, so every file but the page itself is asked by a versioned name. */
static bool version_page(fb_web *w, asset *page) {
    static const char *const refs[] = {"\"/app.css\"", "\"/js/main.js\""};
    size_t extra = sizeof refs / sizeof refs[0] * (3 + VERSION_HEX);
    char *out = malloc(page->len + extra + 1);
    if (!out) return false;
    size_t at = 0;
    for (size_t i = 0; i < page->len;) {
        size_t k = 0;
        while (k < sizeof refs / sizeof refs[0] &&
               (page->len - i < strlen(refs[k]) ||
                memcmp(page->body + i, refs[k], strlen(refs[k])) != 0))
            k++;
        if (k == sizeof refs / sizeof refs[0] ||
            at + strlen(refs[k]) + 3 + VERSION_HEX > page->len + extra) {
            out[at++] = page->body[i++];
            continue;
        }
        at += (size_t)snprintf(out + at, page->len + extra + 1 - at, "\"/v/%s%s", w->version,
                               refs[k] + 1);
        i += strlen(refs[k]);
    }
    free(page->body);
    page->body = out;
    page->len = at;
    return true;
}

/* Once every file is read: the version (a hash of them all), the page's references to it, and
 * each file's ETag and gzip body. */
static bool seal(fb_web *w, FILE *log) {
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, VERSION_HEX / 2);
    for (size_t i = 0; i < w->n_assets; i++) {
        crypto_generichash_update(&h, (const unsigned char *)w->assets[i].path,
                                  strlen(w->assets[i].path) + 1);
        crypto_generichash_update(&h, (const unsigned char *)w->assets[i].body, w->assets[i].len);
    }
    unsigned char v[VERSION_HEX / 2];
    crypto_generichash_final(&h, v, sizeof v);
    sodium_bin2hex(w->version, sizeof w->version, v, sizeof v);
    for (size_t i = 0; i < w->n_assets; i++) {
        asset *a = &w->assets[i];
        if (strcmp(a->path, "/") == 0 && !version_page(w, a)) {
            fprintf(log, "finbridge serve: the dashboard is not served: out of memory\n");
            return false;
        }
        unsigned char e[ETAG_HEX / 2];
        crypto_generichash(e, sizeof e, (const unsigned char *)a->body, a->len, NULL, 0);
        a->etag[0] = '"';
        sodium_bin2hex(a->etag + 1, ETAG_HEX + 1, e, sizeof e);
        a->etag[ETAG_HEX + 1] = '"';
        a->etag[ETAG_HEX + 2] = 0;
        a->gz = gzip_body(a->body, a->len, &a->gz_len);
    }
    return true;
}

fb_web *fb_web_open(const char *dir, unsigned idle_s, FILE *log) {
    static const struct {
        const char *path, *file, *type;
    } files[] = {
        {"/", "index.html", "text/html; charset=utf-8"},
        {"/app.css", "app.css", "text/css; charset=utf-8"},
    };
    fb_web *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->sessions = calloc(SESSIONS_MAX, sizeof *w->sessions);
    w->names = (counter_table){calloc(FB_LOGIN_NAMES_MAX, sizeof(counter)), FB_LOGIN_NAMES_MAX,
                               FB_LOGIN_FAILURES_MAX};
    w->addresses = (counter_table){calloc(FB_LOGIN_ADDRESSES_MAX, sizeof(counter)),
                                   FB_LOGIN_ADDRESSES_MAX, FB_LOGIN_ADDRESS_FAILURES_MAX};
    if (!w->sessions || !w->names.v || !w->addresses.v) {
        fb_web_close(w);
        return NULL;
    }
    pthread_mutex_init(&w->mu, NULL);
    pthread_mutex_init(&w->login_mu, NULL);
    w->idle_s = idle_s ? idle_s : 30 * 60;
    w->installed = dir != NULL;
    for (size_t i = 0; w->installed && i < sizeof files / sizeof files[0]; i++)
        w->installed = load(w, dir, files[i].file, files[i].path, files[i].type, log);
    /* The modules of js/ and of its folders (js/pages/), one level down. */
    if (w->installed) w->installed = load_modules(w, dir, "js", 1, log);
    /* The charts are the only thing npm brings: without them the pages show their tables and
     * each chart's text, and the server says in one line what to run. */
    if (w->installed) w->charts = load_charts(w, dir, log);
    if (w->installed) w->installed = seal(w, log);
    return w;
}

void fb_web_close(fb_web *w) {
    if (!w) return;
    for (size_t i = 0; i < w->n_assets; i++) {
        free(w->assets[i].body);
        free(w->assets[i].gz);
    }
    if (w->sessions && w->names.v && w->addresses.v) {
        pthread_mutex_destroy(&w->mu);
        pthread_mutex_destroy(&w->login_mu);
    }
    free(w->sessions);
    free(w->names.v);
    free(w->addresses.v);
    free(w);
}

bool fb_web_installed(const fb_web *w) { return w && w->installed; }

bool fb_web_charts(const fb_web *w) { return fb_web_installed(w) && w->charts; }

const char *fb_web_version(const fb_web *w) { return fb_web_installed(w) ? w->version : ""; }

bool fb_web_asset(const fb_web *w, const char *path, fb_web_file *out) {
    if (!fb_web_installed(w)) return false;
    FB_ASSERT(path != NULL && out != NULL);
    bool versioned = false;
    /* /v/<version>/js/main.js is /js/main.js, kept a year; another version is not served. */
    if (strncmp(path, "/v/", 3) == 0) {
        if (strncmp(path + 3, w->version, VERSION_HEX) != 0 || path[3 + VERSION_HEX] != '/')
            return false;
        path += 3 + VERSION_HEX;
        versioned = true;
    }
    if (strcmp(path, "/index.html") == 0) path = "/";
    for (size_t i = 0; i < w->n_assets; i++) {
        const asset *a = &w->assets[i];
        if (strcmp(a->path, path) != 0) continue;
        *out = (fb_web_file){a->body,
                             a->len,
                             a->gz,
                             a->gz_len,
                             a->type,
                             a->etag,
                             versioned && strcmp(path, "/") != 0};
        return true;
    }
    return false;
}

/* ---- Sessions -------------------------------------------------------------------------------- */

static bool live(const fb_web *w, const session *s, int64_t now) {
    return s->token[0] && now - s->last <= w->idle_s && now - s->created <= SESSION_LIFE_S;
}

void fb_web_session_new(fb_web *w, const fb_user *u, char *token) {
    unsigned char raw[FB_SESSION_TOKEN_HEX / 2];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, FB_SESSION_TOKEN_HEX + 1, raw, sizeof raw);
    int64_t now = now_s();
    pthread_mutex_lock(&w->mu);
    /* A free or dead slot, else the one idle longest. */
    size_t at = 0;
    for (size_t i = 0; i < SESSIONS_MAX; i++) {
        if (!live(w, &w->sessions[i], now)) {
            at = i;
            break;
        }
        if (w->sessions[i].last < w->sessions[at].last) at = i;
    }
    session *s = &w->sessions[at];
    snprintf(s->token, sizeof s->token, "%s", token);
    s->user = *u;
    s->created = s->last = now;
    pthread_mutex_unlock(&w->mu);
}

static session *find(fb_web *w, const char *token) {
    if (strlen(token) != FB_SESSION_TOKEN_HEX) return NULL;
    for (size_t i = 0; i < SESSIONS_MAX; i++) {
        if (w->sessions[i].token[0] &&
            sodium_memcmp(w->sessions[i].token, token, FB_SESSION_TOKEN_HEX) == 0) {
            return &w->sessions[i];
        }
    }
    return NULL;
}

int fb_web_session_user(fb_web *w, const char *token, fb_user *out) {
    int64_t now = now_s();
    pthread_mutex_lock(&w->mu);
    session *s = find(w, token);
    int rc = FB_ENOTFOUND;
    if (s && live(w, s, now)) {
        s->last = now;
        *out = s->user;
        rc = FB_OK;
    } else if (s) {
        memset(s, 0, sizeof *s);
    }
    pthread_mutex_unlock(&w->mu);
    return rc;
}

void fb_web_session_end(fb_web *w, const char *token) {
    pthread_mutex_lock(&w->mu);
    session *s = find(w, token);
    if (s) memset(s, 0, sizeof *s);
    pthread_mutex_unlock(&w->mu);
}

/* ---- Login attempts -------------------------------------------------------------------------- */

/* Failed logins are counted per name (from any address) and per address (for any name), each in
 * a table of fixed size. An attempt takes its place in both before its password is hashed and
 * gives it back with its outcome, so that nothing is hashed that is not counted, and attempts in
 * flight count against the limit as failures would. A table full of live entries (failures in
 * their window, or an attempt under way) takes no new key: the login is refused rather than an
 * entry forgotten, which is what let a flood of made-up names push a lock out. */

static bool counter_live(const counter *c, int64_t now) {
    return c->key[0] &&
           (c->pending > 0 || (c->failures > 0 && now - c->since <= FB_LOGIN_WINDOW_S));
}

/* The slot of key, taken if it has none; SIZE_MAX when the table is full of live entries.
 * O(cap). */
static size_t counter_slot(counter_table *t, const char *key, int64_t now) {
    size_t free_slot = SIZE_MAX;
    for (size_t i = 0; i < t->cap; i++) {
        counter *c = &t->v[i];
        if (c->key[0] && strcmp(c->key, key) == 0) {
            if (c->failures > 0 && now - c->since > FB_LOGIN_WINDOW_S) c->failures = 0;
            return i;
        }
        if (free_slot == SIZE_MAX && !counter_live(c, now)) free_slot = i;
    }
    if (free_slot == SIZE_MAX) return SIZE_MAX;
    counter *c = &t->v[free_slot];
    memset(c, 0, sizeof *c);
    snprintf(c->key, sizeof c->key, "%s", key);
    c->since = now;
    return free_slot;
}

/* Seconds until key may be tried again, 0 when now. Attempts in flight count: when they could
 * make up the limit the key waits for their outcome (a second). */
static long counter_wait(const counter_table *t, size_t slot, int64_t now) {
    const counter *c = &t->v[slot];
    if (c->failures >= t->max) return (long)(c->since + FB_LOGIN_WINDOW_S - now) + 1;
    return c->failures + c->pending >= t->max ? 1 : 0;
}

static fb_login_verdict login_begin(fb_web *w, const char *name, const char *addr,
                                    fb_login_ticket *t, long *wait_s, int64_t now) {
    FB_ASSERT(name[0] && strlen(name) <= FB_USER_NAME_MAX);
    *wait_s = 0;
    pthread_mutex_lock(&w->login_mu);
    size_t n = counter_slot(&w->names, name, now);
    size_t a = counter_slot(&w->addresses, addr, now);
    fb_login_verdict v = FB_LOGIN_GO;
    if (n == SIZE_MAX || a == SIZE_MAX) {
        v = FB_LOGIN_FULL;
        *wait_s = FB_LOGIN_WINDOW_S;
    } else if ((*wait_s = counter_wait(&w->addresses, a, now)) > 0) {
        v = FB_LOGIN_ADDRESS_LOCKED;
    } else if ((*wait_s = counter_wait(&w->names, n, now)) > 0) {
        v = FB_LOGIN_NAME_LOCKED;
    } else {
        w->names.v[n].pending++;
        w->addresses.v[a].pending++;
        *t = (fb_login_ticket){n, a};
    }
    pthread_mutex_unlock(&w->login_mu);
    return v;
}

static void counter_end(counter *c, bool failed, int64_t now) {
    FB_ASSERT(c->key[0] && c->pending > 0);
    c->pending--;
    if (!failed) return;
    if (c->failures == 0) c->since = now;
    c->failures++;
}

static void login_end(fb_web *w, const fb_login_ticket *t, bool succeeded, int64_t now) {
    FB_ASSERT(t->name_slot < w->names.cap && t->address_slot < w->addresses.cap);
    pthread_mutex_lock(&w->login_mu);
    counter_end(&w->names.v[t->name_slot], !succeeded, now);
    counter_end(&w->addresses.v[t->address_slot], !succeeded, now);
    if (succeeded) w->names.v[t->name_slot].failures = 0; /* its owner proved itself */
    pthread_mutex_unlock(&w->login_mu);
}

fb_login_verdict fb_web_login_begin(fb_web *w, const char *name, const char *addr,
                                    fb_login_ticket *t, long *wait_s) {
    return login_begin(w, name, addr, t, wait_s, now_s());
}

void fb_web_login_end(fb_web *w, const fb_login_ticket *t, bool succeeded) {
    login_end(w, t, succeeded, now_s());
}
