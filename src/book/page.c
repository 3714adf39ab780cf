/* page.c — long reads of the book: keyset pages of its records, in one read transaction, for an
 * export of a million loans in bounded memory. */
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

int fb_page(fb_book *book, fb_page_kind kind, const char *after, int32_t region, fb_list_id *ids,
            size_t cap, size_t *n) {
    FB_ASSERT(book != NULL && ids != NULL && n != NULL);
    FB_ASSERT(after != NULL);
    *n = 0;
    if ((unsigned)kind >= FB_PAGE_COUNT_) return fb__book_refuse(book, FB_EINVAL, "no such page");
    if (cap > FB_PAGE_MAX) {
        return fb__book_refuse(book, FB_ELIMIT, "a page holds at most %d ids", FB_PAGE_MAX);
    }
    if (strnlen(after, FB_ID_MAX + 1) > FB_ID_MAX) {
        return fb__book_refuse(book, FB_EINVAL, "after is longer than an id");
    }
    int32_t lo = 0, hi = 0;
    fb__region_span(region, &lo, &hi);
    return fb__store_page(book->store, (int)kind, after, lo, hi, ids, cap, n);
}

int fb_book_read_begin(fb_book *book) {
    FB_ASSERT(book != NULL && book->store != NULL);
    return fb__store_begin_read(book->store);
}

void fb_book_read_end(fb_book *book) {
    FB_ASSERT(book != NULL && book->store != NULL);
    /* A read transaction has nothing to make durable: its end only lets the snapshot go (a
     * rollback, which a read-only connection may do, and which runs no commit hook). */
    fb__store_rollback(book->store);
}

int fb_book_data_version(fb_book *book, int64_t *version) {
    FB_ASSERT(book != NULL && version != NULL);
    /* A connection's own commits leave its data_version as it was: only a book that writes
     * nothing has a version that every write changes. */
    FB_ASSERT(fb__store_readonly(book->store));
    return fb__store_data_version(book->store, version);
}
