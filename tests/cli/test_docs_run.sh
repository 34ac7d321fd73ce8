#!/usr/bin/env bash
# Every command of docs/guide.md and of the man page's EXAMPLES, run as a
# reader would, in a scratch directory with this build's optviz first on
# PATH: each must exit 0 (or fail as the text shows, for a documented
# error), every file it names (-o, --trajectory, --summary, "wrote X") must
# exist afterwards, and output the guide shows after "$ command" must be
# what the command prints (timings aside).  Every figure the guide shows
# must be in the sources.  Skipped, with the reason: building (ctest is
# that), installing as root, and GNU parallel over ssh.
#   test_docs_run.sh OPTVIZ
set -u
. "$(dirname "$0")/lib.sh" "$@"
bad_width=400

command -v python3 >/dev/null || { echo "SKIP: needs python3"; finish; }
BUILD=$(dirname "$OPTVIZ")
mkdir -p bin home docs/gallery
ln -s "$OPTVIZ" bin/optviz
# The guide's python3 is Debian's, with the packages README installs
# (python3-numpy, python3-h5py), not one a version manager put first.
[ -x /usr/bin/python3 ] && ln -s /usr/bin/python3 bin/python3
ln -s "$BUILD" build
ln -s "$ROOT/examples" examples
cp "$ROOT/docs/gallery/jobs.txt" docs/gallery/
export PATH="$TMP/bin:$PATH" HOME="$TMP/home"

# The guide's and the man page's commands, one "kind<TAB>text" record per
# snippet, NUL-terminated: kind is run (a shell snippet), shown (a "$ cmd"
# with the output the guide prints after it), file:NAME (a block that is
# a file's content) or skip:REASON.
python3 - "$ROOT/docs/guide.md" "$ROOT/docs/optviz.1" > snippets.bin <<'PY'
import re, sys
out = sys.stdout

def emit(kind, text):
    out.write(kind + "\t" + text + "\0")

guide = open(sys.argv[1]).read().split("\n")
blocks, cur, fenced = [], None, False
for line in guide:
    if line.startswith("```"):
        fenced = not fenced
        continue
    if fenced:
        continue
    if line.startswith("    ") and (cur is not None or not line.strip() == ""):
        if cur is None:
            cur = []
        cur.append(line[4:])
    else:
        if cur:
            blocks.append(cur)
        cur = None
if cur:
    blocks.append(cur)

for b in blocks:
    text = "\n".join(b)
    first = b[0]
    if first.startswith("# ") and re.match(r"# [\w.]+$", first):
        emit("file:" + first[2:], text + "\n")   # its own first line too
    elif "cmake --build" in text or "ctest" in text:
        emit("skip:building is what ctest itself does", text)
    elif "sudo" in text or "ldconfig" in text:
        emit("skip:installing as root", text)
    elif "parallel" in text:
        emit("skip:GNU parallel over ssh needs other machines", text)
    elif first.startswith("$ "):
        # "$ cmd" lines, each followed by the output shown for it
        i = 0
        while i < len(b):
            if not b[i].startswith("$ "):
                i += 1
                continue
            cmd, j = b[i][2:], i + 1
            while j < len(b) and not b[j].startswith("$ "):
                j += 1
            emit("shown", cmd + "\n" + "\n".join(b[i + 1:j]))
            i = j
    elif text.strip().startswith("cc ") and "PKG_CONFIG_PATH" not in text:
        emit("skip:needs optviz installed under /usr/local (as root)", text)
    else:
        emit("run", text)

# The man page's EXAMPLES: the bold lines between .SH EXAMPLES and the next
# .SH, as a reader sees them.
man = open(sys.argv[2]).read().split("\n")
inside, lines = False, []
for line in man:
    if line.startswith(".SH"):
        inside = line.strip() == ".SH EXAMPLES"
        continue
    if inside and line.startswith(".B "):
        t = line[3:].strip()
        if t.startswith('"') and t.endswith('"'):
            t = t[1:-1]
        t = (t.replace("\\-", "-").replace("\\(aq", "'")
              .replace("\\(dq", '"').replace("\\e", "\\"))
        lines.append(t)
text, i = [], 0
while i < len(lines):
    t = lines[i]
    while t.endswith("|") and i + 1 < len(lines):
        i += 1
        t += "\n" + lines[i]
    if "parallel" in t:
        emit("skip:GNU parallel over ssh needs other machines", t)
    else:
        emit("man", t)
    i += 1
