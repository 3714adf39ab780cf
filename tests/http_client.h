/* http_client.h — a small HTTP/1.1 client for the tests that drive `finbridge serve` over
 * loopback: one connection a request (Connection: close), a JSON body sent as
 * application/json, the answer's status, headers and body. A request may come from another
 * loopback address (127.0.0.2, ...: Linux answers the whole of 127/8 without setup) and may be
 * sent raw, to say what a well-behaved client would not. */
#ifndef FB_TESTS_HTTP_CLIENT_H
#define FB_TESTS_HTTP_CLIENT_H

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int port; /* the server's, once started */

typedef struct {
    int status;
    json_t *json;
    char head[8192]; /* the status line and headers */
    char body[65536];
    size_t body_len;
    int responses; /* status lines seen on the connection (raw requests) */
} answer;

typedef struct {
    const char *method, *path, *token, *body;
    const char *content_type; /* NULL: application/json when there is a body */
    const char *headers;      /* more header lines, each ending in \r\n */
    const char *from;         /* a loopback source address, NULL for 127.0.0.1 */
    const char *raw;          /* when set, sent as it is instead */
    int timeout_ms;           /* for each read; 0: 10 s */
} request;

/* A socket connected to the server from `from` (NULL: 127.0.0.1), or -1. */
static int connect_from(const char *from, int timeout_ms) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    if (from) {
        inet_pton(AF_INET, from, &addr.sin_addr);
        if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
            close(fd);
            return -1;
        }
    }
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool send_request(const request *q, answer *a) {
    memset(a, 0, sizeof *a);
    int fd = connect_from(q->from, q->timeout_ms ? q->timeout_ms : 10000);
    if (fd < 0) return false;
    static __thread char buf[1 << 20];
    size_t blen = q->body ? strlen(q->body) : 0;
    int n = 0;
    if (q->raw) {
        n = snprintf(buf, sizeof buf, "%s", q->raw);
    } else {
        const char *type = q->content_type ? q->content_type : q->body ? "application/json" : NULL;
        n = snprintf(buf, sizeof buf,
                     "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                     "Content-Length: %zu\r\n%s%s%s%s%s%s%s\r\n",
                     q->method, q->path, blen, q->token ? "Authorization: Bearer " : "",
                     q->token ? q->token : "", q->token ? "\r\n" : "", type ? "Content-Type: " : "",
                     type ? type : "", type ? "\r\n" : "", q->headers ? q->headers : "");
    }
    bool ok = n > 0 && (size_t)n < sizeof buf && write(fd, buf, (size_t)n) == n;
    for (size_t at = 0; ok && !q->raw && at < blen;) {
        ssize_t w = write(fd, q->body + at, blen - at);
        if (w <= 0) break;
        at += (size_t)w;
    }
    size_t got = 0;
    for (ssize_t r; got + 1 < sizeof buf && (r = read(fd, buf + got, sizeof buf - 1 - got)) > 0;)
        got += (size_t)r;
    close(fd);
    buf[got] = 0;
    for (const char *p = buf; (p = strstr(p, "HTTP/1.1 ")) != NULL; p += 9)
        a->responses++;
    if (sscanf(buf, "HTTP/1.1 %d", &a->status) != 1) return false;
    const char *start = strstr(buf, "\r\n\r\n");
    size_t head_len = start ? (size_t)(start - buf) : got;
    snprintf(a->head, sizeof a->head, "%.*s", (int)head_len, buf);
    if (start) {
        a->body_len = got - head_len - 4;
        snprintf(a->body, sizeof a->body, "%s", start + 4);
        a->json = json_loads(start + 4, 0, NULL);
    }
    return true;
}

__attribute__((unused)) static bool http(const char *method, const char *path, const char *token,
                                         const char *body, answer *a) {
    request q = {method, path, token, body, NULL, NULL, NULL, NULL, 0};
    return send_request(&q, a);
}

/* Whether the answer's headers hold the line "name: value" (name in any case). */
__attribute__((unused)) static bool has_header(const answer *a, const char *name,
                                               const char *value) {
    char want[256];
    snprintf(want, sizeof want, "\r\n%s: %s\r", name, value);
    char head[sizeof a->head + 2];
    snprintf(head, sizeof head, "%s\r\n", a->head);
    for (char *p = head; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
    }
    for (char *p = want; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
    }
    return strstr(head, want) != NULL;
}

static void release(answer *a) {
    json_decref(a->json);
    a->json = NULL;
}

#endif
