/* ledger_store.h — the store under a ledger, for the book's own records. Only src/book uses it,
 * inside a unit of work (fb_ledger_begin), so that its records and the ledger's events commit
 * together. */
#ifndef FB_LEDGER_STORE_H
#define FB_LEDGER_STORE_H

#include "store/store.h"

fb_store *fb__ledger_store(fb_ledger *l);
/* Sets the message fb_ledger_errmsg returns, for a refusal of the book's own. Returns code. */
int fb__ledger_refuse(fb_ledger *l, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
