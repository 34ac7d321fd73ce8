#!/bin/bash
# --batch: 20 jobs with one bad line on 2 workers (19 outputs, one error
# naming the line, exit 1); a second run skips all 19; every output is
# byte-identical to running its line alone; report order, quoting,
# comments, clashing outputs, --force, changed lines, formats that record
# nothing, and batch-level errors.  Prints the -j 1 and -j 2 times.
# Usage: bash test_batch.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"

# ---- the 20-job file ---------------------------------------------------------
# 19 good jobs (PNG and GIF, which record their command line), line 14 bad.
cat >jobs.txt <<'EOF'
# optviz batch test: one figure per line
optviz -a adam -l rosenbrock --steps 80 -o j01.png

optviz -a gd,momentum -l himmelblau --steps 60 -o j02.png --title 'Himmelblau: "gd" vs momentum'
optviz -a rmsprop,adam -l beale --steps 60 -o "j03 with space.png"
  -a nag -l booth --steps 50 -o j04.gif --frames 12 --size 400x300   # no "optviz"
optviz -a adagrad -l matyas --steps 40 -o j05.png --colormap magma
optviz -a adam -l three_hump_camel --steps 60 -o j06.png --theme dark
optviz -a gd:lr=0.01,gd:lr=0.05 -l rastrigin --steps 40 -o j07.png
optviz -a adamax -l ackley --steps 60 -o j08.gif --frames 10 --size 320x240
optviz -a momentum:color=#ff0000 -l saddle --steps 30 -o j09.png   # '#' inside a word
optviz -a adadelta -l wobbly --steps 60 -o j10.png --levels 12
optviz -a adam -l ripple --steps 60 -o j11.png --zscale log
optviz -a gd -l giant_plateau --steps 40 -o j12.png --no-legend
optviz -a adam -l rosenbrok --steps 40 -o j13.png
optviz -a gd,adam -l two_minimums --steps 60 -o j14.gif --frames 8 --size 320x240
optviz -a sgd -l ols --steps 60 -o j15.png --seed 3
optviz -a minibatch -l sigmoid --steps 60 -o j16.png --batch-size 8
optviz -a adam -l hills_and_canyon --steps 60 -o j17.png --no-colorbar
optviz -a gd -l parabola --steps 30 -o j18.png
optviz -a adam -l basins_and_walls --steps 60 -o j19.png --title It\'s
optviz -a momentum -l six_hump_camel --steps 60 -o j20.png --arrows step
EOF
bad_line=$(grep -n rosenbrok jobs.txt | grep -v rosenbrock | cut -d: -f1)
OUTS=(j01.png j02.png 'j03 with space.png' j04.gif j05.png j06.png j07.png
      j08.gif j09.png j10.png j11.png j12.png j14.gif j15.png j16.png j17.png
      j18.png j19.png j20.png)
check "19 expected outputs listed" '[ ${#OUTS[@]} -eq 19 ]'

t0=$(date +%s.%N)
"$OPTVIZ" --batch jobs.txt -j 2 >out.txt 2>err.txt
rc=$?
t1=$(date +%s.%N)
check "exit 1 with a failed job (got $rc)" '[ $rc -eq 1 ]'
check "stderr holds only the failure, with the optviz: prefix" \
    '[ "$(wc -l < err.txt)" -eq 1 ] && grep -q "^optviz: jobs.txt:" err.txt'
n=0
for f in "${OUTS[@]}"; do [ -s "$f" ] && n=$((n + 1)); done
check "19 outputs written (got $n)" '[ $n -eq 19 ]'
check "bad job wrote nothing" '[ ! -e j13.png ]'
check "one error line on stderr, naming line $bad_line and the loss" \
    '! grep -q "error" out.txt &&
     grep -q "^optviz: jobs.txt:$bad_line: error: --loss: unknown loss .rosenbrok. (did you mean .rosenbrock.?)" err.txt'
check "19 job lines and a summary on stdout" '[ "$(wc -l <out.txt)" -eq 20 ]'
check "summary counts" \
    'grep -q "^20 jobs: 19 written, 0 up to date, 1 failed (.* s, 2 threads)$" out.txt'
# Lines come in file order: their line numbers increase.
check "report in file order" \
    'head -19 out.txt | cut -d: -f2 | sort -n -c 2>/dev/null &&
     [ "$(head -19 out.txt | cut -d: -f2 | tr "\n" " ")" = "$(grep -n "^ *[-o]" jobs.txt | cut -d: -f1 | grep -vx "$bad_line" | tr "\n" " ")" ]'
