/* cmd_openapi.c — `finbridge openapi [--markdown]` (not in the usage: a tool of the build): prints
 * the API's OpenAPI document, exactly as GET /v1/openapi.json serves it, or docs/records.md, both
 * from the records' tables, without a book or a server. make check lints the one and compares
 * the other with the committed page. */
#include <stdlib.h>
#include <string.h>

#include "api/server.h"
#include "cli/cli.h"
#include "wire/record.h"

int cmd_openapi(int argc, char **argv) {
    bool markdown = argc == 1 && strcmp(argv[0], "--markdown") == 0;
    if (argc > 1 || (argc == 1 && !markdown)) {
        fprintf(stderr, "finbridge: usage: finbridge openapi [--markdown]\n");
        return CLI_ERROR;
    }
    char *text = markdown ? fb_wire_markdown() : fb_openapi_text();
    if (!text) {
        fprintf(stderr, "finbridge: out of memory\n");
        return CLI_ERROR;
    }
    fputs(text, stdout);
    if (!markdown) fputc('\n', stdout);
    free(text);
    return fflush(stdout) == 0 ? CLI_OK : CLI_ERROR;
}
