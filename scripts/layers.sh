#!/bin/sh
# layers.sh [OBJDIR] — the one-way flow of the house: cli/api -> wire -> book -> ledger -> store,
# everyone may use core. Fails when a folder includes a header of a folder it may not, or (given
# the objects of a build) when an object calls a function defined in a folder above its own.
set -u
status=0
objdir=${1:-build/obj/src}

# The src/ headers a folder may include, as a pattern over "folder/file.h".
allowed() {
    case "$1" in
    core) echo '^(core)/' ;;
    store) echo '^(core|store)/' ;;
    ledger) echo '^(core|ledger)/|^store/(store|ledger_rows)\.h$' ;;
    book) echo '^(core|book)/|^ledger/attach\.h$|^store/(store|book_rows|access_rows)\.h$' ;;
    wire) echo '^(core|wire)/' ;;
    api) echo '^(core|wire|api)/' ;;
    cli) echo '^(core|wire|cli)/|^api/server\.h$' ;;
    *) echo '^$' ;;
    esac
}
# Public headers a folder may include: core only the bottom ones.
public_allowed() {
    case "$1" in
    core) echo '^finbridge/(core|limits)\.h$' ;;
    *) echo '^finbridge/' ;;
    esac
}

for f in $(git ls-files 'src/*.c' 'src/*.h'); do
    folder=$(echo "$f" | cut -d/ -f2)
    ok=$(allowed "$folder")
    pub=$(public_allowed "$folder")
    for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
        case "$inc" in
        finbridge/*) echo "$inc" | grep -qE "$pub" && continue ;;
        *) echo "$inc" | grep -qE "$ok" && continue ;;
        esac
        echo "layers: $f includes $inc, outside what src/$folder may use"
        status=1
    done
done

# The order of the folders, bottom first; a call may go down or sideways, never up.
rank() {
    case "$1" in
    core) echo 0 ;; store) echo 1 ;; ledger) echo 2 ;; book) echo 3 ;; wire) echo 4 ;;
    api) echo 5 ;; cli) echo 6 ;; *) echo 9 ;;
    esac
}
if [ -d "$objdir" ] && command -v nm >/dev/null 2>&1; then
    defs=$(mktemp)
    for d in "$objdir"/*/; do
        folder=$(basename "$d")
        for o in "$d"*.o; do
            [ -f "$o" ] || continue
            nm -g --defined-only "$o" | awk -v f="$folder" '$3 ~ /^fb_/ {print $3, f}'
        done
    done | sort -u >"$defs"
    for d in "$objdir"/*/; do
        folder=$(basename "$d")
        for o in "$d"*.o; do
            [ -f "$o" ] || continue
            for sym in $(nm -u "$o" | awk '$2 ~ /^fb_/ {print $2}'); do
                owner=$(awk -v s="$sym" '$1 == s {print $2; exit}' "$defs")
                [ -n "$owner" ] || continue
                if [ "$(rank "$owner")" -gt "$(rank "$folder")" ] &&
                    ! { [ "$folder" = cli ] && [ "$owner" = api ]; }; then
                    echo "layers: $o calls $sym, defined in src/$owner above src/$folder"
                    status=1
                fi
            done
        done
    done
    rm -f "$defs"
fi
[ $status -eq 0 ] && echo "layers: ok"
exit $status