check "report names the output with a space" 'grep -q "wrote j03 with space.png (" out.txt'
check "outputs are PNG/GIF" \
    '[ "$(head -c 4 j01.png | tail -c 3)" = PNG ] && [ "$(head -c 6 j04.gif)" = GIF89a ]'

# Each output is byte-identical to running its line alone (split by bash,
# which is what the batch parser must agree with).
mkdir solo
grep -v -e '^ *#' -e '^ *$' jobs.txt >lines.txt
same=0 total=0
while IFS= read -r line; do
    eval "set -- $line"
    [ "$1" = optviz ] && shift
    (cd solo && "$OPTVIZ" "$@" 2>/dev/null)
done <lines.txt
for f in "${OUTS[@]}"; do
    total=$((total + 1))
    if cmp -s "$f" "solo/$f"; then same=$((same + 1)); else bad "$f differs from its line run alone"; fi
done
check "all 19 outputs byte-identical to solo runs ($same/$total)" '[ $same -eq 19 ]'
check "PNG records the command line" \
    'grep -aq "optviz -a adam -l rosenbrock --steps 80 -o j01.png" j01.png'

# ---- second run: everything up to date ------------------------------------
cksum "${OUTS[@]}" >sums1.txt
sleep 1
"$OPTVIZ" --batch jobs.txt -j 2 >out2.txt 2>&1
rc=$?
check "second run: exit 1 (the bad line still fails)" '[ $rc -eq 1 ]'
check "second run: 19 up to date" '[ "$(grep -c "is up to date$" out2.txt)" -eq 19 ]'
check "second run: summary" 'grep -q "^20 jobs: 0 written, 19 up to date, 1 failed" out2.txt'
check "second run: files untouched" \
    '[ -z "$(find . -maxdepth 1 -name "j*" -newer sums1.txt)" ] && cksum "${OUTS[@]}" | cmp -s - sums1.txt'

# --force reruns them; the bytes do not change.
"$OPTVIZ" --batch jobs.txt -j 2 --force -q >out3.txt 2>&1
check "--force: all rerun, same bytes" \
    '[ -n "$(find . -maxdepth 1 -name j01.png -newer sums1.txt)" ] && cksum "${OUTS[@]}" | cmp -s - sums1.txt'
check "-q: only the error line" '[ "$(wc -l <out3.txt)" -eq 1 ] && grep -q ":$bad_line: error:" out3.txt'

# ---- timing: -j 1 against -j 2 ---------------------------------------------
t2=$(date +%s.%N)
"$OPTVIZ" --batch jobs.txt -j 1 --force -q >/dev/null 2>&1
t3=$(date +%s.%N)
"$OPTVIZ" --batch jobs.txt -j 2 --force -q >/dev/null 2>&1
t4=$(date +%s.%N)
printf 'timing: 20-job batch: -j 1 %.2f s, -j 2 %.2f s (first run -j 2: %.2f s)\n' \
    "$(echo "$t3 - $t2" | bc)" "$(echo "$t4 - $t3" | bc)" "$(echo "$t1 - $t0" | bc)"
check "-j 1 and -j 2 give the same bytes" 'cksum "${OUTS[@]}" | cmp -s - sums1.txt'

# ---- changed lines, files that record nothing, stdin ----------------------
mkdir more && cd more || exit 1
cat >a.txt <<'EOF'
-a adam -l quadratic --steps 10 -o p.png --size 200x160
-a adam -l quadratic --steps 10 -o v.svg --size 200x160
-a adam -l quadratic --steps 10 -o t.png --trajectory t.csv --size 200x160
EOF
"$OPTVIZ" --batch a.txt >o1.txt 2>&1
"$OPTVIZ" --batch a.txt >o2.txt 2>&1
check "SVG and trajectory jobs always run" \
    'grep -q "^a.txt:1: p.png is up to date$" o2.txt && grep -q "^a.txt:2: wrote v.svg (" o2.txt &&
     grep -q "^a.txt:3: wrote t.png and t.csv (" o2.txt'
