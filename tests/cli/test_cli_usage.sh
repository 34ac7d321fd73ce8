#!/bin/bash
# Usage errors, --help, --version and --list: exit codes, one-line messages
# on stderr that name the offending option or value, clean stdout.
# Usage: bash test_cli_usage.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"

# expect_fail CODE TEXT ARGS... (lib.sh): exit CODE, nothing on stdout,
# exactly one line "optviz: ..." on stderr containing TEXT, and no file
# left behind.

# unknown names, with suggestions
expect_fail 2 "unknown option '--los' (did you mean '--loss'?)" --los ols
expect_fail 2 "unknown option '--bogus-flag'" --bogus-flag
expect_fail 2 "unknown option '-z'" -z
expect_fail 2 "unknown algorithm 'adma' (did you mean 'adam'?)" --algo adma
expect_fail 2 "unknown algorithm 'rmsprp' (did you mean 'rmsprop'?)" -a gd,rmsprp
expect_fail 2 "unknown algorithm 'Adma' (did you mean 'adam'?)" -a Adma
expect_fail 2 "unknown loss 'rosenbrok' (did you mean 'rosenbrock'?)" --loss rosenbrok
expect_fail 2 "unknown loss 'qudratic' (did you mean 'quadratic'?)" -l qudratic
expect_fail 2 "unknown loss 'zzzzzz'; see optviz --list losses" --loss zzzzzz
expect_fail 2 "--loss 'x^^2': column 3:" -l 'x^^2'
expect_fail 2 "--loss 'foo(x) + y': column 1: unknown function 'foo'" -l 'foo(x) + y'
expect_fail 2 "unknown colormap 'viridsi' (did you mean 'viridis'?)" --colormap viridsi
expect_fail 2 "unknown list 'loses'" --list loses
expect_fail 2 "unknown value 'contur'" --view contur
expect_fail 2 "(did you mean 'contour'?)" --view contur
expect_fail 2 "unknown key 'lrr' (did you mean 'lr'?)" -a adam:lrr=0.1
expect_fail 2 "adam does not take 'momentum'" -a adam:momentum=0.9
expect_fail 2 "gd does not take 'beta1'" -a gd:beta1=0.9
expect_fail 2 "unexpected argument 'stray'" stray

# numbers: junk, empty, NaN/Inf, negative, out of range, not integer
expect_fail 2 "--steps: 'abc' is not a number" --steps abc
expect_fail 2 "--steps: '10x' is not a number" --steps 10x
expect_fail 2 "--steps: empty value" --steps=
expect_fail 2 "--steps: '-5' must not be negative" --steps -5
expect_fail 2 "--steps: '2.5' is not an integer" --steps 2.5
expect_fail 2 "--steps: '5000000000' is too large (at most 1000000)" --steps 5000000000
expect_fail 2 "--steps: '99999999999999999999999' is too large" --steps 99999999999999999999999
expect_fail 2 "--lr: 'nan' is not a finite number" --lr nan
expect_fail 2 "--lr: 'inf' is not a finite number" --lr=inf
expect_fail 2 "--lr: '1e999' is out of range" --lr 1e999
expect_fail 2 "--lr: '0.1.2' is not a number" --lr 0.1.2
expect_fail 2 "--lr: ' 0.1' is not a number" --lr ' 0.1'
expect_fail 2 "--noise-std: '-1' must not be negative" --noise-std -1
expect_fail 2 "--seed: '-3' must not be negative" --seed -3
expect_fail 2 "--frames: '3000000000' is too large (at most 100000)" --frames 3000000000
expect_fail 2 "--epochs: '0' is too small (at least 1)" --epochs 0
expect_fail 2 "--size '100000x100000': width: '100000' is too large (at most 32767)" --size 100000x100000
expect_fail 2 "--size '800x0': height: '0' is too small (at least 80)" --size 800x0
expect_fail 2 "--size: '5000x5000' is too large (at most 16777216 pixels)" --size 5000x5000
expect_fail 2 "--size: '800' is not WIDTHxHEIGHT" --size 800
expect_fail 2 "--xlim: '3:1': MIN must be less than MAX" --xlim 3:1
expect_fail 2 "--start 'a,b': X: 'a' is not a number" --start a,b
expect_fail 2 "--start '1,': Y: empty value" --start 1,
expect_fail 2 "--xlim '-1:x': MAX: 'x' is not a number" --xlim -1:x
expect_fail 2 "--start: '1,2,3' is not X or X,Y" --start 1,2,3
expect_fail 2 "--start: loss 'ols' has two parameters" --start 1
expect_fail 2 "--start: loss 'parabola' has one parameter" -l parabola --start 1,2
expect_fail 2 "--algo 'adam:lr=abc': lr: 'abc' is not a number" -a adam:lr=abc
expect_fail 2 "--algo 'gd:batch-size=-2'" -a gd:batch-size=-2

