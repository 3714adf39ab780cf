#!/bin/sh
# check.sh — the API's description, in make check: the OpenAPI document that `finbridge openapi`
# prints (exactly what GET /v1/openapi.json serves, written to build/openapi.json) linted by
# Redocly CLI with its recommended rules (an error fails; warnings are listed), and
# docs/records.md compared with what `finbridge openapi --markdown` generates from the same
# tables (src/wire/records_*.c). Redocly CLI is installed here by scripts/install-deps.sh from
# this folder's package-lock.json.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
status=0
make -C "$root" --no-print-directory -s build/finbridge >/dev/null || exit 1
F=$root/build/finbridge

"$F" openapi --markdown >"$root/build/records.md" || exit 1
if ! cmp -s "$root/build/records.md" "$root/docs/records.md"; then
    echo "openapi: docs/records.md is not what the tables say; regenerate it:"
    echo "  build/finbridge openapi --markdown > docs/records.md"
    diff -u "$root/docs/records.md" "$root/build/records.md" | head -n 40
    status=1
fi

if [ ! -x "$here/node_modules/.bin/redocly" ]; then
    sh "$root/scripts/install-deps.sh" || exit 1
fi
"$F" openapi >"$root/build/openapi.json" || exit 1
out=$root/build/openapi-lint.txt
# No telemetry, no update check: the lint reads the document and nothing else.
(cd "$root/build" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
    REDOCLY_SUPPRESS_NOTIFICATIONS=true "$here/node_modules/.bin/redocly" lint \
    --config "$here/redocly.yaml" --format=stylish openapi.json) >"$out" 2>&1
lint=$?
errors=$(grep -cE '^ +[0-9]+:[0-9]+ +error ' "$out")
warnings=$(grep -cE '^ +[0-9]+:[0-9]+ +warning ' "$out")
version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$here/node_modules/@redocly/cli/package.json")
echo "openapi: Redocly CLI $version on build/openapi.json, its recommended rules:"
grep -E '^ +[0-9]+:[0-9]+ +(error|warning) ' "$out"
if [ "$lint" -ne 0 ] || [ "$errors" -ne 0 ]; then
    echo "openapi: Redocly finds $errors errors in build/openapi.json (all of it: $out)"
    status=1
fi
[ $status -eq 0 ] && echo "openapi: ok (Redocly: $errors errors, $warnings warnings; docs/records.md current)"
exit $status
