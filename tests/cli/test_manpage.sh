#!/bin/bash
# docs/optviz.1 against `optviz --help`: every long option of --help has an
# entry under OPTIONS and every entry is an option of --help, with the same
# short name; every --word mentioned anywhere in the page is an option (or
# one of GNU parallel's in the example); `man -l` renders it without
# warnings, and the rendered page shows every option (skipped without man).
# Usage: bash test_manpage.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"
PAGE=$ROOT/docs/optviz.1

[ -f "$PAGE" ] || { echo "FAIL: no $PAGE"; exit 1; }
"$OPTVIZ" --help >"$TMP/help.txt" || bad "--help failed"

# "name short" per option of --help ("-" when it has no short name).
sed -n 's/^ \{2,\}\(-\([A-Za-z]\), \)\{0,1\}--\([a-z0-9-]*\).*/\3 \2/p' \
    "$TMP/help.txt" | awk '{ print $1, ($2 == "" ? "-" : $2) }' |
    sort >"$TMP/help_opts.txt"
# The same from the page: the first line of each .TP entry under OPTIONS.
awk '/^\.SH / { in_opts = ($2 == "OPTIONS") }
     in_opts && prev == ".TP" { print }
     { prev = $0 }' "$PAGE" |
    sed 's/\\-/-/g' |
    sed -n 's/^\.[BRI]*  *\(-\([A-Za-z]\) ", " \)\{0,1\}--\([a-z0-9-]*\).*/\3 \2/p' |
    awk '{ print $1, ($2 == "" ? "-" : $2) }' | sort >"$TMP/page_opts.txt"

n_help=$(wc -l <"$TMP/help_opts.txt")
n_page=$(wc -l <"$TMP/page_opts.txt")
[ "$n_help" -ge 60 ] && ok || bad "only $n_help options parsed from --help"
[ "$n_page" -ge 60 ] && ok || bad "only $n_page option entries parsed from the page"
while read -r name short; do
    if grep -qx "$name $short" "$TMP/page_opts.txt"; then ok
    elif grep -q "^$name " "$TMP/page_opts.txt"; then bad "--$name: short name differs (help: $short)"
    else bad "--$name (in --help) has no entry in optviz.1"; fi
done <"$TMP/help_opts.txt"
while read -r name short; do
    grep -q "^$name " "$TMP/help_opts.txt" && ok || bad "optviz.1 documents --$name, which --help lacks"
done <"$TMP/page_opts.txt"
dups=$(cut -d' ' -f1 "$TMP/page_opts.txt" | uniq -d)
[ -z "$dups" ] && ok || bad "options documented twice: $dups"

# Any --word in the page is an option, but for GNU parallel's in the example.
sed 's/\\-/-/g' "$PAGE" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u |
while read -r word; do
    case $word in --sshloginfile|--workdir) continue ;; esac
    grep -q "^${word#--} " "$TMP/help_opts.txt" || echo "$word"
done >"$TMP/unknown.txt"
[ ! -s "$TMP/unknown.txt" ] && ok || bad "the page mentions unknown options: $(tr '\n' ' ' <"$TMP/unknown.txt")"

# The --algo entry names every optimizer of --list algos (as .B/.BR).
"$OPTVIZ" --list algos | awk '{ print $1 }' >"$TMP/algos.txt"
[ -s "$TMP/algos.txt" ] && ok || bad "--list algos printed nothing"
while read -r a; do
    grep -qE "^\.BR? $a( ,|$)" "$PAGE" && ok ||
        bad "optviz.1 does not name the optimizer $a"
done <"$TMP/algos.txt"

if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$PAGE" >"$TMP/page.txt" 2>"$TMP/warn.txt"
    rc=$?
    [ $rc -eq 0 ] && ok || bad "man -l exit $rc"
    [ ! -s "$TMP/warn.txt" ] && ok || { bad "man -l warnings:"; cat "$TMP/warn.txt"; }
    grep -q '^NAME' "$TMP/page.txt" && grep -q 'optviz - draw what optimizers do' "$TMP/page.txt" \
        && ok || bad "rendered page lacks its NAME section"
    while read -r name short; do
        grep -q -- "--$name\b" "$TMP/page.txt" && ok || bad "rendered page does not show --$name"
    done <"$TMP/help_opts.txt"
else
    echo "SKIP: man is not installed; not rendering the page"
fi

finish
