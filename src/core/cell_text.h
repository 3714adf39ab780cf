/* cell_text.h — what the text of a spreadsheet cell means, with no I/O: column letters and cell
 * references (A1 ... XFD1048576), a stored number's decimal text rounded to a number of decimals,
 * and a date serial number as a date. Used by the table readers (src/wire/table_reader.h) and by
 * whoever turns their cells into records.
 *
 * Nothing here goes through a binary float: a cell's number is the decimal text the writer
 * stored, and it is rounded as decimal digits. */
#ifndef FB_CORE_CELL_TEXT_H
#define FB_CORE_CELL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest column name ("XFD") plus the terminator. */
#define FB_CELL_COLUMN_NAME_MAX 4

/* Significant digits a stored number is first rounded to: Excel keeps at most 15 of what is
 * typed (DBL_DIG, the digits a double always carries). */
#define FB_CELL_NUMBER_DIGITS 15

/* Writes the letters of a 1-based column (1 "A", 27 "AA", 16384 "XFD") into buf
 * (FB_CELL_COLUMN_NAME_MAX bytes). The column is 1..FB_TABLE_CELLS_MAX (asserted). Returns buf. */
char *fb_cell_column_name(uint32_t column, char *buf);

/* Parses a cell reference of len bytes ("B12"): one to three capital letters up to XFD, then a row
 * 1..FB_XLSX_ROWS_MAX without leading zeros. Returns false, leaving the outputs untouched, when
 * it is anything else. */
bool fb_cell_ref_parse(const char *s, size_t len, uint32_t *column, uint32_t *row);

/* Rounds the decimal text of a stored number (s[0..len): "1234.5600000000001", "-0.005",
 * "1.2345E+3", as a <v> of a sheet or a cell of a CSV file holds it) to `decimals` places
 * (0..18, asserted) and writes it canonically into out (cap bytes): an optional "-", the integer
 * digits without leading zeros, and exactly `decimals` decimals ("1234.56", "0.00"; never "-0.00").
 *
 * The rule: first to FB_CELL_NUMBER_DIGITS significant digits, then to `decimals` places, each
 * half up on the magnitude (四舍五入, away from zero for a negative number, as Excel's ROUND).
 * This is for numbers a sheet stored; a digit past the 15th is noise there. A CSV cell is the text
 * someone wrote, and is read as written (fb_money_parse).
 * Returns FB_OK, FB_EINVAL when the text is not a decimal number, or FB_ERANGE when the result
 * does not fit out; *reason (may be NULL) is set to a static phrase on failure. */
int fb_cell_decimal_round(const char *s, size_t len, int decimals, char *out, size_t cap,
                          const char **reason);

/* The date a stored serial number names (s[0..len): "45672", "45672.5" a time on that day):
 * days since 1970-01-01. In the 1900 date system serial 1 is 1900-01-01 and serial 60 the
 * 1900-02-29 that Excel counts (Lotus 1-2-3's leap-year bug) but never was, refused; in the 1904
 * system (workbook.xml's date1904) serial 0 is 1904-01-01. Dates past 9999-12-31 are refused.
 * Returns FB_OK, or FB_EINVAL with *reason (may be NULL) set to a static phrase. */
int fb_cell_serial_date(const char *s, size_t len, bool date1904, int32_t *days,
                        const char **reason);

/* The same date as "YYYY-MM-DD" in out (11 bytes). */
int fb_cell_serial_date_text(const char *s, size_t len, bool date1904, char *out,
                             const char **reason);

#endif
