#!/usr/bin/env bash
# Divergence (issue 13 items 10 and 11): a run far from the loss's default
# domain converges as torch's does (the oracle: torch 1.13 on the same
# data and start), a run that really diverges still stops, and the summary
# says what went wrong at which step.
#   test_divergence.sh OPTVIZ
set -u
. "$(dirname "$0")/lib.sh" "$@"

# Debian's python3-torch is /usr/bin/python3's; a python3 earlier on PATH
# (pyenv) may not have it.
py=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import torch' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
    echo "SKIP: a python3 with torch is needed as the oracle"
    exit 0
fi

# rows of a trajectory CSV as "algo step x y loss" (y is - for 1-D)
rows() { awk -F, 'NR > 1 { print $1, $2, $4, ($5 == "" ? "-" : $5), $6 }' "$1"; }

# ---- item 10: ols on data with y ~ 3e7 --------------------------------
awk 'BEGIN { print "x,y"; for (i = 0; i < 200; i++) {
        x = -1 + 2 * i / 199; printf "%.17g,%.17g\n", x,
        30000000 + 2 * x + 0.01 * sin(7 * i) } }' > far.csv
"$OPTVIZ" -a gd,momentum -l ols --data far.csv --trajectory far_t.csv \
    2> far.err; rc=$?
check "ols on y ~ 3e7 runs (exit $rc)" '[ $rc -eq 0 ]'
check "ols on y ~ 3e7 does not diverge: $(head -c 300 far.err)" \
    '! grep -q diverged far.err'
"$py" - far.csv far_t.csv <<'PY' > far.cmp
import csv, sys, torch
torch.set_default_dtype(torch.float64)
data = list(csv.reader(open(sys.argv[1])))[1:]
x = torch.tensor([float(r[0]) for r in data])
y = torch.tensor([float(r[1]) for r in data])
got = {}
for r in list(csv.reader(open(sys.argv[2])))[1:]:
    got.setdefault(r[0], []).append((float(r[3]), float(r[4])))
for name, opt in (("gd", lambda p: torch.optim.SGD([p], lr=0.1)),
                  ("momentum", lambda p: torch.optim.SGD([p], lr=0.02,
                                                         momentum=0.9))):
    p = torch.tensor([2.0, 9.0], requires_grad=True)
    o = opt(p)
    for step in range(100):
        o.zero_grad()
        ((p[0] + p[1] * x - y) ** 2).mean().backward()
        o.step()
    rows = got.get(name, [])
    if len(rows) != 101:
        print("FAIL %s: %d rows, torch has 101" % (name, len(rows)))
        continue
    a, b = rows[-1]
    err = max(abs(a - p[0].item()) / abs(p[0].item()),
              abs(b - p[1].item()) / max(1.0, abs(p[1].item())))
    print("%s %s final (%.10g, %.10g) torch (%.10g, %.10g) rel %.2g" %
          ("ok" if err < 1e-9 else "FAIL", name, a, b, p[0].item(),
           p[1].item(), err))
PY
while read -r verdict rest; do
    check "ols y ~ 3e7 against torch: $verdict $rest" '[ "$verdict" = ok ]'
done < far.cmp
check "the torch comparison ran" '[ "$(grep -c . far.cmp)" -eq 2 ]'

# ---- item 10: (x-3e7)^2+(y-1)^2, with and without the view -------------
for view in "" "--xlim -1e8:1e8"; do
    # shellcheck disable=SC2086
    "$OPTVIZ" -a gd,adam -l '(x-3e7)^2+(y-1)^2' $view --trajectory e.csv \
        2> e.err; rc=$?
    check "expression far away ${view:-(no view)}: exit $rc" '[ $rc -eq 0 ]'
    check "expression far away ${view:-(no view)}: no divergence" \
        '! grep -q diverged e.err'
    "$py" - e.csv <<'PY' > e.cmp
import csv, sys, torch
got = {}
for r in list(csv.reader(open(sys.argv[1])))[1:]:
    got.setdefault(r[0], []).append((float(r[3]), float(r[4])))
for name, mk in (("gd", lambda p: torch.optim.SGD([p], lr=0.01)),
                 ("adam", lambda p: torch.optim.Adam([p], lr=0.1))):
    p = torch.tensor([-3.0, 4.0], dtype=torch.float64, requires_grad=True)
    o = mk(p)
    for step in range(100):
        o.zero_grad()
        ((p[0] - 3e7) ** 2 + (p[1] - 1) ** 2).backward()
        o.step()
    rows = got.get(name, [])
    ok = len(rows) == 101 and abs(rows[-1][0] - p[0].item()) <= \
        1e-9 * abs(p[0].item()) and abs(rows[-1][1] - p[1].item()) <= 1e-9
    print("%s %s %d rows, final %s torch (%.10g, %.10g)" % (
        "ok" if ok else "FAIL", name, len(rows),
        rows[-1] if rows else None, p[0].item(), p[1].item()))
