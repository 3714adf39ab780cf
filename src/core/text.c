/* text.c — what input text must be before any decoder reads it: UTF-8 without NUL bytes. */
#include <string.h>

#include "core/assert.h"
#include "finbridge/core.h"

/* The length of the sequence a lead byte opens (1..4), or 0 for a byte no sequence starts with. */
static size_t sequence_length(unsigned char c) {
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return 2;
    if (c >= 0xE0 && c <= 0xEF) return 3;
    if (c >= 0xF0 && c <= 0xF4) return 4;
    return 0;
}

/* Whether the continuation bytes of a sequence are valid: each 10xxxxxx, and the second byte in
 * the range that excludes overlong forms, surrogates and code points above U+10FFFF (RFC 3629). */
static bool sequence_valid(const unsigned char *p, size_t n) {
    unsigned char lo = 0x80, hi = 0xBF;
    if (p[0] == 0xE0) lo = 0xA0;
    if (p[0] == 0xED) hi = 0x9F;
    if (p[0] == 0xF0) lo = 0x90;
    if (p[0] == 0xF4) hi = 0x8F;
    if (p[1] < lo || p[1] > hi) return false;
    for (size_t k = 2; k < n; k++) {
        if (p[k] < 0x80 || p[k] > 0xBF) return false;
    }
    return true;
}

fb_text_fault fb_text_check(const char *s, size_t len, size_t *offset) {
    FB_ASSERT(s != NULL || len == 0);
    FB_ASSERT(offset != NULL);
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] == 0) {
            *offset = i;
            return FB_TEXT_NUL;
        }
        size_t n = sequence_length(p[i]);
        if (n == 0 || n > len - i || (n > 1 && !sequence_valid(p + i, n))) {
            *offset = i;
            return FB_TEXT_BAD_UTF8;
        }
        i += n;
    }
    *offset = len;
    return FB_TEXT_OK;
}

size_t fb_text_cut(char *s, size_t cap) {
    FB_ASSERT(s != NULL && cap > 0);
    size_t len = strnlen(s, cap - 1);
    size_t at = 0;
    fb_text_check(s, len, &at);
    s[at] = '\0';
    return at;
}
