# finbridge — build, test, benchmark and demo.
#
#   make         builds ./build/finbridge (optimised, assertions on)
#   make test    installs what is missing, builds under AddressSanitizer and UBSan, runs every test
#   make demo    installs what is missing, builds, and runs the demo
#   make bench   builds optimised and runs the benchmarks under bench/
#   make check   clang-format and the banned-function scan
#   make fuzz    libFuzzer on the JSON decoders, the API's request decoder, the query parsers and
#                the CSV and XLSX readers for FUZZ_SECONDS each (new finds: tests/corpus/<target>)

CC      ?= cc
PKGS    := sqlite3 jansson libmicrohttpd libsodium xlsxwriter libzip expat
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
           -Wmissing-prototypes -Werror
BASE    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc $(WARN)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))

SANITIZE ?=
ifeq ($(SANITIZE),)
  OUT    := build
  OPT    := -O2 -g
else
  OUT    := build/san
  OPT    := -O1 -g -fno-omit-frame-pointer -fsanitize=$(SANITIZE) -fno-sanitize-recover=all
endif
CFLAGS_ALL = $(BASE) $(OPT) $(PKG_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lpthread -lm $(LDLIBS)
LDOPT      = $(if $(SANITIZE),-fsanitize=$(SANITIZE))

LIB_SRC := $(wildcard src/core/*.c src/store/*.c src/ledger/*.c src/book/*.c src/wire/*.c)
CLI_SRC := $(wildcard src/cli/*.c src/api/*.c)
TEST_SRC := $(wildcard tests/test_*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(OUT)/obj/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(OUT)/obj/%.o)
TESTS   := $(TEST_SRC:tests/%.c=$(OUT)/tests/%)
HEADERS := $(wildcard include/finbridge/*.h src/*/*.h tests/*.h)

.PHONY: all deps test test-run demo bench check fuzz clean
all: $(OUT)/finbridge

deps:
	@sh scripts/install-deps.sh

$(OUT)/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	@echo "CC $<"; $(CC) $(CFLAGS_ALL) -c $< -o $@

$(OUT)/libfinbridge.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(OUT)/finbridge: $(CLI_OBJ) $(OUT)/libfinbridge.a
	$(CC) $(LDOPT) -o $@ $(CLI_OBJ) $(OUT)/libfinbridge.a $(LDLIBS_ALL)

$(OUT)/tests/%: tests/%.c tests/test.h tests/book.h $(OUT)/libfinbridge.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDOPT) -o $@ $< $(OUT)/libfinbridge.a $(LDLIBS_ALL)

# The tests run under AddressSanitizer and UndefinedBehaviorSanitizer.
test: deps
	@$(MAKE) --no-print-directory SANITIZE=address,undefined test-run

test-run: $(OUT)/finbridge $(TESTS)
	@sh tests/run.sh $(OUT)

demo: deps
	@$(MAKE) --no-print-directory build/finbridge
	@sh scripts/demo.sh build/finbridge

bench: deps
	@$(MAKE) --no-print-directory build/finbridge build/bench/ledger build/bench/eod \
	    build/bench/certificates build/bench/reports build/bench/readers
	@./build/bench/ledger
	@./build/bench/ledger 1000000 1000000 build/bench 1
	@sh bench/journal.sh build/finbridge
	@./build/bench/eod
	@./build/bench/reports
	@./build/bench/certificates
	@./build/bench/readers
	@sh bench/api.sh build/finbridge
	@sh bench/dashboard.sh build/finbridge

build/bench/%: bench/%.c build/libfinbridge.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< build/libfinbridge.a $(LDLIBS_ALL)

check:
	@sh scripts/check.sh

FUZZ_SECONDS ?= 60
FUZZ_LIB := src/wire/ledger_json.c src/wire/ledger_fast.c src/wire/api_json.c src/core/money.c src/core/ids.c \
            src/core/errors.c src/core/dates.c src/core/text.c src/ledger/results.c \
            src/wire/query.c
FUZZ_READERS := src/wire/table_*.c src/core/cell_text.c src/core/text.c src/core/errors.c \
                src/core/dates.c
FUZZ_CC = clang -std=c11 -D_POSIX_C_SOURCE=200809L -DFB_LIBFUZZER -g -O1 -Iinclude -Isrc \
          -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(PKG_CFLAGS)
fuzz:
	@sh scripts/install-deps.sh fuzz
	@mkdir -p build/fuzz/corpus build/fuzz/request build/fuzz/query build/fuzz/csv build/fuzz/xlsx
	$(FUZZ_CC) tests/fuzz/fuzz_decode.c $(FUZZ_LIB) -o build/fuzz/decode $(PKG_LIBS)
	$(FUZZ_CC) tests/fuzz/fuzz_request.c $(FUZZ_LIB) -o build/fuzz/request-fuzzer $(PKG_LIBS)
	$(FUZZ_CC) tests/fuzz/fuzz_csv.c $(FUZZ_READERS) -o build/fuzz/csv-fuzzer $(PKG_LIBS)
	$(FUZZ_CC) tests/fuzz/fuzz_xlsx.c $(FUZZ_READERS) -o build/fuzz/xlsx-fuzzer $(PKG_LIBS)
	./build/fuzz/decode -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	    -artifact_prefix=tests/corpus/decode/crash- build/fuzz/corpus tests/corpus/decode
	./build/fuzz/request-fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	    -artifact_prefix=tests/corpus/request/crash- build/fuzz/request tests/corpus/request
	$(FUZZ_CC) tests/fuzz/fuzz_query.c $(FUZZ_LIB) -o build/fuzz/query-fuzzer $(PKG_LIBS)
	./build/fuzz/query-fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=64 \
	    -artifact_prefix=tests/corpus/query/crash- build/fuzz/query tests/corpus/query
	./build/fuzz/csv-fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=tests/corpus/csv/crash- build/fuzz/csv tests/corpus/csv
	./build/fuzz/xlsx-fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=tests/corpus/xlsx/crash- build/fuzz/xlsx tests/corpus/xlsx

clean:
	rm -rf build
