/* pool_json.h — JSON of risk-compensation pools, for both doors: the decoders read by the tables
 * of records_pool.c, the encoders write what they list. Every encoder returns a new object the
 * caller owns. */
#ifndef FB_WIRE_POOL_H
#define FB_WIRE_POOL_H

#include "wire/view_json.h"

/* A scheme (Pool): decoded, then checked (fb_pool_check). FB_EINVAL with err naming the field. */
int fb_json_read_pool(const char *text, size_t len, fb_pool *out, fb_json_error *err);
/* What creating one did (PoolResult): into a result line (fb_pool, fb_pool_outcome), or new. */
fb_json_result_fn fb_json_pool_result;
json_t *fb_json_encode_pool_result(const fb_pool *p, const fb_pool_outcome *o);
/* A pool as read (Pool), with its figures. */
json_t *fb_json_encode_pool(const fb_pool_view *v);

/* The body of an act (PoolFund, or PoolLoan for cover, claim and share back) into out, whose
 * pool the caller set: decoded, then checked. */
int fb_json_read_pool_act(const char *text, size_t len, fb_pool_act_kind kind, fb_pool_act *out,
                          fb_json_error *err);
/* What an act did (PoolActResult). */
json_t *fb_json_encode_pool_act(const fb_pool_act *a, const fb_pool_outcome *o);

#endif
