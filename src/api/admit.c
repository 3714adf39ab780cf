/* admit.c — what a request must be to be served, and where it goes: the path split and matched
 * against the route table, the framing and the size of what arrives, the origin and the media
 * type of a write, the query's arguments, the token or the dashboard's session, the route's
 * roles; then the handler on this request thread (a read) or the writer (a write). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/resource.h"
#include "api/srv.h"

/* ---- Routing ------------------------------------------------------------------------------- */

/* The path's segments. Strict: an empty segment ("//", a trailing "/") or more than SEGS_MAX
 * segments match no route, so that /v1/accounts/A//// is not account A. */
static bool split_path(req *r) {
    snprintf(r->path_buf, sizeof r->path_buf, "%s", r->path);
    r->nseg = 0;
    char *p = r->path_buf;
    if (*p++ != '/') return false;
    while (*p) {
        char *slash = strchr(p, '/');
        if (slash == p || r->nseg == SEGS_MAX) return false;
        r->seg[r->nseg++] = p;
        if (!slash) break;
        *slash = 0;
        p = slash + 1;
        if (!*p) return false; /* a trailing slash */
    }
    return true;
}

/* Whether the route's pattern matches the path. */
static bool matches(const route *rt, const req *r) {
    char pattern[128];
    snprintf(pattern, sizeof pattern, "%s", rt->pattern);
    int i = 0;
    char *save = NULL;
    for (char *t = strtok_r(pattern, "/", &save); t; t = strtok_r(NULL, "/", &save), i++) {
        if (i >= r->nseg) return false;
        if (t[0] != '{' && strcmp(t, r->seg[i]) != 0) return false;
    }
    return i == r->nseg;
}

/* The route of the path and method; HEAD is served as GET without the body (RFC 9110 9.3.2).
 * When the path is served under other methods only, *path_known and r->allow say which. */
static const route *find_route(req *r, bool *path_known) {
    *path_known = false;
    r->allow[0] = 0;
    bool head = strcmp(r->method, "HEAD") == 0;
    const route *found = NULL;
    for (size_t i = 0; i < fb_routes_count; i++) {
        const route *rt = &fb_routes[i];
        if (!matches(rt, r)) continue;
        *path_known = true;
        size_t at = strlen(r->allow);
        snprintf(r->allow + at, sizeof r->allow - at, "%s%s%s", at ? ", " : "", rt->method,
                 strcmp(rt->method, "GET") == 0 ? ", HEAD" : "");
        if (!found && (strcmp(rt->method, r->method) == 0 || (head && !strcmp(rt->method, "GET"))))
            found = rt;
    }
    return found;
}

/* ---- What every request must be ------------------------------------------------------------ */

static const char *header(req *r, const char *name) {
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* Whether a Content-Type names JSON: application/json, with at most a charset of UTF-8. */
static bool json_media_type(const char *t) {
    if (!t || strncasecmp(t, "application/json", 16) != 0) return false;
    t += 16 + strspn(t + 16, " \t");
    if (!*t) return true;
    if (*t++ != ';') return false;
    t += strspn(t, " \t");
    if (strncasecmp(t, "charset=", 8) != 0) return false;
    t += 8;
    bool quoted = *t == '"';
    t += quoted;
    if (strncasecmp(t, "utf-8", 5) != 0) return false;
    t += 5;
    if (quoted && *t++ != '"') return false;
    return t[strspn(t, " \t")] == 0;
}

/* A browser names the page a write comes from (Origin) and whether it is of another site
 * (Sec-Fetch-Site); either must be this server (the Host it was asked by), so that a page of
 * another site can neither log a user in (login CSRF) nor write. A client that is not a browser
 * sends neither. */
static bool same_origin(req *r) {
    const char *site = header(r, "Sec-Fetch-Site");
    if (site && strcmp(site, "cross-site") == 0) return false;
    const char *origin = header(r, "Origin"), *host = header(r, "Host");
    if (!origin) return true;
    const char *authority = strncmp(origin, "http://", 7) == 0    ? origin + 7
                            : strncmp(origin, "https://", 8) == 0 ? origin + 8
                                                                  : NULL;
    return authority && host && strcasecmp(authority, host) == 0;
}

enum { QUERY_ARGS_MAX = 32 };

typedef struct {
    const char *keys[QUERY_ARGS_MAX];
    size_t n;
    const char *bad, *why;
} query_check;

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 size_t key_size, const char *value, size_t value_size) {
    query_check *c = cls;
    (void)kind;
    if (strlen(key) != key_size || (value && strlen(value) != value_size)) {
        c->bad = key, c->why = "holds a NUL byte";
        return MHD_NO;
    }
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(c->keys[i], key) == 0) {
            c->bad = key, c->why = "is given twice";
            return MHD_NO;
        }
    }
    if (c->n == QUERY_ARGS_MAX) {
        c->bad = key, c->why = "is one argument too many (32 at most)";
        return MHD_NO;
    }
    c->keys[c->n++] = key;
    return MHD_YES;
}

