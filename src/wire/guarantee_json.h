/* guarantee_json.h — JSON of government financing guarantees, for both doors: the decoders read
 * by the tables of records_guarantee.c, the encoders write what they list. Every encoder returns
 * a new object the caller owns. */
#ifndef FB_WIRE_GUARANTEE_H
#define FB_WIRE_GUARANTEE_H

#include "wire/view_json.h"

/* A guarantee (Guarantee): decoded, then checked (fb_guarantee_check: the split sums to 100%). */
int fb_json_read_guarantee(const char *text, size_t len, fb_guarantee *out, fb_json_error *err);
json_t *fb_json_encode_guarantee_result(const char *id, fb_guarantee_result r);
json_t *fb_json_encode_guarantee(const fb_guarantee_view *v);
/* A claim's body (GuaranteeClaim): its date (0: none given). */
int fb_json_read_guarantee_claim(const char *text, size_t len, int32_t *date, fb_json_error *err);
/* A payment's body (GuaranteePay): who pays. */
int fb_json_read_guarantee_pay(const char *text, size_t len, fb_guarantor *who, fb_json_error *err);
/* What a claim (pay false) or a payment did (GuaranteeActResult). */
json_t *fb_json_encode_guarantee_act(const char *id, bool pay, fb_guarantee_result r,
                                     fb_guarantor who, int64_t amount_fen, int32_t due);
/* What a share-back did (GuaranteeActResult, act share_back): done, the sum and what went back
 * to each guarantor; otherwise the rule that refused it. */
json_t *fb_json_encode_guarantee_share_back(const char *id, fb_guarantee_result r,
                                            const int64_t returned_fen[FB_GUARANTOR_BANK]);
/* What charging the year's fee did (GuaranteeActResult, act fee): done or exists, the fee and
 * the year; insufficient_funds, the fee asked and what is available. */
json_t *fb_json_encode_guarantee_fee(const char *id, fb_guarantee_result r, int64_t fee_fen,
                                     int32_t year, int64_t available_fen);

#endif
