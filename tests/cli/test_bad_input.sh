#!/bin/bash
# Bad input (design.md §8): every option with a missing, junk, negative,
# zero, huge, NaN or Inf value; sizes over the pixel cap; counts in the
# billions; broken and unusual CSV files; unwritable, odd and clashing
# output paths; runs killed by signals.
#
# A failing case must exit with its expected code (1 or 2) at once (no
# time is asserted: lib.sh's generous guard catches a hang),
# print nothing on stdout and exactly one line "optviz: ..." on stderr that
# says what was wrong, leave an existing output untouched and leave no file
# behind (temporary files included).  A merely unusual input (BOM, CRLF,
# quotes, extra columns, zero where zero is valid) must work, and give the
# same result as the plain input.
#
# Usage: bash test_bad_input.sh /path/to/optviz
# OV_UNDER_VALGRIND=1 (set by .ci/run) skips the
# 100 MB file and the option failures that repeat a path already taken,
# and runs one case in three of the rest (lib.sh's sampled_out).
. "$(dirname "$0")/lib.sh" "$@"
vg_stride=3
bad_width=300

# The fixtures every case may see; anything else left in the directory
# after a case is a leftover.
printf 'x,y\n1,2\n2,4.5\n3,5\n' >plain.csv
cp plain.csv d.csv
mkdir sub
echo precious >out.gif

# expect_fail (lib.sh) also sees that out.gif, which every case would
# write, is left as it was.

# expect_gif ARGS...: the run succeeds quietly and replaces out.gif with
# a GIF; nothing else appears.
expect_gif() {
    local what="optviz $*" before after
    sampled_out && return 0
    before=$(snapshot | cut -d' ' -f1)
    run "$@"
    after=$(snapshot | cut -d' ' -f1)
    if [ "$rc" -ne 0 ]; then
        bad "$what: exit $rc, want 0: $(head -2 err.txt)"
    elif [ -s err.txt ]; then
        bad "$what: stderr not empty with -q: $(head -2 err.txt)"
    elif [ "$(head -c 6 out.gif)" != GIF89a ]; then
        bad "$what: out.gif is not a GIF"
    elif [ "$before" != "$after" ]; then
        bad "$what: left files: $(comm -13 <(echo "$before") <(echo "$after") | tr '\n' ' ')"
    else
        ok
    fi
    echo precious >out.gif
}

# ---- every option with a value: missing, junk, negative, zero, huge, NaN,
# Inf.  Six optimizers so that every hyper-parameter is checked by one that
# takes it; a small GIF so that the look options are used.  Each entry is
# the expected exit code, 0 meaning the value is fine and the GIF is made;
# a failure's message must name the option unless the entry gives the text
# (code:text).
BASE=(-q -l quadratic -a gd,momentum,adagrad,rmsprop,adadelta,adam --steps 3
      --size 160x120 -o out.gif)
