#!/usr/bin/env bash
# Renders every job of tests/data/digest_jobs.txt with OPTVIZ into a
# fresh folder and prints "sha256  name" for each output, in order.
# Usage: run.sh OPTVIZ OUTDIR
set -euo pipefail
optviz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
mkdir -p "$out"
cd "$out"
while read -r name args; do
    case "$name" in '' | \#*) continue ;; esac
    # The arguments are shell words (no expansions are used in jobs.txt).
    eval "set -- $args"
    if ! "$optviz" -q "$@"; then
        echo "run.sh: $name: optviz failed" >&2
        exit 1
    fi
    [ -f "$name" ] || { echo "run.sh: $name: not written" >&2; exit 1; }
    sha256sum "$name"
done <"$here/../data/digest_jobs.txt"
