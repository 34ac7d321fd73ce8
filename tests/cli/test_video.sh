#!/bin/bash
# -o x.mp4 and -o x.webm: H.264 High / VP9, yuv420p, the GIF's frames and
# times (the hold included), MP4's index first, the command line in the
# comment tag and the batch's up-to-date check, nothing left behind on
# failure, the same bytes twice.  ffprobe (Debian's ffmpeg) reads the
# files back; without it those checks are skipped.  A build without video
# support refuses both with one line.
# Usage: bash test_video.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"

BASE=(-q -l rosenbrock -a adam,gd --steps 40 --size 321x241 --fps 12
      --hold 1.5)

if "$OPTVIZ" --version | grep -q '^video: not built in$'; then
    for f in x.mp4 x.webm; do
        expect_fail 2 "this optviz was built without video support" \
            "${BASE[@]}" -o "$f"
    done
    finish test_video
fi
check "--version says video is in" \
    '"$OPTVIZ" --version | grep -q "^video: mp4 (H.264), webm (VP9)$"'
expect_fail 2 "(use .gif, .png, .svg, .pdf, .mp4, .webm or .html)" "${BASE[@]}" \
    -o x.jpg

for f in v.mp4 v.webm v.gif; do
    run "${BASE[@]}" -o "$f"
    check "-o $f exits 0" '[ "$rc" -eq 0 ]'
    check "-o $f prints nothing (FFmpeg stays quiet)" \
        '[ ! -s out.txt ] && [ ! -s err.txt ]'
done
check "v.mp4 is MP4 with its index first" \
    '[ "$(head -c 8 v.mp4 | tail -c 4)" = ftyp ] &&
     [ "$(grep -abo moov v.mp4 | head -1 | cut -d: -f1)" -lt \
       "$(grep -abo mdat v.mp4 | head -1 | cut -d: -f1)" ]'
check "v.webm is Matroska" \
    '[ "$(head -c 4 v.webm | od -An -tx1 | tr -d " ")" = 1a45dfa3 ]'

# The same flags, the same bytes.
mkdir again && (cd again && "$OPTVIZ" "${BASE[@]}" -o v.mp4 &&
                "$OPTVIZ" "${BASE[@]}" -o v.webm)
check "MP4 twice: same bytes" 'cmp -s v.mp4 again/v.mp4'
check "WebM twice: same bytes" 'cmp -s v.webm again/v.webm'

if command -v ffprobe >/dev/null 2>&1; then
    probe() { # FILE ENTRIES: the values, one a line
        ffprobe -v error -select_streams v:0 -show_entries "$2" \
            -of default=nw=1:nk=1 "$1"
    }
    frames() {
        ffprobe -v error -count_frames -select_streams v:0 \
            -show_entries stream=nb_read_frames -of csv=p=0 "$1"
    }
    # Frame start times in centiseconds, one a line (ffprobe adds a
    # field and a line for the side data of the MP4's first frame).
    starts() {
        ffprobe -v error -select_streams v:0 -show_entries frame=pts_time \
            -of csv=p=0 "$1" |
            awk -F, '$1 != "" { printf "%d\n", $1 * 100 + 0.5 }'
    }
    dur() {
        ffprobe -v error -show_entries format=duration -of csv=p=0 "$1" |
            awk '{ printf "%d\n", $1 * 100 + 0.5 }'
    }
    check "MP4: h264 High yuv420p 322x242 (padded by one pixel)" \
        '[ "$(probe v.mp4 stream=codec_name,profile,pix_fmt,width,height |
              tr "\n" " ")" = "h264 High 322 242 yuv420p " ]'
    check "WebM: vp9 Profile 0 yuv420p 322x242" \
        '[ "$(probe v.webm stream=codec_name,profile,pix_fmt,width,height |
              tr "\n" " ")" = "vp9 Profile 0 322 242 yuv420p " ]'
    gif_frames=$(frames v.gif)
    check "the GIF has frames" '[ "${gif_frames:-0}" -gt 20 ]'
    check "MP4: the GIF's $gif_frames frames" \
        '[ "$(frames v.mp4)" = "$gif_frames" ]'
    check "WebM: the GIF's $gif_frames frames" \
        '[ "$(frames v.webm)" = "$gif_frames" ]'
    starts v.gif >gif.t
    starts v.mp4 >mp4.t
    starts v.webm >webm.t
    check "MP4: frames start when the GIF's do" 'cmp -s gif.t mp4.t'
    check "WebM: frames start when the GIF's do" 'cmp -s gif.t webm.t'
    # 41 frames at 12 fps and the 1.5 s hold.
    check "the GIF lasts 3.42 + 1.5 s" '[ "$(dur v.gif)" = 492 ]'
    check "MP4: as long as the GIF (the hold plays)" \
        '[ "$(dur v.mp4)" = 492 ]'
    check "WebM: as long as the GIF (the hold plays)" \
        '[ "$(dur v.webm)" = 492 ]'
    for f in v.mp4 v.webm; do
        check "$f: the comment tag is the command line" \
            '[ "$(ffprobe -v error -show_entries format_tags=comment \
                  -of default=nw=1:nk=1 "$f")" = \
               "optviz ${BASE[*]} -o $f # optviz $("$OPTVIZ" --version |
                                                  head -1 | cut -d" " -f2)" ]'
    done
else
    echo "SKIP: ffprobe is not installed"
fi

# The batch's up-to-date check reads the comment back.
mkdir b && cd b || exit 1
printf '%s\n' "-l quadratic -a adam --steps 5 --size 160x120 -o U.MP4" \
    "-l quadratic -a adam --steps 5 --size 160x120 -o u.webm" >jobs.txt
# Broken files where the videos go: read back quietly, then replaced.
echo "not a video" >U.MP4
printf 'garbage%.0s' $(seq 1000) >u.webm
"$OPTVIZ" --batch jobs.txt >o1.txt 2>&1
check "batch: the videos are written" '[ -s U.MP4 ] && [ -s u.webm ]'
check "batch: nothing but its own lines (FFmpeg stays quiet)" \
    '! grep -qv -e "^jobs.txt:[12]: wrote " -e "^2 jobs: " o1.txt'
"$OPTVIZ" --batch jobs.txt >o2.txt 2>&1
check "batch: U.MP4 up to date" \
    'grep -q "^jobs.txt:1: U.MP4 is up to date$" o2.txt'
check "batch: u.webm up to date" \
    'grep -q "^jobs.txt:2: u.webm is up to date$" o2.txt'
cd .. || exit 1

# A path that cannot be written leaves nothing behind.
expect_fail 1 "cannot write 'nodir/x.mp4'" "${BASE[@]}" -o nodir/x.mp4
mkdir adir.webm
expect_fail 1 "cannot write 'adir.webm': is a directory" "${BASE[@]}" \
    -o adir.webm
rmdir adir.webm
if [ "$(id -u)" -ne 0 ]; then
    mkdir ro && chmod 555 ro
    expect_fail 1 "cannot write 'ro/x.mp4': Permission denied" \
        "${BASE[@]}" -o ro/x.mp4
    check "ro/ stays empty" '[ -z "$(ls -A ro)" ]'
    chmod 755 ro && rmdir ro
fi
finish test_video
