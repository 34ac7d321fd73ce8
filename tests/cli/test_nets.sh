#!/bin/bash
# Losses of many parameters: --loss mlp:... and quadratic:dim=N..., drawn on
# --plane pca|random|hessian.  The trajectory file keeps the full vectors
# (p0 ... p(N-1), JSON "params"), every view and animation draws on the
# plane, the summary names the plane, bad specs and data files are refused
# with their column or line and leave nothing behind.
# Usage: bash test_nets.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"

NET=mlp:layers=6:data=moons:n=40:noise=0.1
magic() { head -c4 "$1" | od -An -c | tr -d ' \n'; }

# 2-6-1: 2*6 + 6 + 6 + 1 = 25 parameters
run -l "$NET" -a gd,adam --steps 30 --trajectory t.csv
check "trajectory run exits 0: $(head -3 err.txt)" '[ "$rc" -eq 0 ]'
check "header with p0..p24" \
    '[ "$(head -1 t.csv)" = "algo,step,epoch,x,y,loss,grad_x,grad_y,lr,$(seq -s, -f "p%g" 0 24)" ]'
check "62 rows" '[ "$(wc -l <t.csv)" -eq 63 ]'
check "34 fields a row" \
    '[ "$(awk -F, "{ print NF }" t.csv | sort -u)" = "34" ]'
check "the summary names the plane" 'grep -q "^PCA plane through gd" err.txt'
# the last gd row is the plane's origin: x, y = 0
check "gd's last point is the origin" \
    '[ "$(awk -F, "\$1 == \"gd\" && \$2 == 30 { print \$4 + 0, \$5 + 0 }" t.csv)" = "0 0" ]'

run -l "$NET" -a gd --steps 5 --trajectory t.json
check "json exits 0" '[ "$rc" -eq 0 ]'
check "json rows end with params" \
    'python3 -c "import json,sys; d=json.load(open(\"t.json\")); o=d[\"optimizers\"][0]; assert o[\"columns\"][-1] == \"params\"; assert all(len(r[-1]) == 25 for r in o[\"rows\"]); assert d[\"loss\"][\"dim\"] == 25"'

# the same seed, the same bytes; another seed, another network
run -l "$NET" -a adam --steps 10 --trajectory a.csv
run -l "$NET" -a adam --steps 10 --trajectory b.csv
check "deterministic" 'cmp -s a.csv b.csv'
run -l "$NET" -a adam --steps 10 --seed 3 --trajectory c.csv
check "--seed changes data and init" '! cmp -s a.csv c.csv'

for plane in pca random hessian; do
    run -l "$NET" -a gd,momentum,adam --steps 40 --plane $plane \
        --panel loss -o $plane.png
    check "--plane $plane exits 0: $(head -3 err.txt)" '[ "$rc" -eq 0 ]'
    check "$plane.png is a PNG" '[ "$(magic $plane.png)" = "211PNG" ]'
done
check "pca and random planes differ" '! cmp -s pca.png random.png'
check "the hessian plane gives eigenvalues" 'grep -q "^Hessian plane" err.txt'

for view in surface history; do
    run -l "$NET" -a gd,adam --steps 20 --view $view -o $view.png
    check "--view $view exits 0: $(head -3 err.txt)" '[ "$rc" -eq 0 ]'
done
run -l "$NET" -a gd,adam --steps 20 --frames 6 -o anim.gif
check "GIF exits 0: $(head -3 err.txt)" '[ "$rc" -eq 0 ]'
check "anim.gif is a GIF" '[ "$(magic anim.gif)" = "GIF8" ]'

run -l quadratic:dim=30:cond=100 -a gd,adam --steps 30 --plane hessian \
    -o q.png
check "quadratic on its Hessian plane: $(head -3 err.txt)" \
    '[ "$rc" -eq 0 ] && grep -q "eigenvalues 100, " err.txt'
run -l rosenbrock:dim=6 -a adam --steps 30 -o r.png
check "rosenbrock:dim=6 exits 0" '[ "$rc" -eq 0 ]'
run -l saddle:dim=5 -a gd --steps 30 --plane random -o s.png
check "saddle:dim=5 exits 0" '[ "$rc" -eq 0 ]'

# refusals: usage errors name the column, data errors the line
before=$(snapshot)
run -l mlp:act=gelu -o x.png
check "bad act: exit 2" '[ "$rc" -eq 2 ]'
check "bad act: column" 'grep -q "column 9: act: tanh, relu or sigmoid" err.txt'
run -l quadratic:dim=1 -o x.png
check "dim=1: exit 2" '[ "$rc" -eq 2 ] && grep -q "column 15" err.txt'
run -l "$NET" --start 1,2 -o x.png
check "--start refused" '[ "$rc" -eq 2 ] && grep -q "25 parameters" err.txt'
run -l "$NET" --view curve --steps 1000000 -o x.png
check "curve refused before training: $(cat err.txt)" \
    '[ "$rc" -eq 2 ] && grep -q "curve view needs a loss of one parameter" err.txt'
run -l "$NET" --plane pc -o x.png
check "bad --plane: exit 2" '[ "$rc" -eq 2 ]'
printf 'x1,x2,label\n1,2,0\n3,zz,1\n' >bad.csv
before=$(snapshot)
run -l mlp:data=bad.csv -o x.png
check "bad CSV: exit 1, its line: $(cat err.txt)" \
    '[ "$rc" -eq 1 ] && grep -q "line 3: column 2: x2 value .zz. is not a number" err.txt'
run -l mlp:data=missing.csv -o x.png
check "missing CSV: exit 1" '[ "$rc" -eq 1 ]'
check "nothing written" '[ "$(snapshot)" = "$before" ]'

# a CSV of labelled points is a data set
printf 'x1,x2,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n' >pts.csv
run -l mlp:layers=3:data=pts.csv -a adam --steps 10 --trajectory p.csv
check "CSV data: exit 0: $(head -3 err.txt)" '[ "$rc" -eq 0 ]'
check "2-3-1: 13 parameters" 'head -1 p.csv | grep -q ",p12$"'

finish nets
