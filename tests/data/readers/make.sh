#!/bin/sh
# make.sh — writes the reader fixtures from loans.csv (UTF-8, Chinese headers, money with two
# decimals, dates, empty cells, a quoted comma, quote and line break, a character outside the BMP):
#   loans-ssconvert.xlsx        gnumeric's ssconvert, as a spreadsheet user saves a workbook
#   loans-ssconvert-gb18030.csv ssconvert from that workbook to CSV in GB18030, as Excel or WPS
#                               saves "CSV" on a Chinese system (money and dates as formatted)
#   loans-iconv-gb18030.csv     iconv -f UTF-8 -t GB18030 of loans.csv, byte for byte
# Run from this folder; tests/test_readers*.c read the files committed here, and write them again
# with the installed ssconvert to check it still agrees.
set -eu
ssconvert loans.csv loans-ssconvert.xlsx
ssconvert -T Gnumeric_stf:stf_assistant -O 'charset=GB18030 separator=, format=preserve' \
    loans-ssconvert.xlsx loans-ssconvert-gb18030.csv
iconv -f UTF-8 -t GB18030 loans.csv >loans-iconv-gb18030.csv
