/* web.c — the dashboard's side of the server: its files read once at start (the project's own
 * page, script and style, and ECharts from the folder npm installed), the sessions of users who
 * logged in with their password (kept in memory: a restart logs everyone out), and a limit of
 * failed logins per user and address. */
#include "api/web.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { SESSIONS_MAX = 4096, ATTEMPTS_MAX = 1024, SESSION_LIFE_S = 12 * 3600, ASSETS_MAX = 8 };

typedef struct {
    char token[FB_SESSION_TOKEN_HEX + 1];
    fb_user user;
    int64_t created, last;
} session;

typedef struct {
    char key[FB_USER_NAME_MAX + 64]; /* name, a tab, the address */
    int64_t since;                   /* the window's start */
    int failures;
} attempt;

typedef struct {
    const char *path, *file, *type;
    char *body;
    size_t len;
} asset;

struct fb_web {
    bool installed;
    asset assets[ASSETS_MAX];
    size_t n_assets;
    int64_t idle_s;
    pthread_mutex_t mu;
    session *sessions;
    attempt *attempts;
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
            char *bigger = realloc(buf, cap);
            if (!bigger) break;
            buf = bigger;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    bool ok = !ferror(f) && buf;
    fclose(f);
    if (!ok) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

fb_web *fb_web_open(const char *dir, unsigned idle_s, FILE *log) {
    static const asset files[] = {
        {"/", "index.html", "text/html; charset=utf-8", NULL, 0},
        {"/app.js", "app.js", "text/javascript; charset=utf-8", NULL, 0},
        {"/app.css", "app.css", "text/css; charset=utf-8", NULL, 0},
        {"/vendor/echarts.min.js", "node_modules/echarts/dist/echarts.min.js",
         "text/javascript; charset=utf-8", NULL, 0},
    };
    fb_web *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->sessions = calloc(SESSIONS_MAX, sizeof *w->sessions);
    w->attempts = calloc(ATTEMPTS_MAX, sizeof *w->attempts);
    if (!w->sessions || !w->attempts) {
        fb_web_close(w);
        return NULL;
    }
    pthread_mutex_init(&w->mu, NULL);
    w->idle_s = idle_s ? idle_s : 30 * 60;
    w->installed = dir != NULL;
    for (size_t i = 0; dir && i < sizeof files / sizeof files[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, files[i].file);
        asset *a = &w->assets[w->n_assets];
        *a = files[i];
        a->body = slurp(path, &a->len);
        if (!a->body) {
            fprintf(log, "finbridge serve: the dashboard is not served: cannot read %s%s\n", path,
                    i == 3 ? " (scripts/install-deps.sh installs it with npm)" : "");
            w->installed = false;
            break;
        }
        w->n_assets++;
    }
    return w;
}

void fb_web_close(fb_web *w) {
    if (!w) return;
    for (size_t i = 0; i < w->n_assets; i++)
        free(w->assets[i].body);
    if (w->sessions) pthread_mutex_destroy(&w->mu);
    free(w->sessions);
    free(w->attempts);
    free(w);
}

bool fb_web_installed(const fb_web *w) { return w && w->installed; }

bool fb_web_asset(const fb_web *w, const char *path, const char **body, size_t *len,
                  const char **type) {
    if (!fb_web_installed(w)) return false;
    if (strcmp(path, "/index.html") == 0) path = "/";
    for (size_t i = 0; i < w->n_assets; i++) {
        if (strcmp(w->assets[i].path, path) == 0) {
            *body = w->assets[i].body;
            *len = w->assets[i].len;
            *type = w->assets[i].type;
            return true;
        }
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

static attempt *attempt_of(fb_web *w, const char *name, const char *addr, bool create,
                           int64_t now) {
    char key[sizeof w->attempts[0].key];
    snprintf(key, sizeof key, "%s\t%s", name, addr);
    size_t oldest = 0;
    for (size_t i = 0; i < ATTEMPTS_MAX; i++) {
        attempt *a = &w->attempts[i];
        if (a->key[0] && strcmp(a->key, key) == 0) {
            if (now - a->since > FB_LOGIN_WINDOW_S) a->failures = 0, a->since = now;
            return a;
        }
        if (!a->key[0] || a->since < w->attempts[oldest].since) oldest = i;
    }
    if (!create) return NULL;
    attempt *a = &w->attempts[oldest];
    snprintf(a->key, sizeof a->key, "%s", key);
    a->since = now;
    a->failures = 0;
    return a;
}

long fb_web_login_wait(fb_web *w, const char *name, const char *addr) {
    int64_t now = now_s();
    pthread_mutex_lock(&w->mu);
    attempt *a = attempt_of(w, name, addr, false, now);
    long wait =
        a && a->failures >= FB_LOGIN_FAILURES_MAX ? (long)(a->since + FB_LOGIN_WINDOW_S - now) : 0;
    pthread_mutex_unlock(&w->mu);
    return wait > 0 ? wait : 0;
}

void fb_web_login_failed(fb_web *w, const char *name, const char *addr) {
    int64_t now = now_s();
    pthread_mutex_lock(&w->mu);
    attempt *a = attempt_of(w, name, addr, true, now);
    a->failures++;
    pthread_mutex_unlock(&w->mu);
}

void fb_web_login_succeeded(fb_web *w, const char *name, const char *addr) {
    int64_t now = now_s();
    pthread_mutex_lock(&w->mu);
    attempt *a = attempt_of(w, name, addr, false, now);
    if (a) memset(a, 0, sizeof *a);
    pthread_mutex_unlock(&w->mu);
}
