#!/usr/bin/env bash
# -o FILE.html: the page is one self-contained file (nothing fetched),
# records its command line (a batch finds it up to date), carries the
# core as WebAssembly only when live, and refuses what does not apply.
# The page in a browser is tests/web/test_web.sh.
. "$(dirname "$0")/lib.sh" "$@"

live=1
"$OPTVIZ" --version | grep -q '^html: live' || live=0

run --algo adam --loss ols -q -o p.html --no-live
check "player page written" '[ $rc -eq 0 ] && [ -s p.html ]'
check "a page" 'head -1 p.html | grep -q "^<!DOCTYPE html>$" &&
    grep -q "window.OPTVIZ_DATA = {" p.html && grep -q "window.optviz = api" p.html'
# Self-contained: no URL but data: URIs, no external script, style or image.
check "nothing fetched" '! grep -Eiq "(https?|ftp)://|src=\"[^d]|<link|@import|url\(" p.html'
check "frames as PNG data URIs" '[ "$(grep -o "data:image/png;base64," p.html | wc -l)" -gt 100 ]'
check "player: no WebAssembly" 'grep -q "live:null" p.html && ! grep -q "wasm:" p.html'
check "the command line recorded" \
    'grep -q "<meta name=\"optviz-command\" content=\"optviz --algo adam --loss ols -q -o p.html --no-live # optviz [0-9.]*\">" p.html'
check "trajectory rows as numbers" 'grep -q "\[1,1,1.8000000002880754,8.8000000000177359," p.html'
# style=points reaches the player, which then draws no joining lines.
run --algo gd:style=points,adam --loss ols --steps 5 -q -o s.html --no-live
check "style=points in the page" '[ $rc -eq 0 ] &&
    grep -q "{label:\"gd\",algo:\"gd\",color:\"#[0-9a-f]*\",casing:\"#[0-9a-f]*\",points:1," s.html &&
    grep -q "{label:\"adam\",algo:\"adam\",color:\"#[0-9a-f]*\",casing:\"#[0-9a-f]*\",points:0," s.html'

if [ $live = 1 ]; then
    run --algo adam,momentum --loss ols -q -o l.html --sliders lr,start
    check "live page written" '[ $rc -eq 0 ] && [ -s l.html ]'
    # The module is in the page, deflated (zlib) in base64: python3's
    # zlib inflates it to "\0asm...".
    check "live: the core as WebAssembly" 'sed -n "s/.*wasmDeflated:1,wasm:\"\([^\"]*\)\".*/\1/p" l.html |
        base64 -d | python3 -c "import sys, zlib; sys.exit(zlib.decompress(sys.stdin.buffer.read())[:4] != b\"\\0asm\")"'
    check "--sliders picks the controls" 'grep -q "sliders:\[\"lr\",\"start\"\]" l.html'
    check "nothing fetched (live)" '! grep -Eiq "(https?|ftp)://|<link|@import" l.html'
else
    expect_fail 2 "built without WebAssembly support" --algo adam --loss ols -o l.html
fi

# A loss of many parameters is drawn on a plane the page does not
# recompute: its page plays the frames, live or not.
run -l quadratic:dim=12:cond=50 -a gd,adam --steps 20 -q -o n.html
check "N parameters: a player" '[ $rc -eq 0 ] && grep -q "live:null" n.html && ! grep -q "wasm:" n.html'

# A batch finds a page up to date by its recorded command line, and
# quotes survive the attribute's escaping.
printf '%s\n' "--algo adam --loss ols -q -o b.html --no-live --title 'a \"b\" <c> & d'" > jobs.txt
run --batch jobs.txt
check "batch: written" '[ $rc -eq 0 ] && [ -s b.html ]'
check "command escaped in the attribute" \
    "grep -qF \"content=\\\"optviz --algo adam --loss ols -q -o b.html --no-live --title 'a &quot;b&quot; &lt;c&gt; &amp; d' # optviz \" b.html"
run --batch jobs.txt
check "batch: up to date the second time" 'grep -q "^jobs.txt:1: b.html is up to date$" out.txt err.txt'

expect_fail 2 "--sliders: unknown control 'speed'" --algo adam --loss ols -o x.html --sliders lr,speed
expect_fail 2 "--no-live only applies to an .html page" --algo adam --loss ols -o x.gif --no-live
expect_fail 2 "--sliders only applies to an .html page" --algo adam --loss ols -o x.png --sliders lr
expect_fail 2 "a page without WebAssembly has no sliders" --algo adam --loss ols -o x.html --no-live --sliders lr
finish
