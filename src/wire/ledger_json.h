/* ledger_json.h — JSON for ledger events and records, shared by the command line and the API.
 *
 * Decoding is strict: an event is one object with known fields of the right types; an amount is a
 * string of yuan ("1234.56"), never a JSON number; timestamps are strings of decimal nanoseconds,
 * as they exceed the integers JSON readers keep exactly. */
#ifndef FB_WIRE_LEDGER_H
#define FB_WIRE_LEDGER_H

#include <jansson.h>

#include "finbridge/finbridge.h"

/* Why an input was rejected: the field at fault ("" when the whole input is) and the reason. */
typedef struct {
    char field[FB_FIELD_NAME_MAX + 1];
    char reason[200];
} fb_json_error;

/* Decodes one account or transfer from text[0..len). Returns FB_OK, or FB_EINVAL with err set.
 * On failure *linked says whether the input asked to be linked, as far as it could be read, so
 * that a chain it belonged to can be failed as a whole. A flat line of plain values is read by the
 * fast path, anything else by the full decoder. */
int fb_json_decode_account(const char *text, size_t len, fb_account *out, bool *linked,
                           fb_json_error *err);
int fb_json_decode_transfer(const char *text, size_t len, fb_transfer *out, bool *linked,
                            fb_json_error *err);

/* The decoders' fast path (ledger_fast.c): reads a flat object of plain values in one pass, with
 * no tree and no allocation, into *out; false when the text is anything else (then *out is
 * unspecified and the full decoder must read it, to say what is wrong). What it accepts, the full
 * decoder decodes to the same record. */
bool fb__json_fast_transfer(const char *text, size_t len, fb_transfer *out, bool *linked);
bool fb__json_fast_account(const char *text, size_t len, fb_account *out, bool *linked);
/* The full decoders alone (jansson), which the fast path is held to. */
int fb__json_full_account(const char *text, size_t len, fb_account *out, bool *linked,
                          fb_json_error *err);
int fb__json_full_transfer(const char *text, size_t len, fb_transfer *out, bool *linked,
                           fb_json_error *err);

/* The command line's result line of an event the ledger ran, with its newline, written directly
 * into buf: the bytes of {"line", "id"} and fb_json_event_result dumped compactly, in order,
 * without building the object (an id, a result's name and its reason need no escape). Returns
 * the length. buf holds FB_EVENT_LINE_MAX bytes. */
#define FB_EVENT_LINE_MAX 256
size_t fb_json_event_line(char *buf, size_t cap, uint64_t line, const char *id, fb_result r,
                          int64_t timestamp_ns, int64_t amount_fen, bool transfer);

/* An account as `accounts list` prints it, with its newline: the bytes fb_json_encode_account
 * dumps to compactly, in order, written directly into buf (FB_ACCOUNT_LINE_MAX bytes). Returns
 * the length, or 0 when its id or user_data would need escaping (then dump the object). */
#define FB_ACCOUNT_LINE_MAX 1024
size_t fb_json_account_line(char *buf, size_t cap, const fb_account *a);

/* Encodes a record as a new JSON object (the caller owns it; NULL when out of memory). */
json_t *fb_json_encode_account(const fb_account *a);
json_t *fb_json_encode_transfer(const fb_transfer *t);
/* An account's balances at a time, naming the account. */
json_t *fb_json_encode_balance(const char *account, const fb_balance *b);

/* A JSON string of an int64 (timestamps) or of fen as yuan. */
json_t *fb_json_i64_string(int64_t v);
json_t *fb_json_money(int64_t fen);

#endif
