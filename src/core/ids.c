/* ids.c — the rule for client-chosen ids of accounts, transfers and business records. */
#include "core/assert.h"
#include "finbridge/core.h"

static bool id_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == ':' || c == '-';
}

bool fb_id_valid(const char *s, size_t len, const char **reason) {
    FB_ASSERT(s != NULL);
    const char *why = NULL;
    if (len == 0) {
        why = "is empty";
    } else if (len > FB_ID_MAX) {
        why = "is longer than 64 characters";
    } else {
        for (size_t i = 0; i < len; i++) {
            if (!id_char(s[i])) {
                why = "has a character outside A-Z a-z 0-9 . _ : -";
                break;
            }
        }
    }
    if (why && reason) *reason = why;
    return why == NULL;
}