/* The checks of a routed request before its handler, in this order: a write from another
 * origin 403; a POST or a body that is not JSON 415; a query argument repeated or holding a NUL
 * 400 (each handler reads its arguments strictly). Each answers and returns false. */
static bool request_ok(req *r) {
    bool reads = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
    if (!reads && !same_origin(r)) {
        fb_problem(r, 403, "forbidden", NULL,
                   "a write from another site's page (Origin, Sec-Fetch-Site) is refused");
        return false;
    }
    if ((strcmp(r->method, "POST") == 0 || r->len) && !json_media_type(header(r, "Content-Type"))) {
        fb_problem(r, 415, "unsupported media type", NULL,
                   "the body must be sent as Content-Type: application/json");
        return false;
    }
    query_check c = {{NULL}, 0, NULL, NULL};
    MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &c);
    if (c.bad) {
        fb_problem(r, 400, "invalid query", c.bad, "%s %s", c.bad, c.why);
        return false;
    }
    return true;
}

typedef struct {
    int content_length, transfer_encoding;
    bool chunked;
} framing;

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
                                     size_t key_size, const char *value, size_t value_size) {
    framing *f = cls;
    (void)kind, (void)key_size, (void)value_size;
    if (strcasecmp(key, "Content-Length") == 0) f->content_length++;
    if (strcasecmp(key, "Transfer-Encoding") == 0) {
        f->transfer_encoding++;
        f->chunked = value && strcasecmp(value, "chunked") == 0;
    }
    return MHD_YES;
}

/* A request refused on its headers alone, before its body is read: a path over
 * FB_HTTP_PATH_MAX (414), or a body framed two ways (Content-Length with Transfer-Encoding, or
 * either twice, or a coding other than chunked: 400). Such a request's body could be read as
 * the start of another request (smuggling): the connection closes after the answer. */
bool fb__srv_refused_on_arrival(req *r, const char *url) {
    if (strlen(url) > FB_HTTP_PATH_MAX) {
        fb_problem(r, 414, "URI too long", NULL, "the path is over %d bytes", FB_HTTP_PATH_MAX);
        r->close = true;
        return true;
    }
    framing f = {0, 0, false};
    MHD_get_connection_values_n(r->conn, MHD_HEADER_KIND, count_framing, &f);
    if (f.content_length + f.transfer_encoding > 1 || (f.transfer_encoding && !f.chunked)) {
        fb_problem(r, 400, "ambiguous body", NULL,
                   "a body is framed by one Content-Length or by Transfer-Encoding: chunked");
        r->close = true;
        return true;
    }
    return false;
}

/* A bearer token (the API's clients), or the dashboard's session cookie. */
static bool authenticate(req *r) {
    const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Authorization");
    if (!h || strncmp(h, "Bearer ", 7) != 0) {
        const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "fb_session");
        if (!cookie) {
            fb_problem(r, 401, "unauthorized", NULL,
                       "send Authorization: Bearer TOKEN, or log in to the dashboard");
            return false;
        }
        /* The session's user as the book has it now: a disabled user's sessions end here. */
        fb_user was;
        int now = fb_web_session_user(fb_server_web(r->s), cookie, &was);
        if (now == FB_OK) now = fb_user_current(r->rl, was.name, &r->user);
        if (now == FB_ENOTFOUND) {
            fb_web_session_end(fb_server_web(r->s), cookie);
            fb_problem(r, 401, "session expired", "session",
                       "the session has expired or ended: log in again");
            return false;
        }
        if (now != FB_OK) {
            fb_problem(r, 503, "unavailable", NULL, "%s", fb_book_errmsg(r->rl));
            return false;
        }
        r->by_session = true;
        /* A page of another site cannot set this header: no cross-site writes by cookie. */
        const char *x = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Requested-With");
        if (r->route->write && (!x || strcmp(x, "finbridge") != 0)) {
            fb_problem(r, 403, "forbidden", NULL,
                       "a write with the session cookie needs X-Requested-With: finbridge");
            return false;
        }
        return true;
    }
    int rc = fb_user_by_token(r->rl, h + 7, &r->user);
    if (rc == FB_ENOTFOUND) {
        fb_problem(r, 401, "unauthorized", NULL, "the token is not valid");
        return false;
    }
    if (rc) {
        fb_problem(r, 503, "unavailable", NULL, "%s", fb_book_errmsg(r->rl));
        return false;
    }
    return true;
}

/* A request answered with a refusal: when it is a write, it goes to the writer all the same,
 * which writes its audit entry and runs nothing (true: handed over, see fb__srv_submit_write). */
static bool refused_write(srv *s, req *r) {
    if (!r->route->write) return false;
    r->refused = true;
    fb__srv_submit_write(s, r);
    return true;
}

