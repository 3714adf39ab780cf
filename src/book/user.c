/* user.c — users of the API and the dashboard: random 256-bit tokens kept only as SHA-256
 * hashes, passwords kept only as Argon2id strings (libsodium); and the audit log's appends. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

static void token_hash(const char *token, uint8_t out[32]) {
    crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

int fb_user_add(fb_book *book, const fb_user *u, const char *password, char *token) {
    FB_ASSERT(book != NULL && u != NULL && token != NULL);
    const char *why = NULL;
    if (!fb_id_valid(u->name, strnlen(u->name, sizeof u->name), &why)) {
        return fb__book_refuse(book, FB_EINVAL, "name %s", why);
    }
    if ((unsigned)u->role >= FB_ROLE_COUNT_)
        return fb__book_refuse(book, FB_EINVAL, "role unknown");
    bool enterprise = u->role == FB_ROLE_ENTERPRISE, government = u->role == FB_ROLE_GOVERNMENT;
    if (enterprise != (u->party[0] != 0)) {
        return fb__book_refuse(book, FB_EINVAL, "party: %s",
                               enterprise ? "an enterprise user needs its party"
                                          : "only an enterprise user has one");
    }
    if (government != (u->region != 0)) {
        return fb__book_refuse(book, FB_EINVAL, "region: %s",
                               government ? "a government user needs its region"
                                          : "only a government user has one");
    }
    if (government && !fb_region_liaoning(u->region)) {
        return fb__book_refuse(book, FB_EINVAL,
                               "region: %d is neither Liaoning (210000) nor one of its cities",
                               (int)u->region);
    }
    char hashed[crypto_pwhash_STRBYTES] = "";
    if (password &&
        crypto_pwhash_str(hashed, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return fb__book_refuse(book, FB_ENOMEM, "hashing the password ran out of memory");
    }
    uint8_t raw[32], hash[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, FB_TOKEN_HEX + 1, raw, sizeof raw);
    token_hash(token, hash);
    fb_store *s = book->store;
    int rc = fb_book_begin(book);
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
    char hashed[crypto_pwhash_STRBYTES + 1];
    pthread_once(&dummy_once, make_dummy_hash);
    int rc = fb__store_user_by_name(book->store, name, out, hashed, sizeof hashed);
    if (rc && rc != FB_ENOTFOUND) return rc;
    /* No such user, or one without a password: the same work against the dummy, refused. */
    bool real = rc == FB_OK && hashed[0];
    const char *against = real ? hashed : dummy_hash;
    bool matches = against[0] && crypto_pwhash_str_verify(against, password, strlen(password)) == 0;
    if (!real || !matches) {
        if (!real) memset(out, 0, sizeof *out);
        return FB_ENOTFOUND;
    }
    return FB_OK;
}

int fb_audit_append(fb_book *book, const fb_audit_entry *e) {
    int rc = fb_book_begin(book);
    if (rc) return rc;
    rc = fb__store_audit_append(book->store, e, fb_now_ns());
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}
