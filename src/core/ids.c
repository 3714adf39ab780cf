/* ids.c — the rule for client-chosen ids of accounts, transfers and business records. */
#include "core/assert.h"
#include "finbridge/core.h"

/* The characters of an id, A-Z a-z 0-9 . _ : -, as a table (every id of every event is checked,
 * by the decoder and again by the ledger). */
static const bool id_chars[256] = {
    ['-'] = true, ['.'] = true, ['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true,
    ['4'] = true, ['5'] = true, ['6'] = true, ['7'] = true, ['8'] = true, ['9'] = true,
    [':'] = true, ['A'] = true, ['B'] = true, ['C'] = true, ['D'] = true, ['E'] = true,
    ['F'] = true, ['G'] = true, ['H'] = true, ['I'] = true, ['J'] = true, ['K'] = true,
    ['L'] = true, ['M'] = true, ['N'] = true, ['O'] = true, ['P'] = true, ['Q'] = true,
    ['R'] = true, ['S'] = true, ['T'] = true, ['U'] = true, ['V'] = true, ['W'] = true,
    ['X'] = true, ['Y'] = true, ['Z'] = true, ['_'] = true, ['a'] = true, ['b'] = true,
    ['c'] = true, ['d'] = true, ['e'] = true, ['f'] = true, ['g'] = true, ['h'] = true,
    ['i'] = true, ['j'] = true, ['k'] = true, ['l'] = true, ['m'] = true, ['n'] = true,
    ['o'] = true, ['p'] = true, ['q'] = true, ['r'] = true, ['s'] = true, ['t'] = true,
    ['u'] = true, ['v'] = true, ['w'] = true, ['x'] = true, ['y'] = true, ['z'] = true,
};

static bool id_char(char c) { return id_chars[(unsigned char)c]; }

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