sed -i 's/p.png --size 200x160/p.png --size 200x160 --title changed/' a.txt
"$OPTVIZ" --batch a.txt >o3.txt 2>&1
check "a changed line reruns" 'grep -q "^a.txt:1: wrote p.png (" o3.txt'
printf 'not a png' >p.png
"$OPTVIZ" --batch a.txt >o4.txt 2>&1
check "a file that records nothing is rewritten" \
    'grep -q "^a.txt:1: wrote p.png (" o4.txt && [ "$(head -c 4 p.png | tail -c 3)" = PNG ]'
sed -i '1s/$/ --force/' a.txt
"$OPTVIZ" --batch a.txt >o5.txt 2>&1
"$OPTVIZ" --batch a.txt >o5.txt 2>&1
check "a line's own --force reruns it" 'grep -q "^a.txt:1: wrote p.png (" o5.txt'
printf '%s\n' '-a gd -l quadratic --steps 5 -o s.gif --frames 3 --size 200x160' |
    "$OPTVIZ" --batch - >o6.txt 2>&1
check "--batch - reads stdin" \
    '[ $? -eq 0 ] && grep -q "^<stdin>:1: wrote s.gif (" o6.txt && [ -s s.gif ]'

# ---- per-line errors ---------------------------------------------------------
mkdir ../errs && cd ../errs || exit 1
cat >e.txt <<'EOF'
-a adam -l quadratic --steps 5 -o ok.png --size 200x160
-a adam -l quadratic --steps 5 -o ok.png --size 120x100
-a adam --title 'unterminated -o u.png
-a adam --title "x$HOME" -o d.png
-a adam -o $HOME/x.png
-a adam -o ~/x.png
-a adam -o x.png; rm -rf /
-a adam -o '*.png'  --bogus
--batch other.txt
-j 3 -o j.png
--help
-a adam --trajectory -
-a adam -l quadratic --steps 5 -o "quoted ok.png" --size 200x160 --title "a \"b\" \$c"
EOF
"$OPTVIZ" --batch e.txt -j 2 >eo.txt 2>ee.txt
rc=$?
check "per-line errors: exit 1" '[ $rc -eq 1 ]'
want() { cat eo.txt ee.txt | grep -qF -- "$1" || bad "no '$1' in: $(cat eo.txt ee.txt)"; }
want "e.txt:1: wrote ok.png ("
want "optviz: e.txt:2: error: 'ok.png' is also written by line 1"
want "optviz: e.txt:3: error: unterminated ' quote"
want "optviz: e.txt:4: error: '\$' would be expanded by a shell inside \"...\""
want "optviz: e.txt:5: error: '\$' is shell syntax; quote it"
want "optviz: e.txt:6: error: '~' would be expanded by a shell"
want "optviz: e.txt:7: error: ';' is shell syntax; quote it"
want "optviz: e.txt:8: error: unknown option '--bogus'"
want "optviz: e.txt:9: error: --batch inside a batch file"
want "optviz: e.txt:10: error: -j/--jobs goes with --batch, not on a line"
want "optviz: e.txt:11: error: --help makes no figure"
want "optviz: e.txt:12: error: standard output (-) cannot be used in a batch"
want "e.txt:13: wrote quoted ok.png ("
want "13 jobs: 2 written, 0 up to date, 11 failed"
ok
check "only the good jobs wrote files" \
    '[ "$(ls *.png | tr "\n" " ")" = "ok.png quoted ok.png " ]'
check "a quoted title with escapes is recorded as bash would pass it" \
    'grep -aqF -e "--title '"'"'a \"b\" \$c'"'"'" "quoted ok.png"'

# ---- batch-level errors -------------------------------------------------------
"$OPTVIZ" --batch missing.txt >o.txt 2>e2.txt
check "missing file: exit 1, message on stderr" \
    '[ $? -eq 1 ] && [ ! -s o.txt ] && grep -q "^optviz: --batch: cannot read .missing.txt.: No such file" e2.txt'
cp ../more/a.txt .
"$OPTVIZ" --batch a.txt --size 300x200 >o.txt 2>e2.txt
check "other options with --batch: usage error" \
    '[ $? -eq 2 ] && grep -q "^optviz: --batch takes only -j, --force and -q" e2.txt'
"$OPTVIZ" --batch a.txt -j 0 >o.txt 2>e2.txt
check "-j 0: usage error" '[ $? -eq 2 ] && grep -q "^optviz: -j: .0. is too small" e2.txt'
printf '# nothing\n\n' >empty.txt
"$OPTVIZ" --batch empty.txt >o.txt 2>e2.txt
check "no jobs: exit 0" '[ $? -eq 0 ] && grep -q "^0 jobs: 0 written" o.txt'