# hyper-parameters torch rejects, with torch's words
expect_fail 2 "--lr '-1' (for gd): Invalid learning rate: -1" --lr -1
expect_fail 2 "Invalid momentum value: -0.5" --momentum -0.5
expect_fail 2 "--algo 'adam:beta1=1.5': Invalid beta parameter at index 0: 1.5" -a adam:beta1=1.5
expect_fail 2 "Invalid beta parameter at index 1: 1" -a adam --beta2 1
expect_fail 2 "Invalid epsilon value: -1e-08" -a rmsprop:eps=-1e-8
expect_fail 2 "Invalid rho value: 1.5" -a adadelta:rho=1.5
expect_fail 2 "Nesterov momentum requires a momentum and zero dampening" -a nag:dampening=0.5
expect_fail 2 "--nesterov (for gd): Nesterov momentum requires" -a gd --nesterov
expect_fail 2 "Invalid weight_decay value: -0.1" -a adagrad:weight-decay=-0.1

# option syntax
expect_fail 2 "--steps needs a value (N)" --steps
expect_fail 2 "--quiet takes no value" --quiet=1
expect_fail 2 "--algo: empty item in 'gd,,adam'" -a gd,,adam
expect_fail 2 "--algo: empty list" -a ''
expect_fail 2 "--algo: too many optimizers (at most 16)" \
    -a gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd
expect_fail 2 "label 'x' is used twice" -a adam:label=x,gd:label=x
expect_fail 2 "is not a colour of the form #rrggbb" -a adam:color=#12345g
expect_fail 2 "unknown colour 'reed'" -a adam:color=reed
expect_fail 2 "cannot tell the format of 'fig.jpg'" -o fig.jpg
expect_fail 2 "cannot tell the format of 'traj.txt'" --trajectory traj.txt
expect_fail 1 "--batch: cannot read 'jobs.txt'" --batch jobs.txt
expect_fail 2 "-j/--jobs only applies to --batch" -j 4
expect_fail 2 "--batch takes only -j, --force and -q" --batch jobs.txt --steps 5
expect_fail 2 "--data: loss 'quadratic' takes no data set" -l quadratic --data x.csv
expect_fail 2 "would take more than 1000000 steps" --epochs 100000 -a sgd

# --help, --version, --list go to stdout with exit 0
"$OPTVIZ" --help >out.txt 2>err.txt
if [ $? -eq 0 ] && [ ! -s err.txt ] && grep -q '^Usage: optviz' out.txt; then ok; else bad "--help"; fi
for opt in algo loss data start steps epochs lr momentum dampening nesterov \
    weight-decay alpha centered rho beta1 beta2 eps amsgrad lr-decay \
    initial-accumulator-value initial-acc-delta maximize nag-form batch-size \
    no-shuffle drop-last seed noise-std reduction output trajectory view panel \
    layout size xlim ylim levels zscale colormap arrows title no-legend \
    no-colorbar theme elev azim rotate frames fps hold loop trail quiet \
    progress force batch list help version; do
    grep -q -- "--$opt\b" out.txt || bad "--help does not mention --$opt"
done
ok
if awk 'length($0) > 80 { exit 1 }' out.txt; then ok; else bad "--help has lines over 80 columns"; fi
"$OPTVIZ" -h | cmp -s - out.txt && ok || bad "-h differs from --help"
"$OPTVIZ" --steps 10 --help | cmp -s - out.txt && ok || bad "--help after options"

"$OPTVIZ" --version >out.txt 2>err.txt
if [ $? -eq 0 ] && grep -qE '^optviz [0-9]+\.[0-9]+\.[0-9]+$' out.txt && [ ! -s err.txt ]; then ok; else bad "--version"; fi

"$OPTVIZ" --list algos >out.txt 2>err.txt || bad "--list algos exit"
for a in gd sgd minibatch momentum nag adagrad rmsprop adadelta adam adamax; do
    grep -q "^$a " out.txt || bad "--list algos lacks $a"
done
# One "name summary" line per optimizer, each name once.
awk 'NF < 3 || $1 !~ /^[a-z][a-z0-9-]*$/ || seen[$1]++' out.txt >junk.txt
[ ! -s junk.txt ] && [ "$(wc -l <out.txt)" -ge 10 ] && ok \
    || bad "--list algos: bad lines: $(cat junk.txt)"

"$OPTVIZ" --list losses >out.txt 2>err.txt || bad "--list losses exit"
for l in ols sigmoid quadratic rosenbrock parabola; do
    grep -q "^$l " out.txt || bad "--list losses lacks $l"
done
grep -qE '^ols +2 ' out.txt && grep -qE '^parabola +1 ' out.txt && ok || bad "--list losses dims"
grep -q 'adam=' out.txt && ok || bad "--list losses lacks recommended lr"
awk 'length($0) > 80 { exit 1 }' out.txt && ok || bad "--list losses has lines over 80 columns"

"$OPTVIZ" --list colormaps >out.txt 2>err.txt || bad "--list colormaps exit"
grep -qx viridis out.txt && grep -qx magma out.txt && ok || bad "--list colormaps"

finish
