/* cmd_users.c — `finbridge users add|list|disable|enable|revoke|rotate|passwd`: the users of the
 * API and the dashboard. A password is read from a prompt on the terminal (no echo) or from stdin
 * (--password-stdin), never from the command line, where the process list and the shell's history
 * would keep it. Each change is one write, audited like every write of the command line. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"

static const char usage[] =
    "finbridge users add --db PATH --name N --role R [--party P] [--region C]\n"
    "                    [--password-stdin | --password-prompt]\n"
    "       finbridge users list --db PATH [--after NAME]\n"
    "       finbridge users disable|enable|revoke|rotate --db PATH NAME\n"
    "       finbridge users passwd --db PATH NAME [--password-stdin]";

/* The password buffer: the longest password, its newline, a NUL. */
#define PASSWORD_BUF (FB_PASSWORD_MAX + 3)

/* Reads one line of at most FB_PASSWORD_MAX bytes from fd into buf, without its newline. */
static bool read_secret_line(int fd, char *buf, const char *from) {
    size_t n = 0;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0 || c == '\n') break;
        if (n >= FB_PASSWORD_MAX) {
            fprintf(stderr, "finbridge: the password on %s is longer than %d bytes\n", from,
                    FB_PASSWORD_MAX);
            sodium_memzero(buf, PASSWORD_BUF);
            return false;
        }
        buf[n++] = c;
    }
    if (n && buf[n - 1] == '\r') n--;
    buf[n] = 0;
    if (!n) fprintf(stderr, "finbridge: no password on %s\n", from);
    return n > 0;
}

/* Asks on the terminal, twice, with echo off. */
static bool prompt_password(char *buf) {
    int tty = open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0) {
        fprintf(stderr, "finbridge: no terminal to ask for the password on: give it on stdin with"
                        " --password-stdin\n");
        return false;
    }
    struct termios was, quiet;
    bool echo_off = tcgetattr(tty, &was) == 0;
    quiet = was;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    if (echo_off) tcsetattr(tty, TCSAFLUSH, &quiet);
    char again[PASSWORD_BUF];
    static const char ask[] = "Password: ", ask_again[] = "\nAgain: ";
    bool ok = write(tty, ask, sizeof ask - 1) > 0 && read_secret_line(tty, buf, "the terminal") &&
              write(tty, ask_again, sizeof ask_again - 1) > 0 &&
              read_secret_line(tty, again, "the terminal");
    if (echo_off) tcsetattr(tty, TCSAFLUSH, &was);
    if (write(tty, "\n", 1) < 0) ok = false;
    close(tty);
    if (ok && strcmp(buf, again) != 0) {
        fprintf(stderr, "finbridge: the two passwords differ\n");
        ok = false;
    }
    sodium_memzero(again, sizeof again);
    return ok;
}

/* Refuses a password given on the command line, saying what to use instead. */
static bool no_password_argument(int argc, char **argv) {
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--password") == 0 || strncmp(argv[i], "--password=", 11) == 0) {
            fprintf(stderr,
                    "finbridge: --password is not taken on the command line, where the process"
                    " list and the shell's history would keep it: pipe it in with"
                    " --password-stdin, or be asked on a terminal (users add --password-prompt;"
                    " users passwd asks by default)\n");
            return false;
        }
    }
    return true;
}

/* Takes the flags --password-stdin and --password-prompt out of argv. */
static int take_flags(int argc, char **argv, char **rest, bool *from_stdin, bool *prompt) {
    int n = 0;
    for (int i = 0; i < argc && n < CLI_POSITIONAL_MAX; i++) {
        if (strcmp(argv[i], "--password-stdin") == 0) {
            *from_stdin = true;
        } else if (strcmp(argv[i], "--password-prompt") == 0) {
            *prompt = true;
        } else {
            rest[n++] = argv[i];
        }
    }
    return n;
}

static int exit_for(int rc) {
    return rc == FB_EINVAL || rc == FB_ENOTFOUND ? CLI_FAILED : CLI_ERROR;
}

