/* user.c — users of the API and the dashboard: random 256-bit tokens kept only as SHA-256
 * hashes, passwords kept only as Argon2id strings (libsodium); a user disabled, its token revoked
 * or rotated, its password set. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

static void token_hash(const char *token, uint8_t out[32]) {
    crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

/* Hashes a password with Argon2id into out, or FB_EINVAL when its length is out of bounds. */
static int password_hash(fb_book *book, const char *password, char out[crypto_pwhash_STRBYTES]) {
    size_t len = strlen(password);
    if (len < FB_PASSWORD_MIN || len > FB_PASSWORD_MAX) {
        return fb__book_refuse(book, FB_EINVAL, "password: must be %d to %d bytes", FB_PASSWORD_MIN,
                               FB_PASSWORD_MAX);
    }
    if (crypto_pwhash_str(out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return fb__book_refuse(book, FB_ENOMEM, "hashing the password ran out of memory");
    }
    return FB_OK;
}

int fb_user_add(fb_book *book, const fb_user *u, const char *password, char *token) {
    FB_ASSERT(book != NULL && u != NULL && token != NULL);
    const char *why = NULL;
    if (!fb_id_valid(u->name, strnlen(u->name, sizeof u->name), &why)) {
        return fb__book_refuse(book, FB_EINVAL, "name %s", why);
    }
    if ((unsigned)u->role >= FB_ROLE_COUNT_)
        return fb__book_refuse(book, FB_EINVAL, "role unknown");
    /* An enterprise user and a guarantee company's (guarantor) are bound to their party. */
    bool enterprise = u->role == FB_ROLE_ENTERPRISE || u->role == FB_ROLE_GUARANTOR,
         government = u->role == FB_ROLE_GOVERNMENT;
    if (enterprise != (u->party[0] != 0)) {
        return fb__book_refuse(book, FB_EINVAL, "party: %s",
                               enterprise ? "an enterprise or guarantor user needs its party"
                                          : "only an enterprise or guarantor user has one");
    }
    if (government != (u->region != 0)) {
        return fb__book_refuse(book, FB_EINVAL, "region: %s",
                               government ? "a government user needs its region"
                                          : "only a government user has one");
    }
    if (enterprise && !fb__store_holds_records(book->store)) {
        return fb__book_refuse(
            book, FB_ENOTSUP,
            "role: %s: a user of role %s is bound to a party and reads its facilities, loans"
            " and certificates, which are on SQLite only so far, not in this book on PostgreSQL",
            fb_err_name(FB_ENOTSUP), fb_role_name(u->role));
    }
    if (government && !fb_region_liaoning(u->region)) {
        return fb__book_refuse(book, FB_EINVAL,
                               "region: %d is neither Liaoning (210000) nor one of its cities",
                               (int)u->region);
    }
    char hashed[crypto_pwhash_STRBYTES] = "";
    int rc = password ? password_hash(book, password, hashed) : FB_OK;
    if (rc) return rc;
    uint8_t raw[32], hash[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, FB_TOKEN_HEX + 1, raw, sizeof raw);
    token_hash(token, hash);
    fb_store *s = book->store;
    rc = fb_book_begin(book);
    if (rc) return rc;
    fb_party p;
    if (enterprise) {
        rc = fb__store_party_by_id(s, u->party, &p);
        if (rc == FB_ENOTFOUND)
            rc = fb__book_refuse(book, FB_EINVAL, "party: no party %s", u->party);
    }
    if (rc == FB_OK) {
        rc = fb__store_user_insert(s, u, hash, password ? hashed : NULL, fb_now_ns());
        if (rc == FB_EINVAL) rc = fb__book_refuse(book, FB_EINVAL, "name: %s", fb__store_errmsg(s));
    }
    sodium_memzero(raw, sizeof raw);
    if (rc) {
        fb_book_rollback(book);
        sodium_memzero(token, FB_TOKEN_HEX + 1);
        return rc;
    }
    return fb_book_commit(book);
}

int fb_user_by_token(fb_book *book, const char *token, fb_user *out) {
    FB_ASSERT(book != NULL && token != NULL && out != NULL);
    if (strlen(token) != FB_TOKEN_HEX) return FB_ENOTFOUND;
    uint8_t hash[32];
    token_hash(token, hash);
    return fb__store_user_by_token_hash(book->store, hash, out);
}

/* An Argon2id string of a random password, with the parameters every user's has: a name that
 * is not a user's is checked against it, so that the check takes the time of a real one (about
 * 0.1 s) and its time does not tell which names exist. Made once, at the first check. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void) {
    unsigned char raw[32];
    char password[65];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(password, sizeof password, raw, sizeof raw);
    if (crypto_pwhash_str(dummy_hash, password, strlen(password),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        dummy_hash[0] = 0; /* out of memory: the check below then fails as a wrong password */
    }
    sodium_memzero(password, sizeof password);
}

