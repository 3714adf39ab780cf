/* book_internal.h — what the files of the loan book share: building ledger events. */
#ifndef FB_BOOK_INTERNAL_H
#define FB_BOOK_INTERNAL_H

#include "finbridge/finbridge.h"

/* An account event with the given id, ledger, chart code and flags. */
fb_account fb__book_account(const char *id, uint32_t ledger, uint16_t code, uint16_t flags);

#endif
