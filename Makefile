# finbridge — build, test, benchmark and demo.
#
#   make         builds ./build/finbridge (optimised, assertions on)
#   make test    installs what is missing, builds under AddressSanitizer and UBSan, runs every test;
#                and the API test against a server built with ThreadSanitizer (build/tsan)
#   make demo    installs what is missing, builds, and runs the demo
#   make bench   builds optimised and runs the benchmarks under bench/
#   make check   the banned-function scan, clang-format, clang-tidy (.clang-tidy) and the layering
#                check (scripts/layers.sh)
#   make fuzz    libFuzzer for FUZZ_SECONDS each on the ledger's JSON decoders, the API's
#                request decoder, its query parsers, the CSV and XLSX readers and each of the
#                book's record decoders (corpora: tests/corpus/)

CC      ?= cc
comma   := ,
PKGS    := sqlite3 jansson libmicrohttpd libsodium xlsxwriter libzip expat zlib libpq
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
           -Wmissing-prototypes -Werror
DEFS    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc
BASE    := $(DEFS) $(WARN)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))

# SANITIZE=address,undefined builds into build/san, SANITIZE=thread into build/tsan.
SANITIZE ?=
ifeq ($(SANITIZE),)
  OUT    := build
  OPT    := -O2 -g
else
  OUT    := $(if $(filter thread,$(subst $(comma), ,$(SANITIZE))),build/tsan,build/san)
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
# Each compile writes the headers it read into a .d file beside its output (-MMD), with an empty
# rule for each header (-MP) so that a header removed does not stop the build: a change to a
# header rebuilds only what includes it. The Makefile holds the flags, so a change to it
# rebuilds everything.
DEPFLAGS = -MMD -MP -MT $@ -MF $@.d

.PHONY: all deps test test-run demo bench check flags fuzz clean
all: $(OUT)/finbridge

deps:
	@sh scripts/install-deps.sh

$(OUT)/obj/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "CC $<"; $(CC) $(CFLAGS_ALL) $(DEPFLAGS) -c $< -o $@

$(OUT)/libfinbridge.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(OUT)/finbridge: $(CLI_OBJ) $(OUT)/libfinbridge.a
	$(CC) $(LDOPT) -o $@ $(CLI_OBJ) $(OUT)/libfinbridge.a $(LDLIBS_ALL)

$(OUT)/tests/%: tests/%.c $(OUT)/libfinbridge.a Makefile
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(DEPFLAGS) $(LDOPT) -o $@ $< $(OUT)/libfinbridge.a $(LDLIBS_ALL)

# The tests run under AddressSanitizer and UndefinedBehaviorSanitizer; the API test runs once more
# against a server built with ThreadSanitizer (its request threads and its writer).
test: deps
	@$(MAKE) --no-print-directory SANITIZE=thread build/tsan/finbridge
	@$(MAKE) --no-print-directory SANITIZE=address,undefined TSAN_OUT=build/tsan test-run

test-run: $(OUT)/finbridge $(TESTS)
	@sh tests/run.sh $(OUT) $(TSAN_OUT)

demo: deps
	@$(MAKE) --no-print-directory build/finbridge
	@sh scripts/demo.sh build/finbridge

bench: deps
	@$(MAKE) --no-print-directory build/finbridge build/bench/ledger build/bench/eod \
	    build/bench/certificates build/bench/reports build/bench/readers build/bench/import
	@./build/bench/ledger
	@./build/bench/ledger 1000000 1000000 build/bench 1
	@d=$$(mktemp -d "$${TMPDIR:-/tmp}/finbridge-bench-pg.XXXXXX"); chmod 711 "$$d"; \
	    sh scripts/pg-cluster.sh start "$$d/c" >/dev/null && \
	    ./build/bench/ledger --db "$$(cat "$$d/c/uri")" 200000 10000 3 && \
	    sh bench/copy.sh build/finbridge "$$(cat "$$d/c/uri")"; s=$$?; \
	    sh scripts/pg-cluster.sh stop "$$d/c"; rm -rf "$$d"; exit $$s
	@sh bench/journal.sh build/finbridge
	@./build/bench/eod
	@./build/bench/reports
	@./build/bench/certificates
	@./build/bench/readers
	@./build/bench/import 1000000 build/bench build/finbridge
	@sh bench/api.sh build/finbridge
	@sh bench/mixed.sh build/finbridge
	@sh bench/badinput.sh build/finbridge | tail -n 1
	@sh bench/dashboard.sh build/finbridge

