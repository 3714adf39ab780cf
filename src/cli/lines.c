/* lines.c — see lines.h. */
#include "cli/lines.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/assert.h"

bool cli_lines_open(cli_lines *r, int fd, int wake_fd) {
    FB_ASSERT(r != NULL && fd >= 0);
    memset(r, 0, sizeof *r);
    r->fd = fd;
    r->wake_fd = wake_fd;
    r->chunk = malloc(CLI_CHUNK);
    return r->chunk != NULL;
}

void cli_lines_close(cli_lines *r) {
    free(r->chunk);
    r->chunk = NULL;
}

/* Reads the next chunk, waiting first until the input or the wake descriptor is readable. */
static int refill(cli_lines *r) {
    for (;;) {
        if (r->wake_fd >= 0) {
            struct pollfd p[2] = {{.fd = r->fd, .events = POLLIN},
                                  {.fd = r->wake_fd, .events = POLLIN}};
            if (poll(p, 2, -1) < 0) {
                if (errno == EINTR) continue;
                r->err = errno;
                return CLI_LINES_FAILED;
            }
            if (p[1].revents) return CLI_LINES_STOPPED;
        }
        ssize_t got = read(r->fd, r->chunk, CLI_CHUNK);
        if (got < 0) {
            if (errno == EINTR) continue;
            r->err = errno;
            return CLI_LINES_FAILED;
        }
        r->pos = 0;
        r->len = (size_t)got;
        r->eof = got == 0;
        return 0;
    }
}

long cli_lines_next(cli_lines *r, char *buf, size_t cap, char *fault, size_t fault_cap) {
    FB_ASSERT(cap > 1 && fault_cap > 0);
    fault[0] = '\0';
    size_t n = 0;
    bool over = false, any = false;
    for (;;) {
        if (r->pos == r->len) {
            if (r->eof) break;
            int rc = refill(r);
            if (rc) return rc;
            if (r->eof) break;
        }
        const char *p = r->chunk + r->pos;
        size_t avail = r->len - r->pos;
        const char *nl = memchr(p, '\n', avail);
        size_t take = nl ? (size_t)(nl - p) : avail;
        size_t room = cap - 1 - n;
        any = true;
        if (take > room) over = true; /* consumed to its end, kept no further */
        memcpy(buf + n, p, take < room ? take : room);
        n += take < room ? take : room;
        r->pos += take + (nl ? 1 : 0);
        if (nl) break;
    }
    if (!any) return CLI_LINES_END;
    return cli_line_checked(buf, n, over, cap, fault, fault_cap);
}
