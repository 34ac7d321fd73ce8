#!/bin/bash
# Signals and file size limits (issue 13): every fatal signal the caller
# does not ignore removes the temporary files and kills the run with that
# signal, in a single job and in a batch at any -j, and leaves finished
# outputs whole; a job over `ulimit -f` fails with a clear message and the
# batch goes on.
#
# Usage: bash test_signals.sh /path/to/optviz
# OV_UNDER_VALGRIND=1 skips the repeated kills of a busy batch.
. "$(dirname "$0")/lib.sh" "$@"

# whole_pngs: every p*.png ends in an IEND chunk.
whole_pngs() {
    local f
    for f in p*.png; do
        [ -e "$f" ] || continue
        [ "$(tail -c 8 "$f" | head -c 4)" = IEND ] || return 1
    done
}

# ---- the other fatal signals, a single job and a batch --------------------
printf -- '-q -l ols -a sgd --steps 1000000 -o b%s.gif\n' 1 2 >b.txt
for sig in XFSZ XCPU ALRM USR1 USR2 VTALRM PROF; do
    echo precious >sig.gif
    stop "$sig" sig.gif -q -l ols -a sgd --steps 1000000 -o sig.gif
    [ "$(cat sig.gif)" = precious ] && ok || bad "SIG$sig: sig.gif changed"
    rm -f sig.gif
    stop "$sig" b --batch b.txt -j 2 -q
done

# ---- ulimit -f: the job too big fails, the others are written -------------
cat >f.txt <<'EOF'
-a gd -l rosenbrock --steps 5 --size 240x180 -o small.png
-a gd -l rosenbrock --steps 100 -o big.gif
-a gd -l rosenbrock --steps 6 --size 240x180 -o small2.png
EOF
(ulimit -f 64; exec "$OPTVIZ" --batch f.txt -j 2 >out.txt 2>err.txt)
rc=$?
check "ulimit -f: exit $rc, want 1" '[ $rc -eq 1 ]'
check "ulimit -f: the big job says so" \
    'grep -q "^optviz: f.txt:2: error: .*big.gif.*File too large" err.txt'
check "ulimit -f: the small jobs are written" \
    '[ -s small.png ] && [ -s small2.png ] && [ ! -e big.gif ]'
check "ulimit -f: no temporary file" '[ -z "$(ls -A | grep "^\.")" ]'
(ulimit -f 64; exec "$OPTVIZ" -q -a gd -l rosenbrock --steps 100 -o big.gif \
    >out.txt 2>err.txt)
rc=$?
check "ulimit -f, one job: exit $rc, want 1" '[ $rc -eq 1 ]'
check "ulimit -f, one job: says so" \
    'grep -q "^optviz: .*big.gif.*File too large" err.txt'
check "ulimit -f, one job: no file" '[ -z "$(ls -A | grep "big")" ]'
rm -f small.png small2.png .[!.]*

# ---- SIGTERM and SIGINT at -j 2..8 while jobs write -----------------------
if [ -z "${OV_UNDER_VALGRIND:-}" ]; then
    for i in $(seq 400); do
        echo "-a gd -l rosenbrock --steps 30 --size 160x120 -o p$i.png"
    done >p.txt
    left=0 broken=0 tries=0
    for j in 2 4 8; do
        for sig in TERM INT; do
            for n in 1 2 3 4 5 6 7 8 9 10; do
                rm -f p*.png
                env --default-signal=INT "$OPTVIZ" --batch p.txt -j "$j" -q \
                    --force >/dev/null 2>&1 &
                pid=$!
                sleep "0.0$((RANDOM % 9 + 1))"
                kill -"$sig" "$pid" 2>/dev/null
                wait "$pid" 2>/dev/null
                tries=$((tries + 1))
                if [ -n "$(ls -A | grep '^\.')" ]; then
                    left=$((left + 1))
                    rm -f .p*
                fi
                whole_pngs || broken=$((broken + 1))
            done
        done
    done
    check "busy batch: temporary files left in $left of $tries kills" \
        '[ $left -eq 0 ]'
    check "busy batch: broken figures in $broken of $tries kills" \
        '[ $broken -eq 0 ]'
fi

finish