build/bench/%: bench/%.c build/libfinbridge.a Makefile
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(DEPFLAGS) -o $@ $< build/libfinbridge.a $(LDLIBS_ALL)

check:
	@sh scripts/install-deps.sh check
	@sh scripts/check.sh

# The flags the sources are read with, for the tools that read them as the compiler does
# (clang-tidy in scripts/check.sh).
flags:
	@echo $(BASE) $(PKG_CFLAGS)

FUZZ_SECONDS ?= 60
# The fuzzers: the ledger's event decoders (decode), the API's request decoder (request), its
# query parsers (query), and one for each of the book's records (tests/fuzz/fuzz_book.c). Each
# grows its working corpus in build/fuzz/corpus/NAME from the one kept in tests/corpus/NAME,
# which make test replays; a crash is written into tests/corpus/NAME, so that make test fails
# until it is fixed. Inputs are bounded as the doors bound them (a query argument: 64 bytes).
FUZZ_RECORDS := party facility loan cert_issue cert_move project agreement servicing demand \
                demand_step calendar
FUZZERS      := decode request query csv xlsx $(FUZZ_RECORDS)
FUZZ_CFLAGS   = $(DEFS) $(WARN) -DFB_LIBFUZZER -g -O1 -fno-omit-frame-pointer $(PKG_CFLAGS)
FUZZ_OBJ     := $(LIB_SRC:%.c=build/fuzz/obj/%.o)

build/fuzz/obj/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "CC (fuzz) $<"; clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined \
	    $(DEPFLAGS) -c $< -o $@

build/fuzz/libfinbridge.a: $(FUZZ_OBJ)
	@rm -f $@
	@ar rcs $@ $^

build/fuzz/bin/decode build/fuzz/bin/request build/fuzz/bin/query build/fuzz/bin/csv \
    build/fuzz/bin/xlsx: build/fuzz/bin/%: \
    tests/fuzz/fuzz_%.c build/fuzz/libfinbridge.a Makefile
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined $(DEPFLAGS) -o $@ $< \
	    build/fuzz/libfinbridge.a $(LDLIBS_ALL)

$(FUZZ_RECORDS:%=build/fuzz/bin/%): build/fuzz/bin/%: tests/fuzz/fuzz_book.c \
    build/fuzz/libfinbridge.a Makefile
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -DFB_FUZZ_RECORD='"$*"' -fsanitize=fuzzer,address,undefined \
	    $(DEPFLAGS) -o $@ $< build/fuzz/libfinbridge.a $(LDLIBS_ALL)

fuzz:
	@sh scripts/install-deps.sh fuzz
	@$(MAKE) --no-print-directory $(FUZZERS:%=build/fuzz/bin/%)
	@for f in $(FUZZERS); do \
	    mkdir -p build/fuzz/corpus/$$f; \
	    echo "fuzz: $$f for $(FUZZ_SECONDS) s"; \
	    ./build/fuzz/bin/$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	        -max_len=$$(case $$f in (request) echo 8192 ;; (query) echo 64 ;; (csv|xlsx) echo 65536 ;; (*) echo 4096 ;; esac) \
	        -artifact_prefix=tests/corpus/$$f/crash- build/fuzz/corpus/$$f tests/corpus/$$f \
	        || exit 1; \
	done

clean:
	rm -rf build

# The headers each object, test and bench read (none before the first build).
-include $(wildcard $(OUT)/obj/src/*/*.o.d $(OUT)/tests/*.d build/bench/*.d \
                    build/fuzz/obj/src/*/*.o.d build/fuzz/bin/*.d)