# ---- continued lines -------------------------------------------------------
mkdir ../cont && cd ../cont || exit 1
# A backslash at the end of a line continues the job on the next line, as
# in a shell; errors name the line where the job starts.
printf '%s\n' \
    '# wrapped jobs' \
    '-a adam -l quadratic \' \
    '    --steps 5 --size 200x160 \' \
    '    -o w1.png' \
    '-a adam -l quadratic --steps 5 --size 200x160 -o w2.png' \
    '-a adam -l quadratic --steps 5 --size 200x160 --title "two \' \
    'lines" -o w3.png' \
    '-a adam --bogus \' \
    '    -o w4.png' \
    '-a adam -l quadratic --steps 5 --size 200x160 -o w5.png # note \' \
    '-a adam -l quadratic --steps 5 --size 200x160 -o w6.png --title a\\' \
    '-a adam -l quadratic --steps 5 --size 200x160 \' \
    '    -o w1.png' \
    '-a adam -l quadratic --steps 5 \' \
    '    --size 200x160 -o w7.png \' >c.txt
"$OPTVIZ" --batch c.txt >co.txt 2>&1
check "continued: a wrapped job runs, reported at its first line" \
    'grep -q "^c.txt:2: wrote w1.png (" co.txt && [ -s w1.png ]'
check "continued: the next job keeps its own line number" \
    'grep -q "^c.txt:5: wrote w2.png (" co.txt'
check "continued: inside double quotes the backslash-newline goes, as in sh" \
    'grep -q "^c.txt:6: wrote w3.png (" co.txt && grep -aqF -- "--title '"'"'two lines'"'"'" w3.png'
check "continued: an error names the job's first line" \
    'grep -q "^optviz: c.txt:8: error: unknown option .--bogus." co.txt && [ ! -e w4.png ]'
check "continued: a backslash in a comment does not continue" \
    'grep -q "^c.txt:10: wrote w5.png (" co.txt'
check "continued: an escaped backslash does not continue" \
    'grep -q "^c.txt:11: wrote w6.png (" co.txt && grep -aqF -- "--title '"'"'a\\'"'"'" w6.png'
check "continued: a clash names the first lines of both jobs" \
    'grep -q "^optviz: c.txt:12: error: .w1.png. is also written by line 2" co.txt'
check "continued: the file ending inside a job is an error at its first line" \
    'grep -q "^optviz: c.txt:14: error: .*ends inside a continued line" co.txt && [ ! -e w7.png ]'
check "continued: summary counts jobs, not lines" \
    'grep -q "^8 jobs: 5 written, 0 up to date, 3 failed" co.txt'
# The wrapped job records the command line of the unwrapped one.
mkdir solo
(cd solo && "$OPTVIZ" -a adam -l quadratic --steps 5 --size 200x160 -o w1.png 2>/dev/null)
check "continued: same bytes as the job on one line run alone" 'cmp -s w1.png solo/w1.png'

# ---- clashes by location, not spelling -------------------------------------
mkdir ../clash && cd ../clash || exit 1
mkdir d
cat >k.txt <<EOF
-a adam -l quadratic --steps 5 --size 200x160 -o a.png
-a adam -l quadratic --steps 5 --size 200x160 -o ./a.png
-a adam -l quadratic --steps 5 --size 200x160 -o d/../a.png
-a adam -l quadratic --steps 5 --size 200x160 -o "$PWD/a.png"
-a adam -l quadratic --steps 5 --size 200x160 -o d/b.png --trajectory t.csv
-a adam -l quadratic --steps 5 --size 200x160 -o ./d/b.png
-a adam -l quadratic --steps 5 --size 200x160 -o c.png --trajectory ./d/../t.csv
-a adam -l quadratic --steps 5 --size 200x160 -o d/a.png
EOF
ln -s d dlink
echo "-a adam -l quadratic --steps 5 --size 200x160 -o dlink/b.png" >>k.txt
"$OPTVIZ" --batch k.txt >ko.txt 2>&1
check "clash: ./a.png is a.png" 'grep -q "^optviz: k.txt:2: error: .\./a.png. is also written by line 1" ko.txt'
check "clash: d/../a.png is a.png" 'grep -q "^optviz: k.txt:3: error: .d/\.\./a.png. is also written by line 1" ko.txt'
check "clash: an absolute path is a.png" 'grep -q "^optviz: k.txt:4: error: .*/a.png. is also written by line 1" ko.txt'
check "clash: ./d/b.png is d/b.png" 'grep -q "^optviz: k.txt:6: error: .\./d/b.png. is also written by line 5" ko.txt'
check "clash: a trajectory spelled differently" 'grep -q "^optviz: k.txt:7: error: .\./d/\.\./t.csv. is also written by line 5" ko.txt'
check "clash: d/a.png is another file" 'grep -q "^k.txt:8: wrote d/a.png (" ko.txt'
check "clash: through a symbolic link to the directory" 'grep -q "^optviz: k.txt:9: error: .dlink/b.png. is also written by line 5" ko.txt'
check "clash: summary" 'grep -q "^9 jobs: 3 written, 0 up to date, 6 failed" ko.txt'