VALUES=(MISSING abc -1 0 1e300 nan inf)
while read -r opt e_missing e_junk e_neg e_zero e_huge e_nan e_inf; do
    [ -z "$opt" ] && continue
    expects=("$e_missing" "$e_junk" "$e_neg" "$e_zero" "$e_huge" "$e_nan" "$e_inf")
    for k in "${!VALUES[@]}"; do
        v=${VALUES[$k]}
        e=${expects[$k]}
        if [ "$v" = MISSING ]; then
            args=("$opt")
        else
            args=("$opt" "$v")
        fi
        # Under valgrind (half a second a run) the failures that take the
        # same path as "abc" or "-1" are left out: zero, huge, NaN, Inf.
        if [ -n "$OV_UNDER_VALGRIND" ] && [ "$k" -ge 3 ] && [ "$e" = 2 ]; then
            continue
        fi
        if [ "$e" = 0 ]; then
            expect_gif "${BASE[@]}" "${args[@]}"
        else
            code=${e%%:*}
            text=$opt
            [ "$e" != "$code" ] && text=${e#*:} && text=${text//_/ }
            [ "$v" = MISSING ] && text="$opt needs a value"
            expect_fail "$code" "$text" "${BASE[@]}" "${args[@]}"
        fi
    done
done <<'EOF'
--algo                      2 2 2 2 2 2 2
--loss                      2 2 0 0 2:cannot_draw 2 2
--data                      2 2 2 2 2 2 2
--start                     2 2 2 2 2 2 2
--steps                     2 2 2 0 2 2 2
--epochs                    2 2 2 2 2 2 2
--lr                        2 2 2 0 0 2 2
--momentum                  2 2 2 0 0 2 2
--dampening                 2 2 0 0 0 2 2
--weight-decay              2 2 2 0 0 2 2
--alpha                     2 2 2 0 0 2 2
--rho                       2 2 2 0 2 2 2
--beta1                     2 2 2 0 2 2 2
--beta2                     2 2 2 0 2 2 2
--eps                       2 2 2 0 0 2 2
--lr-decay                  2 2 2 0 0 2 2
--initial-accumulator-value 2 2 2 0 0 2 2
--initial-acc-delta         2 2 2 0 0 2 2
--nag-form                  2 2 2 2 2 2 2
--batch-size                2 2 2 0 2 2 2
--seed                      2 2 2 0 2 2 2
--noise-std                 2 2 2 0 0 2 2
--reduction                 2 2 2 2 2 2 2
--output                    2 2 2 2 2 2 2
--trajectory                2 2 2 2 2 2 2
--view                      2 2 2 2 2 2 2
--signal                    2 2 2 2 2 2 2
--panel                     2 2 2 2 2 2 2
--layout                    2 2 2 2 2 2 2
--size                      2 2 2 2 2 2 2
--xlim                      2 2 2 2 2 2 2
--ylim                      2 2 2 2 2 2 2
--levels                    2 2 2 2 2 2 2
--zscale                    2 2 2 2 2 2 2
--colormap                  2 2 2 2 2 2 2
--arrows                    2 2 2 2 2 2 2
--title                     2 0 0 0 0 0 0
--theme                     2 2 2 2 2 2 2
--elev                      2 2 0 0 2 2 2
--azim                      2 2 0 0 2 2 2
--frames                    2 2 2 2 2 2 2
--fps                       2 2 2 2 2 2 2
--hold                      2 2 2 0 2 2 2
--loop                      2 2 0 0 2 2 2
--trail                     2 2 2 0 2 2 2
--batch                     2 2 2 2 2 2 2
--jobs                      2 2 2 2 2 2 2
--list                      2 2 2 2 2 2 2
EOF

# Flags take no value; an empty value is not a value.
for flag in nesterov centered amsgrad maximize shuffle no-shuffle drop-last \
            no-legend no-colorbar rotate quiet progress force help version; do
    expect_fail 2 "--$flag takes no value" "${BASE[@]}" "--$flag=1"
done
for opt in steps lr loss output size seed algo; do
    expect_fail 2 "--$opt" "${BASE[@]}" "--$opt="
done
# Keys of --algo items get the same checks as the flags.
expect_fail 2 "lr: 'nan' is not a finite number" "${BASE[@]}" -a adam:lr=nan
expect_fail 2 "lr: 'inf' is not a finite number" "${BASE[@]}" -a gd:lr=inf
expect_fail 2 "Invalid learning rate" "${BASE[@]}" -a gd:lr=-1
expect_fail 2 "expected lr=VALUE" "${BASE[@]}" -a gd:lr
expect_fail 2 "'x' is not a number" "${BASE[@]}" -a adam:beta1=x
expect_fail 2 "batch-size: '-3' must not be negative" "${BASE[@]}" -a sgd:batch-size=-3
expect_fail 2 "is not a yes/no value" "${BASE[@]}" -a momentum:nesterov=maybe
expect_fail 2 "not a colour of the form #rrggbb" "${BASE[@]}" -a gd:color=#12345
expect_fail 2 "label longer than" "${BASE[@]}" -a "gd:label=$(printf '%0100d' 0)"
expect_fail 2 "too many optimizers (at most 16)" "${BASE[@]}" \
    -a gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd
# A newline or an escape in what the user typed stays inside one line.
expect_fail 2 "unknown algorithm 'a?b'" "${BASE[@]}" -a "$(printf 'a\nb')"
expect_fail 2 "--loss 'q?[31m'" "${BASE[@]}" -l "$(printf 'q\033[31m')"
expect_fail 1 "cannot write 'nodir/a?b.gif'" "${BASE[@]}" -o "$(printf 'nodir/a\nb.gif')"
# Long arguments (100 kB, near the kernel's limit for one argument): a
# title is drawn (clipped), a formula or a range refused.
big=$(head -c 100000 /dev/zero | tr '\0' 'x')
expect_gif "${BASE[@]}" --title "$big"
expect_fail 2 "--loss" "${BASE[@]}" -l "$big"
expect_fail 2 "--xlim" "${BASE[@]}" --xlim "$big"

# ---- sizes over the pixel cap, counts in the billions --------------------
expect_fail 2 "is too large (at most 16777216 pixels)" "${BASE[@]}" --size 32767x32767
expect_fail 2 "is too large (at most 16777216 pixels)" "${BASE[@]}" --size 5000x4000
expect_fail 2 "width: '100000' is too large (at most 32767)" "${BASE[@]}" --size 100000x100
expect_fail 2 "width: '1e9' is too large" "${BASE[@]}" --size 1e9x1e9
expect_fail 2 "height: '-5' is too small" "${BASE[@]}" --size 120x-5
expect_fail 2 "width: '16' is too small (at least 120)" "${BASE[@]}" --size 16x16
expect_fail 2 "height: '79' is too small (at least 80)" "${BASE[@]}" --size 800x79
expect_fail 2 "width: '0' is too small" "${BASE[@]}" --size 0x0
expect_fail 2 "is too large (at most 1000000)" "${BASE[@]}" --steps 3000000000
expect_fail 2 "is too large (at most 1000000)" "${BASE[@]}" --steps 1e9
expect_fail 2 "is too large (at most 1000000)" "${BASE[@]}" --steps 99999999999999999999999
expect_fail 2 "is too large (at most 100000)" "${BASE[@]}" --frames 5000000000
expect_fail 2 "is too large (at most 1000000)" "${BASE[@]}" --trail 1e10
expect_fail 2 "is too large (at most 65535)" "${BASE[@]}" --loop 4000000000
expect_fail 2 "is too large (at most 1000000)" "${BASE[@]}" --epochs 2e9
expect_fail 2 "is too large (at most 18446744073709551615)" "${BASE[@]}" \
    --seed 100000000000000000000000
expect_fail 2 "would take more than 1000000 steps" -q -l ols -a sgd \
    --epochs 1000000 -o out.gif
# A batch larger than the data is the whole data set: fine.
expect_gif "${BASE[@]}" -l ols -a minibatch:batch-size=1e12

# ---- CSV files -----------------------------------------------------------
# The same three points, written in unusual ways, give the same trajectory
# as the plain file.
"$OPTVIZ" -q -l ols -a gd,adam --steps 5 --data plain.csv --trajectory - >want.csv
check_same_data() {
    local what=$1 file=$2
    run -q -l ols -a gd,adam --steps 5 --data "$file" --trajectory -
    if [ "$rc" -ne 0 ]; then
        bad "$what: exit $rc: $(head -2 err.txt)"
    elif ! cmp -s out.txt want.csv; then
        bad "$what: trajectory differs from the plain file's"
    elif [ -s err.txt ]; then
        bad "$what: stderr not empty: $(head -2 err.txt)"
    else
        ok
    fi
    rm -f "$file"
}
printf '\xef\xbb\xbfx,y\n1,2\n2,4.5\n3,5\n' >bom.csv
check_same_data "UTF-8 BOM" bom.csv
printf 'x,y\r\n1,2\r\n2,4.5\r\n3,5\r\n' >crlf.csv
check_same_data "CRLF line ends" crlf.csv
printf '"x","y"\n"1","2"\n"2",4.5\n3,"5"\n' >quoted.csv
check_same_data "quoted fields" quoted.csv
printf 'x,y,z\n1,2,a\n2,4.5,b\n3,5,c\n' >extra.csv
check_same_data "extra columns" extra.csv
printf 'id,y,x\n7,2,1\n8,4.5,2\n9,5,3\n' >named.csv
check_same_data "columns found by name" named.csv
printf 'x,y\n1,2\n2,4.5\n3,5' >nonl.csv
check_same_data "no newline at the end" nonl.csv
printf '\xef\xbb\xbf"x","y"\r\n 1 , 2 \r\n\r\n"2","4.5"\r\n3,5\r\n' >mixed.csv
check_same_data "BOM, CRLF, quotes, blanks and an empty line" mixed.csv

: >empty.csv
expect_fail 1 "empty.csv: no data" -q -l ols --data empty.csv -o out.gif
printf 'x,y\n' >header.csv
expect_fail 1 "header.csv: no data" -q -l ols --data header.csv -o out.gif
printf '\xef\xbb\xbfx,y\r\n' >bomheader.csv
expect_fail 1 "bomheader.csv: no data" -q -l ols --data bomheader.csv -o out.gif
head -c 4096 /dev/urandom >binary.csv
expect_fail 1 "binary.csv" -q -l ols --data binary.csv -o out.gif
printf 'x,y\n1,2\n\0\0\0\n' >nul.csv
expect_fail 1 "nul.csv:3:" -q -l ols --data nul.csv -o out.gif
printf 'x\n1\n2\n' >onecol.csv
expect_fail 1 "onecol.csv:1:" -q -l ols --data onecol.csv -o out.gif
printf 'x,y\n1,2\n2\n3,5\n' >missing.csv
expect_fail 1 "missing.csv:3:" -q -l ols --data missing.csv -o out.gif
printf 'x,y\n1,2\n2,\n' >emptyfield.csv
expect_fail 1 "emptyfield.csv:3:" -q -l ols --data emptyfield.csv -o out.gif
printf 'x,y\n1,2\n2,4.5abc\n' >junk.csv
expect_fail 1 "junk.csv:3: malformed input: y value '4.5abc' is not a number" \
    -q -l ols --data junk.csv -o out.gif
printf 'x,y\n1,2\n"2",3"junk"\n' >qjunk.csv
expect_fail 1 "qjunk.csv:3:" -q -l ols --data qjunk.csv -o out.gif
printf 'x,y\n1,"2\n' >unterminated.csv
expect_fail 1 "unterminated.csv:2: malformed input: unterminated quoted field" \
    -q -l ols --data unterminated.csv -o out.gif
printf 'x,y\n1,2\n2,1e400\n' >overflow.csv
expect_fail 1 "overflow.csv:3:" -q -l ols --data overflow.csv -o out.gif
# Semicolons are a separator (detected); forced commas make the file bad.
printf 'x;y\n1;2\n' >semicolon.csv
expect_fail 1 "semicolon.csv:1:" -q -l ols --data semicolon.csv \
    --delimiter comma -o out.gif
(printf 'x,y\n1,'; head -c 1000000 /dev/zero | tr '\0' '7'; echo) >longfield.csv
expect_fail 1 "longfield.csv:2:" -q -l ols --data longfield.csv -o out.gif
rm -f ./*.csv.tmp
expect_fail 1 "cannot read 'nosuch.csv'" -q -l ols --data nosuch.csv -o out.gif
expect_fail 1 "cannot read 'sub'" -q -l ols --data sub -o out.gif
if [ -z "$OV_UNDER_VALGRIND" ]; then
    yes '1.5,2.25' | head -c 100000000 >big.csv
    expect_fail 1 "big.csv: too large" -q -l ols --data big.csv -o out.gif
    rm -f big.csv
fi
rm -f empty.csv header.csv bomheader.csv binary.csv nul.csv onecol.csv \
      missing.csv emptyfield.csv junk.csv qjunk.csv unterminated.csv \
      overflow.csv semicolon.csv longfield.csv

# ---- output paths --------------------------------------------------------
expect_fail 1 "cannot write 'nodir/x.gif': No such file or directory" \
    "${BASE[@]}" -o nodir/x.gif
expect_fail 1 "cannot write 'nodir/t.csv'" "${BASE[@]}" --trajectory nodir/t.csv
if [ "$(id -u)" -ne 0 ]; then
    mkdir ro && chmod 555 ro
    expect_fail 1 "cannot write 'ro/x.gif': Permission denied" "${BASE[@]}" -o ro/x.gif
    chmod 755 ro && rmdir ro
else
    # root writes anywhere; sysfs is read-only even for root.
    expect_fail 1 "cannot write '/sys/optviz-test.gif'" "${BASE[@]}" \
        -o /sys/optviz-test.gif
fi
mkdir adir.gif adir.csv
expect_fail 1 "cannot write 'adir.gif': is a directory" "${BASE[@]}" -o adir.gif
expect_fail 1 "cannot write 'adir.csv': is a directory" "${BASE[@]}" --trajectory adir.csv
expect_fail 2 "cannot tell the format of 'sub/'" "${BASE[@]}" -o sub/
rmdir adir.gif adir.csv
mkfifo fifo.csv
expect_fail 1 "cannot write 'fifo.csv': not a regular file" "${BASE[@]}" --trajectory fifo.csv
rm -f fifo.csv
# A failure after the outputs were opened leaves them as they were.
echo precious >keep.csv
expect_fail 2 "not finite" -q -l rosenbrock --start 1e300,1e300 -o out.gif \
    --trajectory keep.csv
[ "$(cat keep.csv)" = precious ] && ok || bad "keep.csv changed by a failed run"
rm -f keep.csv

# -o or --trajectory naming the data file, however spelt, is refused and the
# data stays as it was.
cp plain.csv d.png
ln -s d.csv link.csv
ln d.csv hard.csv
expect_fail 2 "--output 'd.png' is the data file 'd.png'" -q -l ols --data d.png -o d.png
expect_fail 2 "--trajectory 'd.csv' is the data file" -q -l ols --data d.csv --trajectory d.csv
expect_fail 2 "--trajectory './d.csv' is the data file" -q -l ols --data d.csv --trajectory ./d.csv
expect_fail 2 "--trajectory 'sub/../d.csv' is the data file" -q -l ols --data d.csv \
    --trajectory sub/../d.csv
expect_fail 2 "--trajectory '$PWD/d.csv' is the data file" -q -l ols --data d.csv \
    --trajectory "$PWD/d.csv"
expect_fail 2 "--trajectory 'link.csv' is the data file" -q -l ols --data d.csv --trajectory link.csv
expect_fail 2 "--trajectory 'hard.csv' is the data file" -q -l ols --data d.csv --trajectory hard.csv
expect_fail 2 "--trajectory 'd.csv' is the data file 'link.csv'" -q -l ols --data link.csv \
    --trajectory d.csv
cmp -s d.csv plain.csv && cmp -s d.png plain.csv && ok || bad "the data file was changed"
rm -f d.png link.csv hard.csv
# The figure and the trajectory as one file through a link.
echo precious >t.csv
ln -s t.csv fig.gif
expect_fail 2 "--output 'fig.gif' and --trajectory 't.csv' are the same file" \
    "${BASE[@]}" -o fig.gif --trajectory t.csv
[ "$(cat t.csv)" = precious ] && ok || bad "t.csv changed"
rm -f t.csv fig.gif

# ---- figure options are checked before any optimizer runs --------------
# A run that would take long (a million full-batch steps on 5000
# points) must fail at once, within the hang guard.
awk 'BEGIN { print "x,y"; for (i = 0; i < 5000; i++)
    printf "%g,%d\n", i / 500.0 - 5, i % 3 == 0 }' >slow.csv
SLOW=(-q -l sigmoid --data slow.csv -a gd --steps 1000000 -o out.gif)
expect_fail 2 "width: '100' is too small (at least 120)" "${SLOW[@]}" \
    --size 100x80
expect_fail 2 "--size 200x150 is too small for this figure; " "${SLOW[@]}" \
    --layout grid -a gd,adam,sgd,momentum,rmsprop,nag,adagrad,adamax,lion \
    --size 200x150
expect_fail 2 "--title: invalid UTF-8" "${SLOW[@]}" \
    --title "$(printf 'a\377b')"
expect_fail 2 "invalid UTF-8 in label" -q -l sigmoid --data slow.csv \
    -a "gd:label=$(printf 'x\300\257')" --steps 1000000 -o out.gif
rm -f slow.csv

# ---- outputs commit together -------------------------------------------
# The figure cannot be put in place (a directory took its name while the
# run was going): the run fails and the trajectory is not replaced either.
echo precious >tog.csv
"$OPTVIZ" -q -l ols -a sgd --steps 300000 --trajectory tog.csv \
    -o tog.png 2>err.txt &
pid=$!
wait_until "$pid" '[ -n "$(ls -A | grep "^\.tog\.png\.")" ]'
mkdir tog.png && touch tog.png/x
wait "$pid"
rc=$?
if [ "$rc" -ne 1 ]; then
    bad "commit together: exit $rc, want 1"
elif [ "$(cat tog.csv)" != precious ]; then
    bad "commit together: the trajectory was replaced"
elif [ -n "$(ls -A | grep '^\.tog')" ]; then
    bad "commit together: left $(ls -A | grep '^\.tog' | tr '\n' ' ')"
elif ! grep -q "^optviz: cannot write 'tog.png'" err.txt; then
    bad "commit together: $(cat err.txt)"
else
    ok
fi
rm -rf tog.png tog.csv

# ---- signals ----------------------------------------------------------
# A long run (a million sgd steps) is killed once its temporary files
# exist: it dies of the signal, the temporary files go, and the existing
# outputs stay as they were (lib.sh's stop).
for sig in INT TERM HUP QUIT; do
    echo precious >sig.csv
    echo precious >sig.gif
    stop "$sig" sig.gif -q -l ols -a sgd --steps 1000000 \
        --trajectory sig.csv -o sig.gif
    [ "$(cat sig.csv)" = precious ] && [ "$(cat sig.gif)" = precious ] \
        && ok || bad "SIG$sig: existing outputs changed"
done
# Ignored on entry (nohup), a signal stays ignored: the run completes.
echo precious >nh.csv
nohup "$OPTVIZ" -q -l ols -a sgd --steps 100000 --trajectory nh.csv \
    >/dev/null 2>&1 &
pid=$!
wait_until "$pid" '[ -n "$(ls -A | grep "^\.nh\.csv\.")" ]'
kill -HUP "$pid" 2>/dev/null
wait "$pid"
rc=$?
[ $rc -eq 0 ] && [ "$(head -c 9 nh.csv)" = algo,step ] && ok \
    || bad "nohup: exit $rc, nh.csv $(head -c 9 nh.csv)"
rm -f nh.csv rm -f nohup.out
rm -f sig.csv sig.gif
# A closed pipe on stdout while the figure is still a temporary file:
# SIGPIPE must not leave it behind.
"$OPTVIZ" -q -l ols -a sgd --steps 20000 --trajectory - \
    -o pipe.gif 2>err.txt | head -c 100 >/dev/null
[ -z "$(ls -A | grep 'pipe\.gif')" ] && ok \
    || bad "SIGPIPE: left $(ls -A | grep 'pipe\.gif' | tr '\n' ' ')"

finish