PY
    while read -r verdict rest; do
        check "expression ${view:-(no view)} against torch: $verdict $rest" \
            '[ "$verdict" = ok ]'
    done < e.cmp
done

# ---- a run that diverges still stops, with the right step --------------
# gd at lr 1.5 on x^2 from 2: x_k = 2 (-2)^k; the loss grows by 4 a step.
"$OPTVIZ" -a gd:lr=1.5 -l parabola --start 2 --steps 200 --trajectory p.csv \
    2> p.err; rc=$?
check "diverging run: exit 0" '[ $rc -eq 0 ]'
k=$(sed -n 's/.*diverged at step \([0-9]*\).*/\1/p' p.err)
check "diverging run stops: $(cat p.err)" '[ -n "$k" ] && [ "$k" -lt 200 ]'
last=$(rows p.csv | tail -1 | awk '{ print $2 }')
check "rows end one step before it ($last, $k)" '[ "$last" -eq $((k - 1)) ]'
# item 11: step k's loss is finite: the summary gives it (x_k^2) and does
# not call step k-1's loss the last finite one.
want=$(awk -v k="${k:-0}" 'BEGIN { printf "%.6g", (2 * (-2) ^ k) ^ 2 }')
check "summary gives step $k's loss $want: $(cat p.err)" \
    'grep -q "loss $want at" p.err'
check "summary does not say 'last finite' for a finite loss" \
    '! grep -q "last finite" p.err'

# ---- item 11: a finite step whose gradient is NaN is kept -------------
# sqrt(|x|) from 1 at lr 2: step 1 lands on 0 (loss 0, gradient 0/0);
# torch keeps that point and its next step is NaN.
"$OPTVIZ" -a gd:lr=2 -l 'sqrt(abs(x))' --start 1 --steps 5 \
    --trajectory n.csv 2> n.err; rc=$?
check "NaN gradient: exit 0" '[ $rc -eq 0 ]'
check "NaN gradient: step 1 kept ($(tr '\n' ';' < n.csv))" \
    '[ "$(awk -F, "\$2 == 1 { print \$4, \$6 }" n.csv)" = "0 0" ]'
check "NaN gradient: written as nan ($(sed -n 3p n.csv))" \
    '[ "$(sed -n 3p n.csv | cut -d, -f7)" = nan ]'
check "NaN gradient: diverged at step 2 from step 1: $(cat n.err)" \
    'grep -q "diverged at step 2 (point not finite; last finite loss 0 at step 1, whose gradient is not finite)" n.err'
"$OPTVIZ" -a gd:lr=2 -l 'sqrt(abs(x))' --start 1 --steps 5 \
    --trajectory n.json -q
check "NaN gradient: JSON parses (null)" \
    'python3 -c "import json,sys; r=json.load(open(\"n.json\"))[\"optimizers\"][0][\"rows\"]; sys.exit(not (len(r) == 2 and r[1][5] is None))"'
"$OPTVIZ" -a gd:lr=2 -l 'sqrt(abs(x))' --start 1 --steps 5 \
    --arrows gradient -o n.png -q; rc=$?
check "NaN gradient: the figure draws (arrows on)" '[ $rc -eq 0 ] && [ -s n.png ]'

# ---- item 11: a start with a finite loss and a non-finite gradient ----
"$OPTVIZ" -a gd -l 'sqrt(abs(x))' --start 0 --steps 5 -o s.png 2> s.err; rc=$?
check "start with NaN gradient runs (exit $rc): $(cat s.err)" '[ $rc -eq 0 ]'
check "start with NaN gradient: not 'loss is not finite'" \
    '! grep -q "loss is not finite" s.err'
check "start with NaN gradient: says the gradient: $(cat s.err)" \
    'grep -q "diverged at step 1 (point not finite; last finite loss 0 at step 0, whose gradient is not finite)" s.err'
# a start whose loss is not finite is still refused
"$OPTVIZ" -a gd -l 'log(x)' --start -1 -o s2.png 2> s2.err; rc=$?
check "start with a non-finite loss refused: $(cat s2.err)" \
    '[ $rc -ne 0 ] && grep -q "not finite at the start" s2.err'

# ---- item 17: divergence on the user's data names the lr --------------
awk 'BEGIN { print "x,y"; for (i = 0; i < 50; i++)
        printf "%d,%d\n", 100 * i, 3 * i }' > wide.csv
"$OPTVIZ" -a gd -l ols --data wide.csv -o w.png 2> w.err
check "divergence on --data names the recommended lr: $(cat w.err)" \
    'grep -q "diverged" w.err && grep -q "gd used lr=0.1, the recommendation of .ols. for its built-in data" w.err'
"$OPTVIZ" -a gd --lr 0.1 -l ols --data wide.csv -o w.png 2> w2.err
check "no such note when --lr is given: $(cat w2.err)" \
    '! grep -q recommendation w2.err'
finish
