#!/usr/bin/env bash
# The batch's up-to-date check (issue 13 item 16) compares what changes the
# figure: -q, -j, --progress, --force and how options are spelt (-a or
# --algo, --steps=5 or --steps 5, the order of different options) do not
# make a figure stale; another value, another optviz version, or a record
# without one does.
#   test_uptodate.sh OPTVIZ
set -u
. "$(dirname "$0")/lib.sh" "$@"

state() {   # state FILE: "written" or "up to date" for its one job
    "$OPTVIZ" --batch "$1" -j 1 > "$1.out" 2>&1
    if grep -q "is up to date" "$1.out"; then echo "up to date"
    elif grep -q "wrote" "$1.out"; then echo written
    else echo "failed: $(cat "$1.out")"; fi
}

echo '-a gd,adam -l booth --steps 5 --size 200x150 -o a.png' > base.txt
echo '-a gd,adam -l booth --steps 5 --size 200x150 -o g.gif' > baseg.txt
check "first run writes" '[ "$(state base.txt)" = written ] && [ "$(state baseg.txt)" = written ]'
check "second run: up to date" '[ "$(state base.txt)" = "up to date" ]'
i=0
for line in \
    '-q -a gd,adam -l booth --steps 5 --size 200x150 -o a.png' \
    '-a gd,adam -l booth --steps 5 --size 200x150 -o a.png --progress' \
    '--algo gd,adam --loss=booth --steps=5 --size=200x150 --output a.png' \
    '--size 200x150 -o a.png --steps 5 -l booth -a gd,adam -q' \
    'optviz -a gd,adam -l booth --steps 5 --size 200x150 -o a.png'; do
    i=$((i + 1))
    printf '%s\n' "$line" > "s$i.txt"
    check "same settings, other spelling, up to date: $line" \
        '[ "$(state s$i.txt)" = "up to date" ]'
done
"$OPTVIZ" --batch base.txt -q -j 2 > q.out 2>&1
check "-q -j 2 on the command line: nothing redone" \
    '[ ! -s q.out ] && [ "$(state base.txt)" = "up to date" ]'
printf '%s\n' '-a adam,gd -l booth --steps 5 --size 200x150 -o a.png' > o1.txt
check "the order of the optimizers counts" '[ "$(state o1.txt)" = written ]'
printf '%s\n' '-a adam,gd -l booth --steps 6 --size 200x150 -o a.png' > o2.txt
check "another value counts" '[ "$(state o2.txt)" = written ]'
printf '%s\n' '-a adam,gd -l booth --steps 6 --size 200x150 --no-shuffle --shuffle -o a.png' > o3.txt
printf '%s\n' '-a adam,gd -l booth --steps 6 --size 200x150 --shuffle --no-shuffle -o a.png' > o4.txt
state o3.txt > /dev/null
check "--no-shuffle --shuffle is not --shuffle --no-shuffle" \
    '[ "$(state o4.txt)" = written ]'
check "the figure records the version" \
    'grep -aq -- "-o g.gif # optviz $("$OPTVIZ" --version | head -1 | cut -d" " -f2)" g.gif'

# Another version, or none (an older optviz): a PNG written here with the
# same command and another record.
fake() {   # fake FILE RECORD: a 1x1 PNG with a Command text chunk
    python3 - "$1" "$2" <<'PY'
import struct, sys, zlib
def chunk(t, d):
    c = struct.pack(">I", len(d)) + t + d
    return c + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
png += chunk(b"tEXt", b"Command\0" + sys.argv[2].encode())
png += chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
}
if command -v python3 >/dev/null; then
    v=$("$OPTVIZ" --version | head -1 | cut -d' ' -f2)
    echo '-a gd -l booth --steps 5 -o v.png' > v.txt
    fake v.png "optviz -a gd -l booth --steps 5 -o v.png # optviz $v"
    check "a record of this version is up to date (the oracle works)" \
        '[ "$(state v.txt)" = "up to date" ]'
    fake v.png "optviz -a gd -l booth --steps 5 -o v.png # optviz 0.0.1"
    check "another version's figure is redone" '[ "$(state v.txt)" = written ]'
    fake v.png "optviz -a gd -l booth --steps 5 -o v.png"
    check "a record without a version is redone" '[ "$(state v.txt)" = written ]'
fi
finish
