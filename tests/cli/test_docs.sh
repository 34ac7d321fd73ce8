#!/usr/bin/env bash
# docs/losses.md's table of recommended learning rates must say what
# `optviz --list losses` says, for every loss in the catalogue and every
# optimizer of `optviz --list algos`.  A column of the table holds the
# optimizers that share a rate ("adam, adamax"); each optimizer is in one.
#   test_docs.sh OPTVIZ
set -u
. "$(dirname "$0")/lib.sh" "$@"
doc=$ROOT/docs/losses.md
algos=$("$OPTVIZ" --list algos 2>/dev/null | awk '{ print $1 }')
[ -n "$algos" ] || { bad "--list algos printed no optimizers"; finish; }

# "algo column" for every optimizer the table's header names.
header=$(grep -E '^\| name \| .*\bgd\b' "$doc" | head -1)
columns=$(echo "$header" | awk -F'|' '{
    for (i = 3; i < NF; i++) {
        n = split($i, a, ","); for (k = 1; k <= n; k++) {
            gsub(/ /, "", a[k]); if (a[k] != "") print a[k], i } } }')
for a in $algos; do
    n=$(echo "$columns" | awk -v a="$a" '$1 == a' | wc -l)
    [ "$n" -eq 1 ] && ok || bad "$a is in $n columns of the lr table"
done

# name -> "gd=0.1 sgd=0.01 ..." from the tool: rows are a name line then
# wrapped "algo=lr," pairs until the next name.
list=$("$OPTVIZ" --list losses 2>/dev/null | awk '
    /^[a-z_]+ +[12] / { if (name) print name, pairs; name = $1; pairs = ""; next }
    { for (i = 1; i <= NF; i++) if ($i ~ /=/) { gsub(",", "", $i); pairs = pairs " " $i } }
    END { if (name) print name, pairs }')
names=$(echo "$list" | awk '{print $1}')
[ -n "$names" ] || { bad "--list losses printed no losses"; finish; }

for name in $names; do
    row=$(grep -E "^\| \`$name\` \| [0-9.e-]+ \|" "$doc" | tail -1)
    if [ -z "$row" ]; then
        bad "$name has no lr row in docs/losses.md"; continue
    fi
    want=$(echo "$list" | awk -v n="$name" '$1 == n { $1 = ""; print }')
    # compare as numbers: the tool prints %g, the table may too
    same=1
    for a in $algos; do
        i=$(echo "$columns" | awk -v a="$a" '$1 == a { print $2 }')
        d=$(echo "$row" |
            awk -F'|' -v i="${i:-0}" '{ gsub(/ /, "", $i); print $i }')
        t=$(echo "$want" | tr ' ' '\n' | awk -F= -v a="$a" '$1 == a {print $2}')
        if ! awk -v x="$t" -v y="$d" 'BEGIN { exit !(x != "" && y != "" && x + 0 == y + 0) }'; then
            same=0; echo "FAIL: $name $a: tool says '$t', docs say '$d'"
        fi
    done
    if [ $same -eq 1 ]; then ok; else fail=$((fail + 1)); fi
done
finish
