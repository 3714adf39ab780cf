/* errors.c — names and messages of the FB_E... error codes, and the assertion handler. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "finbridge/core.h"

typedef struct {
    int code;
    const char *name;
    const char *message;
} err_info;

static const err_info errors[] = {
    {FB_OK, "FB_OK", "success"},
    {FB_ENOMEM, "FB_ENOMEM", "out of memory"},
    {FB_EINVAL, "FB_EINVAL", "invalid argument"},
    {FB_EIO, "FB_EIO", "the store failed to read or write"},
    {FB_ENOTFOUND, "FB_ENOTFOUND", "not found"},
    {FB_EVERSION, "FB_EVERSION", "the database was written by a newer finbridge"},
    {FB_EBUSY, "FB_EBUSY", "the database is busy with another writer"},
    {FB_ECORRUPT, "FB_ECORRUPT", "the database is not a finbridge book or is damaged"},
    {FB_ERANGE, "FB_ERANGE", "value out of range"},
    {FB_ELIMIT, "FB_ELIMIT", "a limit was exceeded"},
    {FB_ENOTSUP, "FB_ENOTSUP", "this book's backend does not hold these records yet"},
    {FB_EUNAVAILABLE, "FB_EUNAVAILABLE", "no primary database server is available"},
    {FB_EINDOUBT, "FB_EINDOUBT", "the commit's outcome is in doubt"},
};

static const err_info *find(int code) {
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        if (errors[i].code == code) return &errors[i];
    }
    return NULL;
}

const char *fb_strerror(int code) {
    const err_info *e = find(code);
    return e ? e->message : "unknown error";
}

const char *fb_err_name(int code) {
    const err_info *e = find(code);
    return e ? e->name : "FB_E?";
}

const char *fb_errno_text(int errnum, char *buf, size_t cap) {
    FB_ASSERT(buf != NULL && cap > 0);
    /* The XSI strerror_r (_POSIX_C_SOURCE without _GNU_SOURCE): 0, or an error with buf unset. */
    if (strerror_r(errnum, buf, cap) != 0) snprintf(buf, cap, "error %d", errnum);
    return buf;
}

void fb__assert_fail(const char *cond, const char *file, int line) {
    fprintf(stderr, "finbridge: assertion failed: %s (%s:%d)\n", cond, file, line);
    fflush(stderr);
    abort();
}
