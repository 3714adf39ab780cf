/* assert.h — FB_ASSERT: checks for programmer mistakes that stay on in release builds.
 *
 * Bad input is never asserted; it is returned as an error. An assertion that fires names the file,
 * the line and the condition, then aborts, so a broken invariant never reaches the books. */
#ifndef FB_CORE_ASSERT_H
#define FB_CORE_ASSERT_H

void fb__assert_fail(const char *cond, const char *file, int line) __attribute__((noreturn));

#define FB_ASSERT(cond)                                                                            \
    do {                                                                                           \
        if (!(cond)) fb__assert_fail(#cond, __FILE__, __LINE__);                                   \
    } while (0)

#endif