int fb_user_check_password(fb_book *book, const char *name, const char *password, fb_user *out) {
    FB_ASSERT(book != NULL && name != NULL && password != NULL);
    char hashed[crypto_pwhash_STRBYTES + 1];
    pthread_once(&dummy_once, make_dummy_hash);
    fb_user_row row;
    int rc = fb__store_user_by_name(book->store, name, &row, hashed, sizeof hashed);
    if (rc && rc != FB_ENOTFOUND) return rc;
    /* No such user, or one without a password: the same work against the dummy, refused. A
     * disabled user's password is checked all the same, so that the answer takes as long. */
    bool real = rc == FB_OK && hashed[0];
    const char *against = real ? hashed : dummy_hash;
    bool matches = against[0] && crypto_pwhash_str_verify(against, password, strlen(password)) == 0;
    if (!real || !matches || row.disabled) {
        memset(out, 0, sizeof *out);
        return FB_ENOTFOUND;
    }
    *out = row.user;
    return FB_OK;
}

int fb_user_current(fb_book *book, const char *name, fb_user *out) {
    FB_ASSERT(book != NULL && name != NULL && out != NULL);
    fb_user_row row;
    int rc = fb__store_user_by_name(book->store, name, &row, NULL, 0);
    if (rc) return rc;
    if (row.disabled) return FB_ENOTFOUND;
    *out = row.user;
    return FB_OK;
}

int fb_users_list(fb_book *book, const char *after, fb_user_row *out, size_t cap, size_t *n) {
    FB_ASSERT(book != NULL && out != NULL && n != NULL);
    if (cap > FB_USERS_LIST_MAX) cap = FB_USERS_LIST_MAX;
    int rc = fb__store_users_list(book->store, after ? after : "", out, cap, n);
    return rc ? fb__book_refuse(book, rc, "%s", fb__store_errmsg(book->store)) : FB_OK;
}

/* Whether a change applies to the user as it stands: FB_OK, or FB_EINVAL saying why not. */
static int change_applies(fb_book *book, const fb_user_row *row, fb_user_change what) {
    const char *name = row->user.name;
    if (what == FB_USER_DISABLE && row->disabled)
        return fb__book_refuse(book, FB_EINVAL, "%s is disabled already", name);
    if (what == FB_USER_ENABLE && !row->disabled)
        return fb__book_refuse(book, FB_EINVAL, "%s is not disabled", name);
    if (what == FB_USER_REVOKE && !row->has_token)
        return fb__book_refuse(book, FB_EINVAL, "%s has no API token (rotate gives it one)", name);
    return FB_OK;
}

/* Writes the change inside the open unit of work. */
static int change_write(fb_book *book, const char *name, fb_user_change what, const char *hashed,
                        char *token) {
    fb_store *s = book->store;
    int64_t now = fb_now_ns();
    if (what == FB_USER_DISABLE || what == FB_USER_ENABLE)
        return fb__store_user_set_disabled(s, name, what == FB_USER_DISABLE, now);
    if (what == FB_USER_REVOKE) return fb__store_user_set_token(s, name, NULL, now);
    if (what == FB_USER_PASSWD) return fb__store_user_set_password(s, name, hashed, now);
    FB_ASSERT(what == FB_USER_ROTATE && token != NULL);
    uint8_t raw[32], hash[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, FB_TOKEN_HEX + 1, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    token_hash(token, hash);
    return fb__store_user_set_token(s, name, hash, now);
}

int fb_user_change_apply(fb_book *book, const char *name, fb_user_change what, const char *password,
                         char *token) {
    FB_ASSERT(book != NULL && name != NULL);
    FB_ASSERT((what == FB_USER_ROTATE) == (token != NULL) &&
              (what == FB_USER_PASSWD) == (password != NULL));
    char hashed[crypto_pwhash_STRBYTES] = "";
    int rc = what == FB_USER_PASSWD ? password_hash(book, password, hashed) : FB_OK;
    if (rc == FB_OK) rc = fb_book_begin(book);
    if (rc) return rc;
    fb_user_row row;
    rc = fb__store_user_by_name(book->store, name, &row, NULL, 0);
    if (rc == FB_ENOTFOUND) rc = fb__book_refuse(book, FB_ENOTFOUND, "no user %s", name);
    if (rc == FB_OK) rc = change_applies(book, &row, what);
    if (rc == FB_OK) rc = change_write(book, name, what, hashed, token);
    sodium_memzero(hashed, sizeof hashed);
    if (rc) {
        fb_book_rollback(book);
        if (token) sodium_memzero(token, FB_TOKEN_HEX + 1);
        return rc;
    }
    rc = fb_book_commit(book);
    if (rc && token) sodium_memzero(token, FB_TOKEN_HEX + 1);
    return rc;
}
