/* auth.c — who is calling: the caller, and the dashboard's login and logout. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"

int fb__api_me(req *r, fb_book *book) {
    (void)book;
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(r->user.name));
    json_object_set_new(o, "role", json_string(fb_role_name(r->user.role)));
    if (r->user.party[0]) json_object_set_new(o, "party", json_string(r->user.party));
    if (r->user.region) json_object_set_new(o, "region", json_integer(r->user.region));
    return fb_answer(r, 200, o);
}

/* The dashboard's login: a user's name and password (Argon2id) give a session cookie. Failed
 * logins are limited per name and per address (web.c); a name that is not a user's costs the
 * same hash as one that is (user.c), so that the time of the answer does not tell which. */
int fb__api_login(req *r, fb_book *book) {
    json_t *b = fb_body(r, false);
    if (!b) return FB_OK;
    const char *name = json_string_value(json_object_get(b, "name"));
    const char *password = json_string_value(json_object_get(b, "password"));
    int rc = FB_OK;
    char addr[64];
    fb_web *w = fb_server_web(r->s);
    fb_client_address(r, addr, sizeof addr);
    long wait = 0;
    fb_login_ticket ticket;
    fb_login_verdict verdict = FB_LOGIN_GO;
    fb_user u;
    if (!name || !name[0] || strlen(name) > FB_USER_NAME_MAX) {
        fb_problem(r, 400, "invalid field", "name", "name must be a user's name");
    } else if (!password || !password[0]) {
        fb_problem(r, 400, "invalid field", "password", "password is missing");
    } else if ((verdict = fb_web_login_begin(w, name, addr, &ticket, &wait)) != FB_LOGIN_GO) {
        fb_problem(r, 429, "too many attempts", "password",
                   "too many failed logins %s: try again in %ld minutes",
                   verdict == FB_LOGIN_NAME_LOCKED ? "for this name"
                   : verdict == FB_LOGIN_ADDRESS_LOCKED
                       ? "from this address"
                       : "are being counted (logins wait until older ones expire)",
                   (wait + 59) / 60);
    } else {
        rc = fb_user_check_password(book, name, password, &u);
        fb_web_login_end(w, &ticket, rc == FB_OK);
    }
    if (verdict == FB_LOGIN_GO && rc == FB_ENOTFOUND) {
        fb_problem(r, 401, "login failed", "password", "the name or the password is wrong");
        rc = FB_OK;
    } else if (verdict == FB_LOGIN_GO && rc == FB_OK && !r->json) {
        char token[FB_SESSION_TOKEN_HEX + 1];
        fb_web_session_new(w, &u, token);
        snprintf(r->set_cookie, sizeof r->set_cookie,
                 "fb_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200", token);
        r->user = u;
        json_decref(b);
        return fb__api_me(r, book);
    }
    json_decref(b);
    return rc;
}

int fb__api_logout(req *r, fb_book *book) {
    (void)book;
    const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "fb_session");
    if (cookie) fb_web_session_end(fb_server_web(r->s), cookie);
    snprintf(r->set_cookie, sizeof r->set_cookie,
             "fb_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    json_t *o = json_object();
    json_object_set_new(o, "logged_out", json_true());
    return fb_answer(r, 200, o);
}
