/* cmd_settings.c — `finbridge settings`: every setting of the book with its value, and its
 * business date; `--set KEY=VALUE` (as often as needed) changes settings, each checked against its
 * bounds; `--rate-ceiling P` is `--set rate_ceiling=P`. */
#include <string.h>

#include "cli/cli.h"
#include "core/assert.h"

#define SETS_MAX 32

typedef struct {
    const fb_setting_info *info;
    int64_t value;
    const char *text;
} change;

static const char *const usage =
    "finbridge settings --db PATH [--set KEY=VALUE]... [--rate-ceiling PERCENT]";

/* Reads one KEY=VALUE into c; false (said on stderr) when it is not a setting or not its kind. */
static bool read_change(const char *arg, change *c) {
    FB_ASSERT(arg != NULL && c != NULL);
    const char *eq = strchr(arg, '=');
    char key[64];
    if (!eq || (size_t)(eq - arg) >= sizeof key) {
        fprintf(stderr, "finbridge: --set %s: must be KEY=VALUE\n", arg);
        return false;
    }
    memcpy(key, arg, (size_t)(eq - arg));
    key[eq - arg] = '\0';
    c->info = fb_setting_find(key);
    c->text = eq + 1;
    const char *why = NULL;
    if (!c->info) {
        fprintf(stderr,
                "finbridge: --set %s: %s is not a setting (finbridge settings lists them)\n", arg,
                key);
        return false;
    }
    if (fb_setting_parse(c->info, c->text, &c->value, &why)) {
        fprintf(stderr, "finbridge: --set %s: %s %s\n", arg, key, why);
        return false;
    }
    return true;
}

/* The settings and the business date as one JSON line. */
static int print_settings(fb_book *book) {
    json_t *j = json_object();
    size_t n = 0;
    const fb_setting_info *all = fb_settings(&n);
    for (size_t i = 0; i < n; i++) {
        int64_t v = 0;
        char text[FB_RATE_STR_MAX];
        int rc = fb_setting_get(book, all[i].key, &v);
        if (rc) {
            json_decref(j);
            return rc;
        }
        json_object_set_new(j, all[i].key,
                            all[i].kind == FB_SETTING_FLAG ? json_boolean(v)
                            : all[i].kind == FB_SETTING_COUNT
                                ? json_integer(v)
                                : json_string(fb_setting_format(&all[i], v, text)));
    }
    int32_t open = 0;
    int rc = fb_business_date(book, &open);
    char date[11];
    json_object_set_new(j, "business_date",
                        open ? json_string(fb_date_format(open, date)) : json_null());
    if (rc == FB_OK)
        cli_print_json(stdout, j);
    else
        json_decref(j);
    return rc;
}

int cmd_settings(int argc, char **argv) {
    change changes[SETS_MAX];
    size_t n = 0;
    char *rest[8];
    int n_rest = 0;
    for (int i = 0; i < argc; i++) {
        bool set = strcmp(argv[i], "--set") == 0, ceiling = strcmp(argv[i], "--rate-ceiling") == 0;
        if (set || ceiling) {
            char buf[96];
            if (i + 1 >= argc || n == SETS_MAX) {
                fprintf(stderr, "finbridge: %s needs a value (at most %d)\nusage: %s\n", argv[i],
                        SETS_MAX, usage);
                return CLI_ERROR;
            }
            snprintf(buf, sizeof buf, ceiling ? "rate_ceiling=%s" : "%s", argv[++i]);
            if (!read_change(buf, &changes[n])) return CLI_ERROR;
            n++;
        } else if (n_rest < 8) {
            rest[n_rest++] = argv[i];
        }
    }
    cli_opts o;
    if (!cli_parse(n_rest, rest, OPT_DB, usage, &o)) return CLI_ERROR;
    if (o.n_positional) {
        fprintf(stderr, "finbridge: settings takes no arguments\nusage: %s\n", usage);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, n ? 0 : FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        rc = fb_setting_set(book, changes[i].info->key, changes[i].value);
        if (rc) {
            fprintf(stderr, "finbridge: settings: %s\n", fb_book_errmsg(book));
        }
    }
    if (rc == FB_OK) rc = print_settings(book);
    if (rc && n == 0) fprintf(stderr, "finbridge: settings: %s\n", fb_book_errmsg(book));
    fb_book_close(book);
    return rc == FB_OK ? CLI_OK : rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
}
