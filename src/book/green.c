/* green.c — the green catalogue a book checks its green facilities by (绿色金融支持项目目录
 * （2025年版）): the official annex loaded as data, or, until it is, the catalogue's shape and
 * its nine level-1 categories (core/green.c). The 271 level-3 items are not built in: they were
 * not available when this was written (docs/accounts.md, "The green catalogue"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

/* The code one level up ("3.2" of "3.2.1"), "" for a level-1 code. */
static void parent_of(const char *code, char *out, size_t cap) {
    const char *dot = strrchr(code, '.');
    size_t len = dot ? (size_t)(dot - code) : 0;
    FB_ASSERT(len < cap);
    memcpy(out, code, len);
    out[len] = 0;
}

/* An item's own fields, and its parent among items[0..n). */
static int check_item(fb_book *book, const fb_green_item *items, size_t n, size_t i) {
    const fb_green_item *g = &items[i];
    int levels = 0;
    const char *why = NULL;
    if (fb_green_code_check(g->code, &levels, &why)) {
        return fb__book_refuse(book, FB_EINVAL, "green catalogue, item %zu: code %s %s", i + 1,
                               g->code, why);
    }
    if (levels != g->level) {
        return fb__book_refuse(book, FB_EINVAL,
                               "green catalogue, item %s: level %d, but its code has %d parts",
                               g->code, g->level, levels);
    }
    char parent[FB_GREEN_CODE_MAX + 1];
    parent_of(g->code, parent, sizeof parent);
    if (strcmp(parent, g->parent) != 0) {
        return fb__book_refuse(book, FB_EINVAL,
                               "green catalogue, item %s: its parent is %s, not \"%s\"", g->code,
                               parent[0] ? parent : "none (level 1)", g->parent);
    }
    if (!g->name[0]) {
        return fb__book_refuse(book, FB_EINVAL, "green catalogue, item %s: its name is empty",
                               g->code);
    }
    bool found = !parent[0];
    for (size_t k = 0; !found && k < n; k++)
        found = strcmp(items[k].code, parent) == 0;
    for (size_t k = 0; k < i; k++) {
        if (strcmp(items[k].code, g->code) == 0) {
            return fb__book_refuse(book, FB_EINVAL, "green catalogue: item %s is given twice",
                                   g->code);
        }
    }
    if (!found) {
        return fb__book_refuse(
            book, FB_EINVAL, "green catalogue, item %s: its parent %s is missing", g->code, parent);
    }
    /* The catalogue has three levels: its leaves, what a loan finances, are its level-3 items. */
    bool parent_of_some = g->level == FB_GREEN_LEVELS;
    for (size_t k = 0; !parent_of_some && k < n; k++)
        parent_of_some = strcmp(items[k].parent, g->code) == 0;
    if (!parent_of_some) {
        return fb__book_refuse(book, FB_EINVAL,
                               "green catalogue, item %s: level %d with no item under it (the"
                               " leaves are the level-%d items)",
                               g->code, g->level, FB_GREEN_LEVELS);
    }
    return FB_OK;
}

int fb_green_catalogue_load(fb_book *book, const fb_green_item *items, size_t n) {
    FB_ASSERT(book != NULL && (items != NULL || n == 0));
    if (n == 0) return fb__book_refuse(book, FB_EINVAL, "green catalogue: no items");
    if (n > FB_GREEN_ITEMS_MAX) {
        return fb__book_refuse(book, FB_EINVAL,
                               "green catalogue: %zu items, more than FB_GREEN_ITEMS_MAX (%d)", n,
                               FB_GREEN_ITEMS_MAX);
    }
    for (size_t i = 0; i < n; i++) {
        int rc = check_item(book, items, n, i);
        if (rc) return rc;
    }
    int rc = fb_book_begin(book);
    if (rc) return rc;
    rc = fb__store_green_replace(book->store, items, n);
    char facility[FB_FACILITY_ID_MAX + 1], code[FB_GREEN_CODE_MAX + 1];
    if (rc == FB_OK) {
        rc = fb__store_green_unlisted(book->store, facility, sizeof facility, code, sizeof code);
    }
    if (rc == FB_OK && facility[0]) {
        rc = fb__book_refuse(book, FB_EINVAL,
                             "green catalogue: facility %s finances item %s, which is no level-3 "
                             "item of it",
                             facility, code);
    }
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

int fb_green_catalogue(fb_book *book, fb_green_item **out, size_t *n, bool *loaded) {
    FB_ASSERT(out != NULL && n != NULL && loaded != NULL);
    int rc = fb__store_green_all(book->store, out, n);
    if (rc) return rc;
    *loaded = *n > 0;
    if (*loaded) return FB_OK;
    free(*out);
    *out = calloc(FB_GREEN_LEVEL1_COUNT, sizeof **out);
    if (!*out) return FB_ENOMEM;
    for (int i = 0; i < FB_GREEN_LEVEL1_COUNT; i++) {
        fb_green_item *g = &(*out)[i];
        snprintf(g->code, sizeof g->code, "%d", i + 1);
        g->level = 1;
        snprintf(g->name, sizeof g->name, "%s", fb_green_level1_name(i + 1));
    }
    *n = FB_GREEN_LEVEL1_COUNT;
    return FB_OK;
}

int fb_green_item_known(fb_book *book, const char *code, char *reason, size_t cap) {
    FB_ASSERT(book != NULL && code != NULL && reason != NULL && cap > 0);
    int levels = 0;
    const char *why = NULL;
    if (fb_green_code_check(code, &levels, &why)) {
        snprintf(reason, cap,
                 "%s: a level-3 item of 绿色金融支持项目目录（2025年版） is three dotted "
                 "numbers such as 3.2.1, under one of its level-1 categories 1 to 9",
                 why);
        return FB_EINVAL;
    }
    if (levels != FB_GREEN_LEVELS) {
        snprintf(reason, cap,
                 "is a level-%d code: a green loan finances a level-3 item (three dotted numbers "
                 "such as 3.2.1)",
                 levels);
        return FB_EINVAL;
    }
    int64_t rows = 0;
    int rc = fb__store_green_count(book->store, &rows);
    if (rc || rows == 0) return rc;
    fb_green_item g;
    rc = fb__store_green_get(book->store, code, &g);
    if (rc == FB_ENOTFOUND || (rc == FB_OK && g.level != FB_GREEN_LEVELS)) {
        snprintf(reason, cap, "is no level-3 item of the green catalogue the book has loaded");
        return FB_EINVAL;
    }
    return rc;
}
