/* ledger_store.h — the store under a ledger, for the book's own records. Only src/book uses it,
 * inside a unit of work (fb_ledger_begin), so that its records and the ledger's events commit
 * together. */
#ifndef FB_LEDGER_STORE_H
#define FB_LEDGER_STORE_H

#include "store/store.h"

fb_store *fb__ledger_store(fb_ledger *l);

#endif
