#!/usr/bin/env bash
# Round level labels (issue 14 item 7): every contour-line label and every
# colour-bar tick label is a round loss value (1, 2, 2.5 or 5 x 10^n, or 0),
# on a log scale (booth, rosenbrock) as on a sqrt one (ols), in one figure
# and in every cell of a --layout grid, where the cells of one loss show
# the same values; the sqrt colour bar has ticks in its lower half (where
# the trails are), not only near the top.  Read from the SVG's texts:
# contour labels are the rotated small texts inside the plot, colour-bar
# labels the numeric start-anchored texts at the bar's right.
#   test_round_labels.sh OPTVIZ
set -u
. "$(dirname "$0")/lib.sh" "$@"

# "kind value y" per label: kind c (contour) or b (colour bar)
labels() {
    grep -o '<text[^>]*>[^<]*' "$1" | sed 's/−/-/g' | awk '
    {
        txt = $0; sub(/.*>/, "", txt)
        if (txt !~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) next
        if (match($0, /translate\([0-9.]+ [0-9.]+\)/) == 0) next
        split(substr($0, RSTART + 10, RLENGTH - 11), p, " ")
        if ($0 ~ /rotate\(/ && $0 !~ /rotate\(-90\.00\)/)
            print "c", txt, p[2]
        else if ($0 ~ /text-anchor="start"/)
            print "b", txt, p[2]
    }'
}

# 0 or mantissa in {1, 2, 2.5, 5}
round_ok() {
    awk -v v="$1" 'BEGIN {
        a = v < 0 ? -v : v
        if (a == 0) exit 0
        e = int(log(a) / log(10) + 100) - 100
        m = a / 10 ^ e
        if (m >= 10 - 1e-9) m /= 10
        if (m < 1 - 1e-9) m *= 10
        split("1 2 2.5 5 10", ok, " ")
        for (i in ok) if (m > ok[i] - 1e-9 && m < ok[i] + 1e-9) exit 0
        exit 1 }'
}

for loss in booth rosenbrock ols; do
    for layout in overlay grid; do
        f=$loss-$layout.svg
        if ! "$OPTVIZ" --loss $loss --algo gd,adam --layout $layout \
                -o $f >/dev/null 2>&1; then
            check "$loss $layout renders" false
            continue
        fi
        labels $f > $f.txt
        nc=$(grep -c '^c' $f.txt); nb=$(grep -c '^b' $f.txt)
        check "$loss $layout: contour labels ($nc)" '[ "$nc" -ge 2 ]'
        check "$loss $layout: colour-bar labels ($nb)" '[ "$nb" -ge 3 ]' 
        bad=
        while read -r kind v y; do
            round_ok "$v" || bad="$bad $kind:$v"
        done < $f.txt
        check "$loss $layout: all labels round (not:$bad)" '[ -z "$bad" ]' 
    done
    # The grid's two cells (one loss, one domain) label lines of one set
    # of levels: a cell may lack a label (a trail over a small ring leaves
    # no room for it), but the cells never show two different sets (each
    # a value the other lacks, as 5.62, 31.6 against 15.8, 63.1 did).
    # Cells are the SVG's translated groups.
    own=$(grep -o '<g transform="translate([0-9]*\|<text[^>]*rotate([^>]*>[^<]*' \
              $loss-grid.svg | sed 's/−/-/g' | awk '
        /^<g/ { cell++; next }
        /rotate\(-90\.00\)/ { next }
        { t = $0; sub(/.*>/, "", t)
          if (t !~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) next
          seen[cell, t] = 1; vals[t] = 1 }
        END { for (v in vals) { if (seen[1, v] && !seen[2, v]) a = a " " v
                                if (seen[2, v] && !seen[1, v]) b = b " " v }
              print (a != "" && b != "") ? "cell 1:" a ", cell 2:" b : "" }')
    check "$loss grid: both cells label one set of levels ($own)" '[ -z "$own" ]'
done

# A shifted log scale (six_hump_camel, minimum -1.0316284535): every label,
# contour or colour bar, is a decade of distance from the minimum printed
# to that decade (v within half a unit of its last digit of min + 10^k, k
# its last digit's place: -1.02 is min + 0.01, 100 is min + 100); the
# contour lines carry values of the bar's set, not band boundaries to
# three digits (8.97, -0.0315, 99 before); no two bar labels are equal.
shifted_ok() {
    awk -v s="$1" 'BEGIN {
        fmin = -1.0316284534898772
        v = s + 0
        if (index(s, ".")) { d = length(s) - index(s, "."); p = 10 ^ -d }
        else if (v == 0) p = 1
        else { t = s; sub(/^-/, "", t); p = 1
               while (t ~ /0$/ && length(t) > 1) { p *= 10; t = substr(t, 1, length(t) - 1) } }
        e = v - (fmin + p); if (e < 0) e = -e
        exit !(e <= 0.6 * p) }'
}
for layout in overlay grid; do
    f=shc-$layout.svg
    if ! "$OPTVIZ" --loss six_hump_camel --layout $layout \
            -o $f >/dev/null 2>&1; then
        check "six_hump_camel $layout renders" false
        continue
    fi
    labels $f > $f.txt
    nc=$(grep -c '^c' $f.txt); nb=$(grep -c '^b' $f.txt)
    check "six_hump_camel $layout: contour labels ($nc)" '[ "$nc" -ge 2 ]'
    check "six_hump_camel $layout: colour-bar labels ($nb)" '[ "$nb" -ge 4 ]'
    bad=
    while read -r kind v y; do
        shifted_ok "$v" || bad="$bad $kind:$v"
    done < $f.txt
    check "six_hump_camel $layout: labels at decades from the minimum (not:$bad)" '[ -z "$bad" ]'
    bars=$(awk '$1 == "b" { print $2 }' $f.txt | sort)
    check "six_hump_camel $layout: distinct bar labels" \
          '[ "$(echo "$bars" | uniq -d | wc -l)" -eq 0 ]'
    off=$(awk 'NR == FNR { if ($1 == "b") b[$2] = 1; next }
               $1 == "c" && !($2 in b) { printf " %s", $2 }' $f.txt $f.txt)
    check "six_hump_camel $layout: contour values are bar values (not:$off)" '[ -z "$off" ]'
done

# The sqrt colour bar: ticks spread where the losses are, at least two in
# the lower half of the bar (an evenly spaced linear set of the loss would
# put one there: 0 .. 1400 by 200 has only 0 and 200 below mid-bar y).
ys=$(awk '$1 == "b" { print $3 }' ols-overlay.svg.txt | sort -n)
lo=$(echo "$ys" | head -1); hi=$(echo "$ys" | tail -1)
n=$(echo "$ys" | awk -v lo="$lo" -v hi="$hi" '$1 > (lo + hi) / 2 + 1 { n++ } END { print n + 0 }')
check "ols sqrt colour bar: $n ticks in its lower half" '[ "$n" -ge 3 ]' 

finish
