#!/usr/bin/env bash
# The safety net of refactors: every standard output of
# tests/data/digest_jobs.txt must have the SHA-256 digest recorded in
# tests/data/digests.txt.  A change that alters output on purpose rebuilds
# the table with update.sh and says why in its commit message.
# Usage: test_digests.sh OPTVIZ
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
optviz=$1
out=${TMPDIR:-/tmp}/optviz-digests.$$
trap 'rm -rf "$out"' EXIT
if ! bash "$here/run.sh" "$optviz" "$out" >"$out.now"; then
    echo "0 passed, 1 failed"
    rm -f "$out.now"
    exit 1
fi
pass=0 fail=0
while read -r sum name; do
    want=$(awk -v n="$name" '$2 == n { print $1 }' "$here/../data/digests.txt")
    if [ -z "$want" ]; then
        echo "FAIL $name: not in digests.txt"; fail=$((fail + 1))
    elif [ "$want" != "$sum" ]; then
        echo "FAIL $name: sha256 $sum, table has $want"; fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
done <"$out.now"
expected=$(grep -c . "$here/../data/digests.txt")
got=$(grep -c . "$out.now")
if [ "$got" != "$expected" ]; then
    echo "FAIL: $got outputs, table has $expected"; fail=$((fail + 1))
fi
rm -f "$out.now"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
