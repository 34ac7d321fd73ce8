#!/usr/bin/env bash
# Rebuilds tests/data/digests.txt from OPTVIZ.  Only on purpose: the
# commit that changes the table names the outputs that changed and why.
# Usage: tests/digest/update.sh build/optviz
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
optviz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$here/run.sh" "$optviz" "$tmp/out" >"$here/../data/digests.txt"
echo "update.sh: $(wc -l <"$here/../data/digests.txt") digests written"