# ---- up to date: data files newer than the figure --------------------------
mkdir ../mtime && cd ../mtime || exit 1
printf 'x,y\n1,2\n2,4.5\n3,5\n4,7\n' >d.csv
echo "-a gd -l ols --data d.csv --steps 5 --size 200x160 -o m.png" >m.txt
"$OPTVIZ" --batch m.txt >o1.txt 2>&1
touch -d "@$(($(stat -c %Y m.png) - 10))" d.csv
"$OPTVIZ" --batch m.txt >o2.txt 2>&1
check "data older than the figure: up to date" 'grep -q "^m.txt:1: m.png is up to date$" o2.txt'
cksum m.png >s1.txt
printf 'x,y\n1,2\n2,4.5\n3,5\n4,9\n' >d.csv
now=$(date +%s)
touch -d "@$((now - 100))" m.png
touch -d "@$((now - 50))" d.csv
"$OPTVIZ" --batch m.txt >o3.txt 2>&1
check "data newer than the figure: made again" \
    'grep -q "^m.txt:1: wrote m.png (" o3.txt && ! cksum m.png | cmp -s - s1.txt'
"$OPTVIZ" --batch m.txt >o4.txt 2>&1
check "made again: up to date after" 'grep -q "^m.txt:1: m.png is up to date$" o4.txt'
rm d.csv
"$OPTVIZ" --batch m.txt >o5.txt 2>&1
check "data gone: the job runs and fails on it" \
    '[ $? -eq 1 ] && grep -q "^optviz: m.txt:1: error: cannot read .d.csv." o5.txt'

# ---- a line writing another line's --data file or the jobs file ----------
# Refused before any job starts, whatever -j: exit 2, both lines named.
mkdir ../clobber && cd ../clobber || exit 1
printf 'x,y\n1,2\n2,4.5\n3,5\n' >d.csv
cp d.csv d0.csv
cat >c.txt <<'EOF2'
-l ols -a gd --steps 5 --data d.csv -o a.png
-l ols -a adam --steps 5 --data d0.csv --trajectory ./d.csv -o b.png
EOF2
for j in 1 4; do
    "$OPTVIZ" --batch c.txt -j $j >o.txt 2>e.txt
    rc=$?
    check "clobbered data -j $j: exit $rc, want 2" '[ $rc -eq 2 ]'
    check "clobbered data -j $j: both lines named" \
        'grep -q "line 2 .*d.csv.*line 1" e.txt'
    check "clobbered data -j $j: nothing ran" \
        '[ ! -e a.png ] && [ ! -e b.png ] && cmp -s d.csv d0.csv'
done
ln -s c2.csv link.csv
cat >c2.csv <<'EOF2'
-l rosenbrock -a gd --steps 5 -o a.png
-l rosenbrock -a adam --steps 5 --trajectory link.csv
EOF2
cp c2.csv c2.bak
"$OPTVIZ" --batch c2.csv -j 2 >o.txt 2>e.txt
rc=$?
check "jobs file overwritten: exit $rc, want 2" '[ $rc -eq 2 ]'
check "jobs file overwritten: says so" \
    'grep -q "line 2 .*link.csv.*jobs file" e.txt'
check "jobs file overwritten: nothing ran" \
    '[ ! -e a.png ] && cmp -s c2.csv c2.bak'

