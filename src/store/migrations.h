/* migrations.h — the schema's migrations in order: migrations_books.c holds 1 to 14, and
 * migrations_growth.c the rest; a new migration is appended at the end of the latter. */
#ifndef FB_STORE_MIGRATIONS_H
#define FB_STORE_MIGRATIONS_H

#include <stddef.h>

extern const char *const fb__migrations_books[];
extern const size_t fb__migrations_books_n;
extern const char *const fb__migrations_growth[];
extern const size_t fb__migrations_growth_n;

#endif
