# finbridge — build, test, benchmark and demo.
#
#   make         builds ./build/finbridge (optimised, assertions on)
#   make test    installs what is missing, builds under AddressSanitizer and UBSan, runs every test;
#                and the API test against a server built with ThreadSanitizer (build/tsan)
#   make demo    installs what is missing, builds, and runs the demo
#   make bench   builds optimised and runs the benchmarks under bench/
#   make check   the banned-function scan, clang-format, clang-tidy (.clang-tidy) and the layering
#                check (scripts/layers.sh)
#   make fuzz    libFuzzer on the JSON decoders, the API's request decoder and the query parsers
#                for FUZZ_SECONDS each (new finds: tests/corpus/decode, request and query)

CC      ?= cc
comma   := ,
PKGS    := sqlite3 jansson libmicrohttpd libsodium xlsxwriter
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
           -Wmissing-prototypes -Werror
BASE    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc $(WARN)
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
	@$(MAKE) --no-print-directory build/bench/ledger build/bench/eod build/bench/certificates \
	    build/bench/reports
	@./build/bench/ledger
	@./build/bench/eod
	@./build/bench/reports
	@./build/bench/certificates
	@sh bench/api.sh build/finbridge
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
FUZZ_LIB := src/wire/ledger_json.c src/wire/api_json.c src/core/money.c src/core/ids.c \
            src/core/errors.c src/core/dates.c src/core/text.c src/ledger/results.c \
            src/wire/query.c
FUZZ_CC = clang -std=c11 -D_POSIX_C_SOURCE=200809L -DFB_LIBFUZZER -g -O1 -Iinclude -Isrc \
          -fsanitize=fuzzer,address,undefined $(PKG_CFLAGS)
fuzz:
	@sh scripts/install-deps.sh fuzz
	@mkdir -p build/fuzz/corpus build/fuzz/request build/fuzz/query
	$(FUZZ_CC) tests/fuzz/fuzz_decode.c $(FUZZ_LIB) -o build/fuzz/decode $(PKG_LIBS)
	$(FUZZ_CC) tests/fuzz/fuzz_request.c $(FUZZ_LIB) -o build/fuzz/request-fuzzer $(PKG_LIBS)
	./build/fuzz/decode -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	    -artifact_prefix=tests/corpus/decode/crash- build/fuzz/corpus tests/corpus/decode
	./build/fuzz/request-fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	    -artifact_prefix=tests/corpus/request/crash- build/fuzz/request tests/corpus/request
	$(FUZZ_CC) tests/fuzz/fuzz_query.c $(FUZZ_LIB) -o build/fuzz/query-fuzzer $(PKG_LIBS)
	./build/fuzz/query-fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=64 \
	    -artifact_prefix=tests/corpus/query/crash- build/fuzz/query tests/corpus/query

clean:
	rm -rf build

# The headers each object, test and bench read (none before the first build).
-include $(wildcard $(OUT)/obj/src/*/*.o.d $(OUT)/tests/*.d build/bench/*.d build/fuzz/*.d \
                    build/fuzz/obj/src/*/*.o.d)
