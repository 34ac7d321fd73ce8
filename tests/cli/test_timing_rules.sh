#!/bin/bash
# The CLI tests assert no wall-clock time per call: a test that fails on a
# loaded machine is broken (issue 13).  Hangs are caught by lib.sh's
# generous guard (`hang`, 60 s; 600 s under valgrind) and `timeout`s of
# at least 10 s.  This checks the scripts themselves.
# Usage: bash test_timing_rules.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"

for f in "$HERE"/*.sh; do
    name=$(basename "$f")
    [ "$name" = test_timing_rules.sh ] && continue
    # A limit on the elapsed time of one run.
    if grep -nE '\$us\b|limit_us' "$f" | grep -v '^[0-9]*: *#' \
        | grep -q .; then
        bad "$name: compares a run's elapsed time (\$us / limit_us)"
    else
        ok
    fi
    # timeout N with N under 10 seconds.
    if grep -noE '\btimeout +[0-9.]+' "$f" | awk '{ if ($2 + 0 < 10) bad = 1 }
        END { exit !bad }'; then
        bad "$name: a timeout under 10 s"
    else
        ok
    fi
done

finish
