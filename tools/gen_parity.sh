#!/usr/bin/env bash
# Regenerates the torch.optim reference trajectories of the parity suite
# (tests/data/parity/*.csv) from tests/data/parity/cases.txt.
#
#   tools/gen_parity.sh [-j JOBS] [-o] [CASE ...]
#
# -o: the oracle cases instead (tests/data/oracle/cases.txt, made with
# tools/oracle_ref.py: the optimizers that are not torch classes).
# -m: the network cases (tests/data/mlp/cases.txt, tools/mlp_ref.py: torch
# autograd and torch.optim on --loss mlp:...).
#
# Needs torch 1.13 (Debian: apt-get install python3-torch) and runs it with
# its plain CPU kernels (ATEN_CPU_CAPABILITY=default) and analytic gradients,
# which is what a -ffp-contract=off build of liboptviz reproduces bit for bit
# (optimizers.md §8, §10).  The tests never run this script.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-/usr/bin/python3}
jobs=1
if [ "${1:-}" = "-j" ]; then
    jobs=$2
    shift 2
fi
dir=parity
script=torch_ref.py
if [ "${1:-}" = "-o" ]; then
    dir=oracle
    script=oracle_ref.py
    shift
elif [ "${1:-}" = "-m" ]; then
    dir=mlp
    script=mlp_ref.py
    shift
fi
manifest=$root/tests/data/$dir/cases.txt

want() {
    [ $# -eq 1 ] && return 0
    local name=$1 c
    shift
    for c in "$@"; do [ "$c" = "$name" ] && return 0; done
    return 1
}

# One command per case, with paths relative to tests/data (as --data is).
list=$(mktemp)
trap 'rm -f "$list"' EXIT
while read -r name args; do
    case $name in ''|'#'*) continue ;; esac
    want "$name" "$@" || continue
    grad=
    [ $dir = parity ] && grad="--grad analytic"
    printf '%s\0' "ATEN_CPU_CAPABILITY=default $python ../../tools/$script $grad $args --out $dir/$name.csv.tmp && mv $dir/$name.csv.tmp $dir/$name.csv && echo $name" >>"$list"
done <"$manifest"

cd "$root/tests/data"
xargs -0 -P "$jobs" -n 1 bash -c <"$list"
