# tests/cli/lib.sh: what the CLI test scripts share.  Each begins
#
#     . "$(dirname "$0")/lib.sh" "$@"
#
# (ctest and .ci/run call them as `bash test_x.sh /path/to/optviz`), which
#   * takes the tool from $1 into OPTVIZ, made absolute: the scripts change
#     directory;
#   * sets HERE (tests/cli), ROOT (the repository), DATA ($OV_TEST_DATA, or
#     tests/data when it is not set);
#   * makes a scratch directory TMP, removed on exit, and changes into it;
#   * defines the counters and the checks below, and `finish`, which ends
#     the script with its counts.
# Under .ci/run's valgrind stage, OPTVIZ is a wrapper running the tool
# under memcheck and OV_UNDER_VALGRIND=1; `run` waits longer for it.
# Safe under `set -u`.

OPTVIZ=${1:?usage: $0 /path/to/optviz}
case $OPTVIZ in
    */*) OPTVIZ=$(cd "$(dirname "$OPTVIZ")" && pwd)/$(basename "$OPTVIZ") ;;
esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DATA=${OV_TEST_DATA:-$ROOT/tests/data}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1

pass=0
fail=0

ok() { pass=$((pass + 1)); }

# bad MESSAGE: a failed check.  A script with long messages (commands that
# quote whole files) sets bad_width to cut each line of it.
bad() {
    fail=$((fail + 1))
    if [ -n "${bad_width:-}" ]; then
        echo "FAIL: $(echo "$*" | cut -c1-"$bad_width")"
    else
        echo "FAIL: $*"
    fi
}

# check NAME EXPR: ok when `eval EXPR` succeeds ($? in EXPR is the status
# of the command before the check).
check() { if eval "$2"; then ok; else bad "$1"; fi; }

# finish [NAME]: the counts, and the script's exit status.
finish() {
    echo "${1:+$1: }$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
}

# A run that fails must do so at once; these bound a hang, not the time
# limit a script may check (under valgrind everything is 20-50x slower).
if [ -n "${OV_UNDER_VALGRIND:-}" ]; then
    hang=600
else
    hang=60
fi

# wait_until PID TEST: polls TEST (eval'd) every 0.05 s until it holds
# or the process PID has ended, for at most the hang guard.
wait_until() {
    local i
    for ((i = 0; i < hang * 20; i++)); do
        eval "$2" && return 0
        kill -0 "$1" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}

# stop SIG PREFIX ARGS...: runs the tool in the background and sends it
# SIG once a temporary file ".PREFIX..." exists; sets rc; then checks it
# died of SIG and left no temporary file.
stop() {
    local sig=$1 prefix=$2 pid want started
    shift 2
    want=$((128 + $(kill -l "$sig")))
    # A background job of a script starts with SIGINT and SIGQUIT ignored,
    # which the tool keeps ignoring.
    env --default-signal=INT,QUIT "$OPTVIZ" "$@" >out.txt 2>err.txt &
    pid=$!
    wait_until "$pid" "[ -n \"\$(ls -A | grep '^\\.$prefix')\" ]"
    started=$(ls -A | grep -c "^\.$prefix")
    kill -"$sig" "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    if [ "$started" -eq 0 ]; then
        bad "$* SIG$sig: no temporary file was made"
    elif [ "$rc" -ne "$want" ]; then
        bad "$* SIG$sig: exit $rc, want $want"
    elif [ -n "$(ls -A | grep '^\.')" ]; then
        bad "$* SIG$sig: temporary files left: $(ls -A | grep '^\.' | \
            tr '\n' ' ')"
        rm -f .[!.]*
    else
        ok
    fi
}

# run ARGS...: the tool with a hang guard; sets rc; its output in out.txt
# and err.txt.  No check times a run: a loaded machine is slow.
run() {
    timeout "$hang" "$OPTVIZ" "$@" >out.txt 2>err.txt
    rc=$?
}

# The directory's entries with their sizes and modification times, hidden
# ones included, but for out.txt and err.txt: a run that fails must leave
# it as it was (no temporary file, no output replaced).
snapshot() {
    find . -mindepth 1 -maxdepth 1 ! -name out.txt ! -name err.txt \
        -printf '%P %i %s %T@\n' | sort
}

# sampled_out: true when this case is left out of a valgrind run.  A
# script that sets vg_stride=N (N > 1) runs, under OV_UNDER_VALGRIND, only
# every Nth case that goes through expect_fail (or calls sampled_out
# itself): the plain and sanitizer runs of CI take every case, valgrind,
# 20-50x slower, a fixed spread of them.
vg_stride=1
vg_case=0
sampled_out() {
    [ -n "${OV_UNDER_VALGRIND:-}" ] || return 1
    vg_case=$((vg_case + 1))
    [ $((vg_case % vg_stride)) -ne 0 ]
}

# expect_fail CODE TEXT ARGS...: the run exits CODE, prints nothing on
# stdout and exactly one line "optviz: ..." holding TEXT on stderr, and
# leaves the directory as it was.  A hang is caught by run's guard.
expect_fail() {
    local code=$1 text=$2 what before after
    sampled_out && return 0
    shift 2
    what="optviz $*"
    before=$(snapshot)
    run "$@"
    after=$(snapshot)
    if [ "$rc" -ne "$code" ]; then
        bad "$what: exit $rc, want $code: $(head -2 err.txt)"
    elif [ -s out.txt ]; then
        bad "$what: stdout not empty"
    elif [ "$(wc -l <err.txt)" -ne 1 ] || ! grep -q '^optviz: ' err.txt; then
        bad "$what: stderr is not one 'optviz: ' line: $(head -3 err.txt)"
    elif ! grep -qF -- "$text" err.txt; then
        bad "$what: stderr lacks '$text': $(cat err.txt)"
    elif [ "$before" != "$after" ]; then
        bad "$what: left or changed: $(comm -13 <(echo "$before") \
            <(echo "$after") | cut -d' ' -f1 | tr '\n' ' ')"
    else
        ok
    fi
}