/* A body over the limit (413), read no further. A write's refusal is audited under the user
 * its credentials name; one that names none is not audited (as a 401 is not). */
static bool too_big(srv *s, req *r) {
    bool named = false;
    if (r->route->write && !(r->route->roles & NO_AUTH)) {
        named = authenticate(r) || (r->status == 403 && r->user.name[0]);
        if (!named) memset(&r->user, 0, sizeof r->user);
    }
    fb_problem(r, 413, "request too large", NULL, "the body is over %zu bytes", s->o->body_max);
    return named && refused_write(s, r);
}

/* The routes a book whose backend holds only the ledger and the access room (PostgreSQL, so far)
 * serves: the server's own, the session, the vocabulary, a schedule computed from its terms, the
 * ledger's accounts, transfers and balances. */
static bool served_without_records(const route *rt) {
    static handler_fn *const served[] = {fb__api_healthz,
                                         fb__api_metrics,
                                         fb__api_openapi,
                                         fb__api_login,
                                         fb__api_logout,
                                         fb__api_me,
                                         fb__api_meta,
                                         fb__api_schedule,
                                         fb__api_post_accounts,
                                         fb__api_post_transfers,
                                         fb__api_get_account,
                                         fb__api_account_transfers,
                                         fb__api_account_balances,
                                         fb__api_get_transfer};
    for (size_t i = 0; i < sizeof served / sizeof served[0]; i++)
        if (rt->fn == served[i]) return true;
    return false;
}

/* The routes that need the parties besides (docs/postgresql.md). */
static bool served_with_parties(const route *rt) {
    return rt->fn == fb__api_post_parties || rt->fn == fb__api_get_party ||
           (rt->fn == fb__api_export && strcmp(rt->pattern, "/v1/exports/parties") == 0);
}

/* A route that needs the book's other rooms, on a book that does not hold them: 501 with the
 * code FB_ENOTSUP, nothing run (docs/postgresql.md, "The API on PostgreSQL"). */
static bool not_on_this_backend(req *r) {
    if (fb_book_holds_records(r->rl) || served_without_records(r->route)) return false;
    if (served_with_parties(r->route) && fb_book_holds_parties(r->rl)) return false;
    fb_problem(r, 501, "not on PostgreSQL yet", NULL,
               "%s: %s %s needs the loan book (facilities, loans, certificates, the"
               " cooperation), which is not yet on PostgreSQL: this book on PostgreSQL serves"
               " the ledger (accounts, transfers, balances), users, sessions and the parties",
               fb_err_name(FB_ENOTSUP), r->method, r->route->pattern);
    json_object_set_new(r->json, "code", json_string(fb_err_name(FB_ENOTSUP)));
    return true;
}

/* Answers r, or hands it to the writer: returns true when it went there (see fb__srv_submit_write).
 */
bool fb__srv_dispatch(srv *s, req *r) {
    if ((strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0) &&
        fb_web_asset(s->web, r->path, &r->asset)) {
        r->status = 200;
        r->file = r->asset.body;
        r->file_len = r->asset.len;
        r->content_type = r->asset.type;
        return false;
    }
    if (strcmp(r->path, "/") == 0 && !fb_web_installed(s->web)) {
        fb_problem(r, 404, "not found", NULL,
                   "the dashboard is not installed here (serve --web DIR); the API is at /v1");
        return false;
    }
    bool known = false;
    r->route = split_path(r) ? find_route(r, &known) : NULL;
    r->rl = fb__srv_reader(s);
    if (!r->rl) {
        fb_problem(r, 503, "unavailable", NULL, "the book cannot be opened");
        return false;
    }
    if (!r->route) {
        if (known) {
            fb_problem(r, 405, "method not allowed", NULL, "%s is not served on %s (only %s)",
                       r->method, r->path, r->allow);
        } else {
            fb_problem(r, 404, "not found", NULL, "no resource at %s", r->path);
        }
        return false;
    }
    if (r->too_big) return too_big(s, r);
    if (!(r->route->roles & NO_AUTH)) {
        /* A write refused for its origin by the session cookie (403) is audited; one that
         * names no user (401) is not: it would let anyone fill the log. */
        if (!authenticate(r)) return r->status == 403 && refused_write(s, r);
        if (!(r->route->roles & R(r->user.role))) {
            fb_problem(r, 403, "forbidden", NULL, "a %s may not %s %s", fb_role_name(r->user.role),
                       r->method, r->route->pattern);
            return refused_write(s, r);
        }
    }
    if (not_on_this_backend(r)) return refused_write(s, r);
    if (!request_ok(r)) return refused_write(s, r);
    if (r->route->write) {
        fb__srv_submit_write(s, r);
        return true;
    }
    if (fb__srv_read(s, r) && !r->json) {
        fb_problem(r, 500, "the read failed", NULL, "%s", fb_book_errmsg(r->rl));
    }
    return false;
}
