#!/bin/bash
# --view response (seed 001): --list signals; usage errors (no or unknown
# --signal, options that mean nothing without a loss); the CSV trajectory
# of a run against the momentum recursion and the spikes' definition;
# noise per --seed; PNG, GIF and the default file name.
#
# Usage: bash test_response.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"

# Usage errors: expect_fail 2 MESSAGE-PART ARGS... (lib.sh): one line on
# stderr holding the message part, nothing written.

# --list signals: the six, in order, with their definitions.
"$OPTVIZ" --list signals >list.txt
if [ "$(cut -d' ' -f1 list.txt | tr '\n' ' ')" = \
     "spikes rectangles noisy-sin very-noisy-sin sawtooth saturation " ] \
    && grep -q '^spikes  *1 when t mod 60 = 0' list.txt; then
    ok
else
    bad "--list signals: $(cat list.txt)"
fi
rm -f list.txt

expect_fail 2 "--view response needs --signal NAME (one of spikes," \
    --view response -o r.png
expect_fail 2 "unknown signal 'spikez' (did you mean 'spikes'?)" \
    --view response --signal spikez -o r.png
expect_fail 2 "--signal only applies to --view response" --signal spikes -o r.png
expect_fail 2 "--epochs does not apply to --view response" \
    --view response --signal spikes --epochs 3 -o r.png
expect_fail 2 "--start does not apply" --view response --signal spikes \
    --start 1 -o r.png
expect_fail 2 "--panel loss does not apply" --view response --signal spikes \
    --panel loss -o r.png
expect_fail 2 "exports CSV only" --view response --signal spikes \
    --trajectory t.json
expect_fail 2 "--steps 0" --view response --signal spikes --steps 0 -o r.png

# Momentum 0.9 on spikes: x_t - x_{t+1} = 0.25 v_t, v_t = 0.9 v_{t-1} + g_t,
# g_t = 1 when t mod 60 = 0; grad_x is g_t; 301 rows.
"$OPTVIZ" -q --view response --signal spikes -a momentum:momentum=0.9 \
    --trajectory m.csv
check=$(awk -F, 'NR > 1 {
        t = $2; x[t] = $4; g[t] = $7; n++
        if ($1 != "momentum momentum=0.9") lab = $1
    }
    END {
        if (n != 301) { print "rows " n; exit }
        v = 0
        for (t = 0; t < 300; t++) {
            want_g = (t % 60 == 0) ? 1 : 0
            if (g[t] != want_g) { print "g at " t ": " g[t]; exit }
            v = 0.9 * v + want_g
            d = x[t] - x[t + 1] - 0.25 * v
            if (d > 1e-12 || d < -1e-12) { print "response at " t ": " d; exit }
        }
        if (lab != "") { print "label " lab; exit }
        print "ok"
    }' m.csv)
[ "$check" = ok ] && ok || bad "momentum on spikes: $check"

# The same run's summary names the last update.
"$OPTVIZ" --view response --signal spikes -a momentum:momentum=0.9 \
    --trajectory - 2>err.txt >/dev/null
grep -q 'lr=0.25 .*last update .*300 steps' err.txt && ok \
    || bad "summary: $(cat err.txt)"

# Noise follows --seed: same seed, same bytes; another seed, other values.
"$OPTVIZ" -q --view response --signal noisy-sin -a adam --seed 5 \
    --trajectory a.csv
"$OPTVIZ" -q --view response --signal noisy-sin -a adam --seed 5 \
    --trajectory b.csv
"$OPTVIZ" -q --view response --signal noisy-sin -a adam --seed 6 \
    --trajectory c.csv
if cmp -s a.csv b.csv && ! cmp -s a.csv c.csv; then ok; else bad "seeds"; fi
# The noise is within 0.5 of sin(t/20).
off=$(awk -F, 'NR > 1 { d = $7 - sin($2 / 20); if (d < -0.5 || d >= 0.5) n++ }
               END { print n + 0 }' a.csv)
[ "$off" = 0 ] && ok || bad "noisy-sin: $off values off sin(t/20) by 0.5+"

# Figures: PNG, GIF, and the default name <signal>_<algos>.gif.
"$OPTVIZ" -q --view response --signal rectangles \
    -a adam:beta1=0.25,adam:beta1=0.9,adam:beta1=0.975 -o r.png \
    && [ "$(head -c 8 r.png | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] \
    && ok || bad "PNG"
"$OPTVIZ" -q --view response --signal saturation -a rmsprop --steps 40 \
    -o r.gif && [ "$(head -c 6 r.gif)" = GIF89a ] && ok || bad "GIF"
mkdir d && (cd d && "$OPTVIZ" -q --view response --signal sawtooth \
    -a momentum,adam --steps 30) && [ -s d/sawtooth_momentum-adam.gif ] \
    && ok || bad "default name: $(ls d)"

finish test_response.sh