PY
check "the documents were read" '[ -s snippets.bin ]'

# The files a command names: -o/--trajectory/--summary values (not - and
# not with a $), and "wrote X" lines on its standard error.
named() {
    python3 - "$1" "$2" <<'PY'
import shlex, sys
cmd, err = sys.argv[1], open(sys.argv[2], errors="replace").read()
try:
    words = shlex.split(cmd.replace("\\\n", " "), comments=True)
except ValueError:
    words = []
for k, w in enumerate(words):
    for opt in ("-o", "--output", "--trajectory", "--summary"):
        if w == opt and k + 1 < len(words):
            v = words[k + 1]
            if v != "-" and "$" not in v:
                print(v)
        elif w.startswith(opt + "="):
            v = w.split("=", 1)[1]
            if v != "-" and "$" not in v:
                print(v)
for line in err.splitlines():
    for part in line.split(": "):
        if part.startswith("wrote "):
            for f in part[6:].split(" (")[0].split(" and "):
                print(f)
PY
}

n_run=0 n_skip=0
while IFS= read -r -d '' rec; do
    kind=${rec%%$'\t'*}
    text=${rec#*$'\t'}
    case $kind in
    skip:*)
        n_skip=$((n_skip + 1))
        echo "skipped (${kind#skip:}): $(echo "$text" | head -1)" ;;
    file:*)
        printf '%s' "$text" > "${kind#file:}"; ok ;;
    run|man)
        if [[ $text == *"cmake --install"* ]] &&
           [ ! -f "$BUILD/cmake_install.cmake" ]; then
            # the tool is a wrapper (valgrind), not in its build directory
            n_skip=$((n_skip + 1))
            echo "skipped (no build directory beside $OPTVIZ): $text"
            continue
        fi
        n_run=$((n_run + 1))
        if [ "$kind" = man ] && [[ $text == *"jobs.txt"* ]]; then
            cp "$ROOT/examples/jobs.txt" jobs.txt; mkdir -p figs
        fi
        bash -c "$text" > out.txt 2> err.txt; rc=$?
        check "exit 0: $text: $(head -c 300 err.txt)" '[ $rc -eq 0 ]'
        named "$text" err.txt > files.txt
        while read -r f; do
            check "'$f' written by: $text" '[ -e "$f" ]'
        done < files.txt ;;
    shown)
        n_run=$((n_run + 1))
        cmd=${text%%$'\n'*}
        want=${text#"$cmd"}; want=${want#$'\n'}
        bash -c "$cmd" > out.txt 2> err.txt; rc=$?
        if [[ $want == optviz:* ]]; then
            check "fails as shown: $cmd (exit $rc): $(cat err.txt)" \
                '[ $rc -ne 0 ] && [ "$(cat err.txt)" = "$want" ]'
            continue
        fi
        check "exit 0: $cmd: $(head -c 300 err.txt)" '[ $rc -eq 0 ]'
        named "$cmd" err.txt > files.txt
        while read -r f; do
            check "'$f' written by: $cmd" '[ -e "$f" ]'
        done < files.txt
        # Each line shown is printed (stdout or stderr), timings aside.
        mask() { sed -E 's/[0-9]+\.[0-9]+ s\b/T s/g'; }
        cat out.txt err.txt | mask > got.txt
        while IFS= read -r line; do
            [ -z "$line" ] && continue
            l=$(printf '%s\n' "$line" | mask)
            check "'$cmd' prints '$l': got $(head -c 400 got.txt)" \
                'grep -qxF -- "$l" got.txt'
        done <<< "$want" ;;
    esac
done < snippets.bin
check "commands run ($n_run) and skipped ($n_skip)" \
    '[ "$n_run" -ge 24 ] && [ "$n_skip" -le 5 ]'

# Every figure the guide shows is in the sources (committed, in a clone).
for img in $(grep -o '](gallery/[^)]*)' "$ROOT/docs/guide.md" | sed 's/](//; s/)//'); do
    if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
        check "the guide's $img is committed" \
            '[ -n "$(git -C "$ROOT" ls-files "docs/$img")" ]'
    else
        check "the guide's $img exists" '[ -s "$ROOT/docs/$img" ]'
    fi
done
finish
