#!/usr/bin/env bash
# Names in any case (issue 13 item 15): optimizers, losses, views, themes,
# scales, arrows, colour names, colormaps, schedules, keys' values and the
# lists give the same output as the canonical spelling; every colormap also
# runs reversed as matplotlib's NAME_r, and --list colormaps shows both.
#   test_names.sh OPTVIZ
set -u
. "$(dirname "$0")/lib.sh" "$@"

same() {   # same NAME FILE1 FILE2
    if cmp -s "$2" "$3"; then ok; else bad "$1"; fi
}

"$OPTVIZ" -q -a adam,rmsprop,sf-adamw,lbfgs:line-search=strong_wolfe \
    -l rosenbrock --steps 20 --schedule cosine:eta-min=0.01 \
    --trajectory lower.csv
"$OPTVIZ" -q -a Adam,RMSprop,SF_AdamW,LBFGS:line-search=Strong_Wolfe \
    -l Rosenbrock --steps 20 --schedule Cosine:eta-min=0.01 \
    --trajectory upper.csv; rc=$?
check "mixed-case optimizers, loss, schedule accepted (exit $rc)" '[ $rc -eq 0 ]'
same "mixed-case names give the same trajectories" lower.csv upper.csv
"$OPTVIZ" -q -a gd -l OLS --steps 5 --trajectory ols_u.csv; rc=$?
"$OPTVIZ" -q -a gd -l ols --steps 5 --trajectory ols_l.csv
check "OLS is ols (exit $rc)" '[ $rc -eq 0 ]'
same "OLS and ols give the same trajectory" ols_l.csv ols_u.csv
"$OPTVIZ" -q -a adam:amsgrad=YES,nag:nag-form=Sutskever -l booth --steps 5 \
    --trajectory k_u.csv; rc=$?
"$OPTVIZ" -q -a adam:amsgrad=yes,nag:nag-form=sutskever -l booth --steps 5 \
    --trajectory k_l.csv
check "key values in any case (exit $rc)" '[ $rc -eq 0 ]'
same "key values in any case give the same trajectory" k_l.csv k_u.csv

for v in "contour" "history"; do
    V=$(echo "$v" | tr a-z A-Z)
    "$OPTVIZ" -q -a gd:color=red,adam -l booth --steps 10 --view "$v" \
        --theme dark --zscale log --arrows gradient --colormap rdbu \
        --layout grid --panel loss -o "l_$v.svg"
    "$OPTVIZ" -q -a gd:color=RED,Adam -l Booth --steps 10 --view "$V" \
        --theme DARK --zscale Log --arrows Gradient --colormap RdBu \
        --layout Grid --panel Loss -o "u_$v.svg"; rc=$?
    check "$V, DARK, Log, Gradient, RED, RdBu, Grid, Loss accepted ($rc)" \
        '[ $rc -eq 0 ]'
    same "the $v figure is the same in any case" "l_$v.svg" "u_$v.svg"
done
"$OPTVIZ" --list ALGOS > la.txt && "$OPTVIZ" --list algos > lb.txt
same "--list ALGOS is --list algos" la.txt lb.txt

# ---- reversed colormaps -------------------------------------------------
"$OPTVIZ" --list colormaps > maps.txt
base=$(grep -v '_r$' maps.txt)
nb=$(echo "$base" | grep -c .)
check "--list colormaps lists $nb maps and a NAME_r for each" \
    '[ "$nb" -ge 12 ] && [ "$(grep -c "_r$" maps.txt)" -eq "$nb" ] &&
     for m in $base; do grep -qx "${m}_r" maps.txt || exit 1; done'
# The bands in drawing order (low loss first): viridis starts at its
# published first colour #440154 and ends at #fde725; viridis_r (any case)
# is the same list reversed.
bands() {
    grep -o 'fill:rgb([^)]*)' "$1" | uniq | grep -v '100%,100%,100%' |
        awk '!seen[$0]++'
}
"$OPTVIZ" -q -l quadratic -a gd --steps 1 --levels 5 --no-legend -o v.svg
"$OPTVIZ" -q -l quadratic -a gd --steps 1 --levels 5 --no-legend \
    --colormap Viridis_R -o r.svg; rc=$?
check "Viridis_R accepted (exit $rc)" '[ $rc -eq 0 ]'
bands v.svg > vb.txt
bands r.svg > rb.txt
check "viridis: 5 bands from #440154 to #fde725 ($(tr '\n' ' ' < vb.txt))" \
    '[ "$(wc -l < vb.txt)" -eq 5 ] &&
     [ "$(head -1 vb.txt)" = "fill:rgb(26.666667%,0.392157%,32.941176%)" ] &&
     [ "$(tail -1 vb.txt)" = "fill:rgb(99.215686%,90.588235%,14.509804%)" ]'
check "viridis_r: the bands reversed ($(tr '\n' ' ' < rb.txt))" \
    '[ "$(tac vb.txt)" = "$(cat rb.txt)" ]'
for m in $(cat maps.txt); do
    "$OPTVIZ" -q -l booth -a gd --steps 2 --size 160x120 --colormap "$m" \
        -o "m_$m.png" || bad "--colormap $m fails"
done
ok
"$OPTVIZ" -q --colormap viridis_x -o x.png 2> x.err
check "an unknown map still suggests: $(cat x.err)" \
    'grep -q "did you mean" x.err'
finish
