#!/bin/sh
# check.sh — formatting, the ban on unsafe C functions, and the API's description (the OpenAPI
# document linted, docs/records.md current: scripts/openapi/check.sh).
set -u
status=0
files=$(git ls-files '*.c' '*.h')
banned='\b(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol)\('
# Tests may use strcpy/atoi on their own fixed strings; the library and the command may not.
if grep -nE "$banned" $(echo "$files" | grep -E '^(src|include)/'); then
    echo "check: banned functions above (use snprintf, strtol, memcpy with a bound)"
    status=1
fi
if command -v clang-format >/dev/null 2>&1; then
    bad=$(for f in $files; do clang-format --style=file "$f" | cmp -s - "$f" || echo "$f"; done)
    if [ -n "$bad" ]; then
        echo "check: not formatted (clang-format -i):"
        echo "$bad"
        status=1
    fi
fi
sh "$(dirname "$0")/openapi/check.sh" || status=1
[ $status -eq 0 ] && echo "check: ok"
exit $status
