#!/usr/bin/env bash
# --summary FILE.json (issue 13 item 18): valid JSON (python3's json
# module) with, per optimizer, the resolved settings, the final point and
# loss (checked against the trajectory written beside it), the steps, the
# divergence and the time.
#   test_summary.sh OPTVIZ
set -u
. "$(dirname "$0")/lib.sh" "$@"

command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 0; }

"$OPTVIZ" -q -a gd,adam:lr=0.05,momentum:lr=0.5 -l rosenbrock --steps 40 \
    --summary s.json --trajectory t.csv -o f.png; rc=$?
check "--summary with a figure and a trajectory ($rc)" \
    '[ $rc -eq 0 ] && [ -s s.json ] && [ -s f.png ] && [ -s t.csv ]'
python3 - s.json t.csv <<'PY' > py.txt 2>&1
import csv, json, sys
s = json.load(open(sys.argv[1]))
rows = {}
for r in csv.DictReader(open(sys.argv[2])):
    rows.setdefault(r["algo"], []).append(r)
def out(ok, what):
    print(("ok " if ok else "FAIL ") + what)
out(s["loss"]["name"] == "rosenbrock", "loss name")
out(s["command"].startswith("optviz -q -a gd,adam"), "command line")
out(isinstance(s["optviz"], str), "version")
ops = s["optimizers"]
out([o["label"] for o in ops] == ["gd", "adam", "momentum"], "labels")
want_lr = {"gd": ("recommended", None), "adam": ("given", 0.05),
           "momentum": ("given", 0.5)}
for o in ops:
    lab = o["label"]
    src, lr = want_lr[lab]
    out(o["lr_source"] == src and (lr is None or o["lr"] == lr)
        and o["hyperparameters"]["lr"] == o["lr"], lab + " lr and source")
    out(o["steps_requested"] == 40, lab + " steps requested")
    t = rows[lab]
    last = t[-1]
    out(o["steps"] == int(last["step"]), lab + " steps taken")
    out(o["final"]["step"] == int(last["step"])
        and o["final"]["point"] == [float(last["x"]), float(last["y"])]
        and o["final"]["loss"] == float(last["loss"]), lab + " final point and loss")
    out(o["start"]["point"] == [float(t[0]["x"]), float(t[0]["y"])],
        lab + " start")
    out(isinstance(o["seconds"], float) and o["seconds"] >= 0, lab + " seconds")
    div = o["diverged"]
    if lab == "momentum":
        out(div is not None and div["step"] == int(last["step"]) + 1
            and div["reason"] in ("point not finite", "loss not finite",
                                  "beyond the divergence bound"),
            lab + " diverged after its last row: %r" % (div,))
    else:
        out(div is None and o["steps"] == 40, lab + " did not diverge")
PY
while read -r verdict rest; do
    check "summary: $rest" '[ "$verdict" = ok ]'
done < py.txt
check "the python checks ran: $(head -c 300 py.txt)" \
    '[ "$(grep -c "^ok\|^FAIL" py.txt)" -ge 25 ]'

"$OPTVIZ" -q -a gd -l parabola --steps 5 --summary - > out.json; rc=$?
check "--summary - writes JSON to stdout ($rc)" \
    '[ $rc -eq 0 ] && python3 -c "import json,sys; d=json.load(open(\"out.json\")); sys.exit(not (d[\"optimizers\"][0][\"final\"][\"point\"] == [d[\"optimizers\"][0][\"final\"][\"point\"][0]] and d[\"loss\"][\"dim\"] == 1))"'
check "--summary - leaves no figure file but the default one" \
    '[ -s parabola_gd.gif ]'
"$OPTVIZ" -q -l booth --summary s.txt 2> e.txt; rc=$?
check "--summary needs .json: $(cat e.txt)" '[ $rc -eq 2 ]'
"$OPTVIZ" -q -l booth --summary - --trajectory - 2> e2.txt >/dev/null; rc=$?
check "--summary - with --trajectory -: exit 2" '[ $rc -eq 2 ]'
# --tune: the winners' rates, marked as tuned
"$OPTVIZ" -q -a gd -l booth --steps 20 --tune lr=1e-3:0.1:5 \
    --summary tuned.json -o t.png; rc=$?
check "--summary with --tune says tuned ($rc)" \
    '[ $rc -eq 0 ] && python3 -c "import json,sys; sys.exit(json.load(open(\"tuned.json\"))[\"optimizers\"][0][\"lr_source\"] != \"tuned\")"'
finish
