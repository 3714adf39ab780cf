/* attach.h — how a book takes a ledger over its own store. Only src/book uses it: the book owns
 * the store (its records and the ledger's rows commit in one transaction) and the ledger borrows
 * it. */
#ifndef FB_LEDGER_ATTACH_H
#define FB_LEDGER_ATTACH_H

#include "finbridge/ledger.h"
#include "store/store.h"

/* A ledger over store, which stays the caller's (fb_ledger_close leaves it open). Its messages
 * go to errbuf (cap bytes), the book's, so that one message names the last failure of either.
 * FB_OK or FB_ENOMEM. */
int fb__ledger_attach(fb_store *store, char *errbuf, size_t cap, fb_ledger **out);
/* Forgets the accounts cached, between units of work: a long run of units (an import in parts)
 * keeps in memory only what one unit touches, not every account it ever created. */
void fb__ledger_forget_accounts(fb_ledger *l);
/* Whether a unit of work is open (fb_ledger_begin succeeded and it has not ended). */
bool fb__ledger_in_unit(const fb_ledger *l);
#endif