/* Fills u from the options of users add; false with the problem said. */
static bool user_of(const cli_opts *o, fb_user *u) {
    memset(u, 0, sizeof *u);
    if (!o->extra[0] || !o->extra[1] || o->n_positional) {
        fprintf(stderr, "finbridge: usage: %s\n", usage);
        return false;
    }
    if (strlen(o->extra[0]) >= sizeof u->name) {
        fprintf(stderr, "finbridge: --name is longer than %d characters\n", FB_USER_NAME_MAX);
        return false;
    }
    snprintf(u->name, sizeof u->name, "%s", o->extra[0]);
    if (fb_role_parse(o->extra[1], &u->role)) {
        fprintf(stderr, "finbridge: --role must be admin, bank_officer, enterprise, government,"
                        " auditor or guarantor\n");
        return false;
    }
    if (o->extra[2]) snprintf(u->party, sizeof u->party, "%s", o->extra[2]);
    if (o->extra[3]) {
        int64_t region = 0;
        if (!cli_int_option("--region", o->extra[3], 100000, 999999, &region)) return false;
        u->region = (int32_t)region;
    }
    return true;
}

static int users_add(int argc, char **argv) {
    static const char *const extra[] = {"--name", "--role", "--party", "--region", NULL};
    char *args[CLI_POSITIONAL_MAX];
    bool from_stdin = false, prompt = false;
    int n = take_flags(argc, argv, args, &from_stdin, &prompt);
    cli_opts o;
    fb_user u;
    if (!cli_parse_extra(n, args, OPT_DB, extra, usage, &o) || !user_of(&o, &u)) return CLI_ERROR;
    if (from_stdin && prompt) {
        fprintf(stderr, "finbridge: --password-stdin or --password-prompt, not both\n");
        return CLI_ERROR;
    }
    char password[PASSWORD_BUF];
    if ((from_stdin && !read_secret_line(STDIN_FILENO, password, "stdin")) ||
        (prompt && !prompt_password(password))) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_LEDGER);
    int rc = FB_EIO;
    char token[FB_TOKEN_HEX + 1];
    if (book) rc = fb_user_add(book, &u, from_stdin || prompt ? password : NULL, token);
    sodium_memzero(password, sizeof password);
    if (!book) return CLI_ERROR;
    if (rc) {
        fprintf(stderr, "finbridge: users add: %s\n", fb_book_errmsg(book));
        fb_book_close(book);
        return exit_for(rc);
    }
    json_t *j = json_object();
    json_object_set_new(j, "name", json_string(u.name));
    json_object_set_new(j, "role", json_string(fb_role_name(u.role)));
    json_object_set_new(j, "token", json_string(token));
    cli_print_json(stdout, j);
    sodium_memzero(token, sizeof token);
    fprintf(stderr, "finbridge: the token is shown once; only its hash is kept\n");
    fb_book_close(book);
    return CLI_OK;
}

static json_t *row_json(const fb_user_row *r) {
    json_t *o = json_object();
    char ns[24];
    json_object_set_new(o, "name", json_string(r->user.name));
    json_object_set_new(o, "role", json_string(fb_role_name(r->user.role)));
    if (r->user.party[0]) json_object_set_new(o, "party", json_string(r->user.party));
    if (r->user.region) json_object_set_new(o, "region", json_integer(r->user.region));
    json_object_set_new(o, "disabled", json_boolean(r->disabled));
    json_object_set_new(o, "token", json_boolean(r->has_token));
    json_object_set_new(o, "password", json_boolean(r->has_password));
    snprintf(ns, sizeof ns, "%lld", (long long)r->created_ns);
    json_object_set_new(o, "created", json_string(ns));
    snprintf(ns, sizeof ns, "%lld", (long long)r->changed_ns);
    json_object_set_new(o, "changed", json_string(ns));
    return o;
}

