/* book.c — the book's handle: the store of its records and the ledger over the same store, so that
 * a business operation writes its records and its ledger events in one transaction. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "book/book_internal.h"
#include "core/assert.h"
#include "ledger/attach.h"

int fb_book_open(const char *path, unsigned open_flags, fb_book **out, char *errbuf,
                 size_t errlen) {
    return fb__book_open_as(path, path, open_flags, out, errbuf, errlen);
}

int fb__book_open_as(const char *path, const char *key_of, unsigned open_flags, fb_book **out,
                     char *errbuf, size_t errlen) {
    FB_ASSERT(path != NULL && key_of != NULL && out != NULL);
    FB_ASSERT(errbuf != NULL && errlen > 0);
    *out = NULL;
    fb_book *book = calloc(1, sizeof *book);
    if (!book) {
        snprintf(errbuf, errlen, "out of memory");
        return FB_ENOMEM;
    }
    fb__audit_init(book, key_of);
    int rc = fb__store_open(path, open_flags, 0, &book->store, errbuf, errlen);
    bool records = rc == FB_OK && fb__store_holds_records(book->store);
    bool parties = rc == FB_OK && fb__store_holds_parties(book->store);
    if (rc == FB_OK && !records && (open_flags & FB_OPEN_PARTIES) && !parties) {
        snprintf(errbuf, errlen,
                 "%s: this book on PostgreSQL is of schema version %d, which holds no parties:"
                 " open it to write once to bring it up (%s)",
                 fb_err_name(FB_ENOTSUP), fb__store_schema_version(book->store),
                 "docs/postgresql.md");
        rc = FB_ENOTSUP;
    }
    if (rc == FB_OK && !records && !(open_flags & (FB_OPEN_LEDGER | FB_OPEN_PARTIES))) {
        snprintf(errbuf, errlen,
                 "%s: the book's records (facilities, loans, certificates, the cooperation) are "
                 "on SQLite only so far; this book on PostgreSQL holds the ledger, users, the "
                 "audit log and the parties: init, accounts, transfers, users, audit, parties "
                 "create and get, export parties, verify and serve (%s)",
                 fb_err_name(FB_ENOTSUP), "docs/postgresql.md");
        rc = FB_ENOTSUP;
    }
    if (rc == FB_OK) {
        rc = fb__ledger_attach(book->store, book->errmsg, sizeof book->errmsg, &book->ledger);
        if (rc) snprintf(errbuf, errlen, "out of memory");
    }
    if (rc == FB_OK && !(open_flags & FB_OPEN_READONLY)) { /* the access room: both backends */
        rc = fb__audit_key_book(book);
        if (rc) snprintf(errbuf, errlen, "%s: %s", path, book->errmsg);
    }
    if (rc) {
        fb_book_close(book);
        return rc;
    }
    *out = book;
    return FB_OK;
}

void fb_book_close(fb_book *book) {
    if (!book) return;
    fb__audit_close(book);
    fb_ledger_close(book->ledger); /* it borrows the store: the book closes it */
    fb__store_close(book->store);
    free(book);
}

bool fb_book_holds_records(const fb_book *book) {
    FB_ASSERT(book != NULL && book->store != NULL);
    return fb__store_holds_records(book->store);
}

bool fb_book_holds_parties(const fb_book *book) {
    FB_ASSERT(book != NULL && book->store != NULL);
    return fb__store_holds_parties(book->store);
}

fb_ledger *fb_book_ledger(fb_book *book) {
    FB_ASSERT(book != NULL && book->ledger != NULL);
    return book->ledger;
}

const char *fb_book_errmsg(const fb_book *book) {
    FB_ASSERT(book != NULL);
    return book->errmsg;
}

int fb_book_schema_version(const fb_book *book) {
    FB_ASSERT(book != NULL && book->store != NULL);
    return fb__store_schema_version(book->store);
}

int fb_book_begin(fb_book *book) { return fb_ledger_begin(book->ledger); }
int fb_book_commit(fb_book *book) { return fb_ledger_commit(book->ledger); }
/* After a begin that failed (the book busy, or marked by a stopped import: fb__store_writable)
 * there is nothing to roll back: the operations' one exit path rolls back whatever rc. */
void fb_book_rollback(fb_book *book) {
    if (fb__ledger_in_unit(book->ledger)) fb_ledger_rollback(book->ledger);
}
bool fb_book_unit_failed(const fb_book *book) { return fb_ledger_unit_failed(book->ledger); }

int fb_book_verify(fb_book *book, fb_report_fn *report, void *ctx, uint64_t *failures) {
    FB_ASSERT(book != NULL && failures != NULL);
    fb__audit_prepare_verify(book);
    return fb_ledger_verify(book->ledger, report, ctx, failures);
}

int fb__book_refuse(fb_book *book, int code, const char *fmt, ...) {
    FB_ASSERT(book != NULL && code < 0);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(book->errmsg, sizeof book->errmsg, fmt, ap);
    va_end(ap);
    return code;
}
