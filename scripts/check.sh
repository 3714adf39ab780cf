#!/bin/sh
# check.sh — what make check and CI run: the ban on unsafe C functions, clang-format, clang-tidy
# over every src/**/*.c with the build's flags (.clang-tidy says which checks and why), the
# layering check (scripts/layers.sh) over the objects of a build, which it makes first, and the
# API's description (the OpenAPI document linted, docs/records.md current:
# scripts/openapi/check.sh).
#
# A tool or a library that is missing is a failure, never a skip: scripts/install-deps.sh check
# installs them (make check runs it). Prints every finding, then "check: ok" or exits 1.
set -u
cd "$(dirname "$0")/.."
status=0
files=$(git ls-files '*.c' '*.h')
need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "check: $1 is not installed (sh scripts/install-deps.sh check)"
    status=1
    return 1
}

banned='\b(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol)\('
# Tests may use strcpy/atoi on their own fixed strings; the library and the command may not.
if grep -nE "$banned" $(echo "$files" | grep -E '^(src|include)/'); then
    echo "check: banned functions above (use snprintf, strtol, memcpy with a bound)"
    status=1
fi

if need clang-format; then
    bad=$(for f in $files; do clang-format --style=file "$f" | cmp -s - "$f" || echo "$f"; done)
    if [ -n "$bad" ]; then
        echo "check: not formatted (clang-format -i):"
        echo "$bad"
        status=1
    fi
fi

# The build: the layering check reads its objects, and it proves the libraries' headers are
# there for clang-tidy.
log=$(mktemp -d "${TMPDIR:-/tmp}/finbridge-check.XXXXXX")
if ! make --no-print-directory -j"$(nproc)" >"$log/make" 2>&1; then
    cat "$log/make"
    echo "check: the build failed (sh scripts/install-deps.sh installs the libraries)"
    rm -rf "$log"
    exit 1
fi

if need clang-tidy; then
    flags=$(make --no-print-directory -s flags)
    # One file a process: clang-tidy 14 carries the analyzer's state from one file to the next
    # in a single run (a va_list "uninitialised" in book.c after table.c and web.c).
    # shellcheck disable=SC2016
    git ls-files 'src/*.c' | xargs -P "$(nproc)" -I{} sh -c '
        out="$2/tidy.$(echo "$1" | tr / _)"
        # shellcheck disable=SC2086
        clang-tidy --quiet "$1" -- $3 >"$out" 2>&1 || echo "$1" >>"$2/tidy-failed"' \
        _ {} "$log" "$flags"
    if [ -s "$log/tidy-failed" ]; then
        for f in $(sort "$log/tidy-failed"); do
            grep -v ' warnings\? generated\.$' "$log/tidy.$(echo "$f" | tr / _)"
        done
        echo "check: clang-tidy findings above in:" $(sort "$log/tidy-failed")
        status=1
    fi
fi
rm -rf "$log"

sh scripts/layers.sh build/obj/src || status=1
sh scripts/openapi/check.sh || status=1

[ $status -eq 0 ] && echo "check: ok"
exit $status
