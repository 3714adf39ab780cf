/* lines.h — JSON Lines read from a file descriptor in chunks, line by line exactly as
 * cli_read_line reads them from a FILE (the same lengths, the same faults), for a reader thread
 * that another thread can stop while it waits for input (cli/events.c). */
#ifndef FB_CLI_LINES_H
#define FB_CLI_LINES_H

#include <stdbool.h>
#include <stddef.h>

/* Bytes read from the descriptor at once. */
#define CLI_CHUNK ((size_t)256 * 1024)

typedef struct {
    int fd;      /* read from */
    int wake_fd; /* readable when the reader must stop (the read end of a pipe) */
    char *chunk; /* CLI_CHUNK bytes */
    size_t pos, len;
    bool eof;
    int err; /* errno of the read that failed */
} cli_lines;

enum { CLI_LINES_END = -1, CLI_LINES_FAILED = -2, CLI_LINES_STOPPED = -3 };

/* Starts reading fd; false when out of memory. */
bool cli_lines_open(cli_lines *r, int fd, int wake_fd);
void cli_lines_close(cli_lines *r);
/* The next line, as cli_read_line returns it: its length, or CLI_LINES_END at the end of input,
 * CLI_LINES_FAILED when reading failed (r->err says why; nothing is printed), CLI_LINES_STOPPED
 * when wake_fd became readable first. */
long cli_lines_next(cli_lines *r, char *buf, size_t cap, char *fault, size_t fault_cap);

#endif