# ---- hangs and unbounded reads ---------------------------------------------
mkdir ../hang && cd ../hang || exit 1
# A FIFO at an output path: the up-to-date check does not open it.
mkfifo f.png
echo "-l rosenbrock -a gd --steps 5 -o f.png" >h.txt
timeout "$hang" "$OPTVIZ" --batch h.txt >o.txt 2>e.txt
rc=$?
check "FIFO output: exit $rc, want 1" '[ $rc -eq 1 ]'
check "FIFO output: says so" 'grep -q "^optviz: h.txt:1: error: .*not a regular" e.txt'
# An endless or huge jobs file is refused, naming the line.
timeout "$hang" "$OPTVIZ" --batch /dev/zero >o.txt 2>e.txt
rc=$?
check "/dev/zero: exit $rc, want 2" '[ $rc -eq 2 ]'
check "/dev/zero: names the line" \
    'grep -q "^optviz: --batch: /dev/zero:1: line longer than" e.txt'
{ echo "-l rosenbrock -a gd --steps 5 -o a.png"; printf -- '-q %.0s' \
    $(seq 400000); echo; } >long.txt
timeout "$hang" "$OPTVIZ" --batch long.txt >o.txt 2>e.txt
rc=$?
check "1.2 MB line: exit $rc, want 2" '[ $rc -eq 2 ] && [ ! -e a.png ]'
check "1.2 MB line: names it" \
    'grep -q "^optviz: --batch: long.txt:2: line longer than 1 MiB" e.txt'
if [ -z "${OV_UNDER_VALGRIND:-}" ]; then
    yes '# comment' | head -c 70000000 >huge.txt
    timeout "$hang" "$OPTVIZ" --batch huge.txt >o.txt 2>e.txt
    rc=$?
    check "70 MB jobs file: exit $rc, want 2" '[ $rc -eq 2 ]'
    check "70 MB jobs file: says so" \
        'grep -q "^optviz: --batch: huge.txt:[0-9]*: .*more than 64 MiB" e.txt'
    rm -f huge.txt
fi
# The recorded command is looked for in a bounded prefix: one that a
# PNG records only after 2 MiB of other chunks is not seen.
echo "-l rosenbrock -a gd --steps 5 --size 200x160 -o p.png" >p.txt
"$OPTVIZ" --batch p.txt -q
{ head -c 8 p.png; printf '\000\040\000\000zzzz'; head -c 2097156 /dev/zero
  tail -c +9 p.png; } >p2.png
mv p2.png p.png
"$OPTVIZ" --batch p.txt >o.txt 2>&1
check "command past the prefix: not up to date" \
    'grep -q "^p.txt:1: wrote p.png" o.txt'
cd ../clobber || exit 1

# ---- fontconfig is set up once, before the workers start -----------------
# (under a memory limit, threads racing to set it up fail).  The first
# open of its configuration is by the main thread.
if command -v strace >/dev/null && [ -z "${OV_UNDER_VALGRIND:-}" ]; then
    mkdir ../font && cd ../font || exit 1
    printf -- '-l rosenbrock -a gd --steps 5 --size 200x160 -o a%s.png\n' \
        1 2 3 >f.txt
    strace -f -e trace=openat -o st.txt "$OPTVIZ" --batch f.txt -j 2 -q
    main=$(head -1 st.txt | cut -d' ' -f1)
    first=$(grep -m1 'fonts\.conf' st.txt | cut -d' ' -f1)
    check "fontconfig set up by the main thread ($first, main $main)" \
        '[ -n "$first" ] && [ "$first" = "$main" ]'
    cd ../clobber || exit 1
fi

# ---- SIGTERM mid-batch leaves finished files and no temporary ones -------
mkdir ../sig && cd ../sig || exit 1
for i in 1 2 3 4 5 6 7 8; do
    echo "-a gd,momentum,rmsprop,adam -l rosenbrock --steps 400 -o g$i.gif"
done >s.txt
"$OPTVIZ" --batch s.txt -j 2 >o.txt 2>&1 &
pid=$!
sleep 0.5
kill -TERM $pid
wait $pid
rc=$?
check "SIGTERM: killed by the signal (exit $rc)" '[ $rc -eq 143 ]'
check "SIGTERM: no temporary files left" '[ -z "$(ls -A | grep "^\.")" ]'
check "SIGTERM: reported outputs exist" \
    '(for f in $(sed -n "s/^s.txt:[0-9]*: wrote \(.*\) (.*/\1/p" o.txt); do [ -s "$f" ] || exit 1; done)'

finish