static int users_list(int argc, char **argv) {
    static const char *const extra[] = {"--after", NULL};
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    if (o.n_positional) {
        fprintf(stderr, "finbridge: usage: %s\n", usage);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY | FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    enum { PAGE = 100 };
    fb_user_row *rows = calloc(PAGE, sizeof *rows);
    char after[FB_USER_NAME_MAX + 1];
    snprintf(after, sizeof after, "%s", o.extra[0] ? o.extra[0] : "");
    int rc = rows ? FB_OK : FB_ENOMEM;
    for (size_t n = PAGE; rc == FB_OK && n == PAGE;) {
        rc = fb_users_list(book, after, rows, PAGE, &n);
        for (size_t i = 0; rc == FB_OK && i < n; i++)
            cli_print_json(stdout, row_json(&rows[i]));
        if (n) snprintf(after, sizeof after, "%s", rows[n - 1].user.name);
    }
    if (rc) fprintf(stderr, "finbridge: users list: %s\n", fb_book_errmsg(book));
    free(rows);
    fb_book_close(book);
    return rc ? CLI_ERROR : CLI_OK;
}

/* users disable|enable|revoke|rotate|passwd NAME. */
static int users_change(const char *verb, fb_user_change what, int argc, char **argv) {
    char *args[CLI_POSITIONAL_MAX];
    bool from_stdin = false, prompt = false;
    int n = take_flags(argc, argv, args, &from_stdin, &prompt);
    cli_opts o;
    if (!cli_parse(n, args, OPT_DB, usage, &o)) return CLI_ERROR;
    if (o.n_positional != 1 || ((from_stdin || prompt) && what != FB_USER_PASSWD)) {
        fprintf(stderr, "finbridge: usage: %s\n", usage);
        return CLI_ERROR;
    }
    char password[PASSWORD_BUF] = "";
    if (what == FB_USER_PASSWD) {
        if (!from_stdin && !isatty(STDIN_FILENO) && !prompt) {
            fprintf(stderr, "finbridge: stdin is not a terminal: give the password on stdin with"
                            " --password-stdin\n");
            return CLI_ERROR;
        }
        if (from_stdin ? !read_secret_line(STDIN_FILENO, password, "stdin")
                       : !prompt_password(password)) {
            return CLI_ERROR;
        }
    }
    fb_book *book = cli_open(&o, FB_OPEN_LEDGER);
    char token[FB_TOKEN_HEX + 1];
    int rc = book ? fb_user_change_apply(book, o.positional[0], what,
                                         what == FB_USER_PASSWD ? password : NULL,
                                         what == FB_USER_ROTATE ? token : NULL)
                  : FB_EIO;
    sodium_memzero(password, sizeof password);
    if (!book) return CLI_ERROR;
    if (rc) {
        fprintf(stderr, "finbridge: users %s: %s\n", verb, fb_book_errmsg(book));
        fb_book_close(book);
        return exit_for(rc);
    }
    json_t *j = json_object();
    json_object_set_new(j, "name", json_string(o.positional[0]));
    json_object_set_new(j, "done", json_string(verb));
    if (what == FB_USER_ROTATE) json_object_set_new(j, "token", json_string(token));
    cli_print_json(stdout, j);
    if (what == FB_USER_ROTATE) {
        sodium_memzero(token, sizeof token);
        fprintf(stderr, "finbridge: the new token is shown once; the old one no longer works\n");
    }
    fb_book_close(book);
    return CLI_OK;
}

int cmd_users(int argc, char **argv) {
    static const struct {
        const char *verb;
        fb_user_change what;
    } changes[] = {{"disable", FB_USER_DISABLE},
                   {"enable", FB_USER_ENABLE},
                   {"revoke", FB_USER_REVOKE},
                   {"rotate", FB_USER_ROTATE},
                   {"passwd", FB_USER_PASSWD}};
    if (argc >= 1 && !no_password_argument(argc - 1, argv + 1)) return CLI_ERROR;
    if (argc >= 1 && strcmp(argv[0], "add") == 0) return users_add(argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "list") == 0) return users_list(argc - 1, argv + 1);
    for (size_t i = 0; argc >= 1 && i < sizeof changes / sizeof changes[0]; i++) {
        if (strcmp(argv[0], changes[i].verb) == 0) {
            return users_change(changes[i].verb, changes[i].what, argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "finbridge: usage: %s\n", usage);
    return CLI_ERROR;
}
