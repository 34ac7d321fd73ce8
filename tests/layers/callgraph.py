#!/usr/bin/env python3
"""Checks the library's objects against the layering rules of
docs/architecture.md:

  * the library prints nothing, exits nowhere and leaves signals to the
    tool: no object uses printf, puts, perror, exit, abort, signal, ...;
  * no two files of src/render call each other, directly or round a
    longer cycle (file A uses a symbol B defines, B one of C's, ... and
    one of them a symbol of A's).

Usage: callgraph.py NM OBJECT...   Prints the plain closing line
"N passed, N failed" and exits 1 on any failure."""
import os
import subprocess
import sys

FORBIDDEN = {
    "printf", "vprintf", "puts", "putchar", "perror", "exit", "_exit",
    "_Exit", "abort", "signal", "sigaction", "raise", "kill",
    "pthread_sigmask", "sigprocmask", "atexit", "fputs_unlocked",
}


def symbols(nm, obj):
    out = subprocess.run([nm, "-P", obj], capture_output=True, text=True,
                         check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        name, kind = parts[0], parts[1]
        if kind == "U":
            used.add(name)
        elif kind in "TDBRC":
            defined.add(name)
    return defined, used


def source_of(obj):
    """src/render/views/contour.c.o -> render/views/contour.c"""
    p = obj.replace(os.sep, "/")
    i = p.find("/src/")
    return p[i + 5:-2] if i >= 0 else os.path.basename(p)


def main():
    nm, objs = sys.argv[1], sys.argv[2:]
    passed = failed = 0
    table = {}
    for o in objs:
        table[source_of(o)] = symbols(nm, o)
    for src, (_, used) in sorted(table.items()):
        bad = sorted(used & FORBIDDEN)
        if bad:
            print(f"FAIL {src} uses {', '.join(bad)}")
            failed += 1
        else:
            passed += 1
    render = {s: t for s, t in table.items() if s.startswith("render/")}
    owner = {}
    for src, (defined, _) in render.items():
        for name in defined:
            owner[name] = src
    calls = {src: {owner[u] for u in used if u in owner and owner[u] != src}
             for src, (_, used) in render.items()}
    state = {}

    def visit(a, path):
        nonlocal failed
        state[a] = 1
        for b in sorted(calls.get(a, ())):
            if state.get(b) == 1:
                cycle = path[path.index(b):] + [b]
                print("FAIL files call each other: " + " -> ".join(cycle))
                failed += 1
            elif b not in state:
                visit(b, path + [b])
        state[a] = 2

    for a in sorted(calls):
        if a not in state:
            visit(a, [a])
    passed += 1 if failed == 0 else 0
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
