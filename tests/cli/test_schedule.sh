#!/bin/bash
# --schedule, --warmup, --clip-grad-norm, --clip-grad-value and lbfgs from
# the command line: the lr column of the trajectory, and the usage errors
# (exit 2, one "optviz: ..." line naming the value) that torch's own
# refusals become.  The numbers themselves are test_parity's and
# test_schedule's business.
# Usage: bash test_schedule.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"
hang=10

# ---- the lr column --------------------------------------------------------
"$OPTVIZ" -q -a gd:lr=1 -l quadratic --steps 7 \
    --schedule step:step-size=2:gamma=0.5 --trajectory - >t.csv
check "step: lr column halves every 2 steps" \
    '[ "$(cut -d, -f9 t.csv | tr "\n" " ")" = "lr 1 1 1 0.5 0.5 0.25 0.25 0.125 " ]'
"$OPTVIZ" -q -a gd:lr=1 -l quadratic --steps 6 --warmup 4 --trajectory - >w.csv
check "--warmup 4: 1/4, 7/16, 5/8, 13/16, then the lr" \
    '[ "$(cut -d, -f9 w.csv | tr "\n" " ")" = "lr 1 0.25 0.4375 0.625 0.8125 1 1 " ]'
"$OPTVIZ" -q -a gd:lr=0.5 -l quadratic --steps 3 --trajectory - >n.csv
check "no schedule: the lr on every row" \
    '[ "$(cut -d, -f9 n.csv | sort -u | tr "\n" " ")" = "0.5 lr " ]'
"$OPTVIZ" -q -a momentum,adam -l rosenbrock --steps 20 \
    --schedule onecycle:max-lr=0.01 --warmup 5 --clip-grad-norm 10 \
    --clip-grad-value 3 --trajectory o.json
check "onecycle + warm-up + clipping: JSON has the lr column" \
    'grep -q "\"grad_y\", \"lr\"\]" o.json'
"$OPTVIZ" -q -a gd:momentum=0 -l quadratic --steps 5 \
    --schedule onecycle:max-lr=0.1 --trajectory - >g.csv
check "onecycle on gd runs (torch turns its momentum on)" '[ $? -eq 0 ]'
"$OPTVIZ" -q -a lbfgs:line-search=strong_wolfe:max-iter=5,lbfgs:lr=0.1 \
    -l himmelblau --steps 10 --trajectory - >l.csv
check "lbfgs: two series of 11 rows" '[ "$(wc -l <l.csv)" -eq 23 ]'

# ---- usage errors ---------------------------------------------------------
expect_fail 2 "cycle-momentum=0" -a adam \
    --schedule cyclic:base-lr=0.01:max-lr=0.1 -o out.gif
expect_fail 2 "cycle-momentum=0" -a adagrad \
    --schedule onecycle:max-lr=0.1 -o out.gif
expect_fail 2 "'bogus'" --schedule bogus -o out.gif
expect_fail 2 "step-size" --schedule step -o out.gif
expect_fail 2 "'0'" --schedule step:step-size=0 -o out.gif
expect_fail 2 "'t-max'" --schedule step:step-size=2:t-max=3 -o out.gif
expect_fail 2 "'sine'" --schedule cyclic:base-lr=1:max-lr=2:mode=sine \
    -o out.gif
expect_fail 2 "total-steps 10" -a adam --steps 20 \
    --schedule onecycle:max-lr=0.1:total-steps=10 -o out.gif
expect_fail 2 "'-1'" --warmup -1 -o out.gif
expect_fail 2 "'-2'" --clip-grad-norm -2 -o out.gif
expect_fail 2 "'nan'" --clip-grad-value nan -o out.gif
expect_fail 2 "'wolfe'" -a lbfgs:line-search=wolfe -o out.gif
expect_fail 2 "'0'" -a lbfgs:history-size=0 -o out.gif
expect_fail 2 "--view response" --view response --signal spikes \
    --schedule exponential:gamma=0.9 -o out.png
expect_fail 2 "lbfgs" --view response --signal spikes -a lbfgs -o out.png
finish test_schedule
