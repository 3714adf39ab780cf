/* cmd_serve.c — `finbridge serve`: the HTTP API and the dashboard. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/server.h"
#include "cli/cli.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig) {
    (void)sig;
    stop_requested = 1;
}

/* The dashboard's folder: the one named, else web/ here, else web/ beside the build folder of
 * this program (build/finbridge: ../web). NULL when none holds index.html. */
static const char *web_folder(const char *named, char *buf, size_t cap) {
    char probe[1100];
    if (named) {
        snprintf(probe, sizeof probe, "%s/index.html", named);
        return access(probe, R_OK) == 0 ? named : NULL;
    }
    if (access("web/index.html", R_OK) == 0) return "web";
    char exe[900];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = 0;
    for (int up = 0; up < 3; up++) {
        char *slash = strrchr(exe, '/');
        if (!slash) return NULL;
        *slash = 0;
        snprintf(buf, cap, "%s/web", exe);
        snprintf(probe, sizeof probe, "%s/index.html", buf);
        if (access(probe, R_OK) == 0) return buf;
    }
    return NULL;
}

static bool server_uri(const char *db) {
    return strncmp(db, "postgresql://", 13) == 0 || strncmp(db, "postgres://", 11) == 0;
}

int cmd_serve(int argc, char **argv) {
    static const char *const extra[] = {"--listen",      "--port-file", "--threads",
                                        "--body-max",    "--web",       "--session-minutes",
                                        "--request-log", "--read-db",   NULL};
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra,
                         "finbridge serve --db PATH [--listen 127.0.0.1:8080] [--port-file F]"
                         " [--threads N] [--body-max BYTES] [--web DIR] [--session-minutes M]"
                         " [--request-log on|off] [--read-db URI]",
                         &o)) {
        return CLI_ERROR;
    }
    fb_serve_options so = {
        o.db, o.extra[0] ? o.extra[0] : "127.0.0.1:8080", 4u << 20, 0, o.extra[1], NULL, 0, true,
        NULL};
    /* A JSON line a request on stderr (docs/api.md, "The request log"), unless told off. */
    const char *log_flag = o.extra[6];
    if (log_flag && strcmp(log_flag, "on") != 0 && strcmp(log_flag, "off") != 0) {
        fprintf(stderr, "finbridge: --request-log %s: expected on or off\n", log_flag);
        return CLI_ERROR;
    }
    so.request_log = !log_flag || strcmp(log_flag, "on") == 0;
    /* Reads from a standby of the book's cluster: both must be PostgreSQL URIs. */
    so.read_db = o.extra[7];
    if (so.read_db && (!server_uri(so.read_db) || !server_uri(o.db))) {
        fprintf(stderr,
                "finbridge: --read-db %s: reads go to a standby of the book's PostgreSQL"
                " cluster: both --db and --read-db must be postgresql:// URIs\n",
                so.read_db);
        return CLI_ERROR;
    }
    char web[1024];
    so.web = web_folder(o.extra[4], web, sizeof web);
    if (o.extra[4] && !so.web) {
        fprintf(stderr, "finbridge: --web %s: no index.html there\n", o.extra[4]);
        return CLI_ERROR;
    }
    if (!so.web) {
        fprintf(stderr, "finbridge serve: no dashboard (no web/index.html here or beside the "
                        "program): the API alone; --web DIR names the folder\n");
    }
    if (o.extra[5]) {
        int64_t m = 0;
        if (!cli_int_option("--session-minutes", o.extra[5], 1, 24 * 60L, &m)) return CLI_ERROR;
        so.session_idle_s = (unsigned)m * 60;
    }
    const char *numbers[2] = {o.extra[2], o.extra[3]};
    int64_t values[2] = {0, 0};
    for (int i = 0; i < 2; i++) {
        if (numbers[i] &&
            !cli_int_option(extra[2 + i], numbers[i], 1, i ? 1L << 30 : 256, &values[i])) {
            return CLI_ERROR;
        }
    }
    if (values[0]) so.threads = (unsigned)values[0];
    if (values[1]) so.body_max = (size_t)values[1];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    int rc = fb_serve(&so, &stop_requested, stderr);
    return rc ? CLI_ERROR : CLI_OK;
}
