/* book_internal.h — what the files of the loan book share: building ledger events. */
#ifndef FB_BOOK_INTERNAL_H
#define FB_BOOK_INTERNAL_H

#include "finbridge/finbridge.h"

/* An account event with the given id, ledger, chart code and flags. */
fb_account fb__book_account(const char *id, uint32_t ledger, uint16_t code, uint16_t flags);

/* Whether a party is in the inclusive small-micro scope (普惠型小微) with total_fen of credit at
 * the bank: a small or micro enterprise or an individual business, within ten million yuan by the
 * regulator's scope (<=) and the central bank's statistics (<). Returns whether it is small. */
bool fb__book_inclusive(const fb_party *p, int64_t total_fen, bool *cbirc, bool *pboc);

#endif
