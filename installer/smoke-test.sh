#!/usr/bin/env bash
# Smoke test of the built app image (mvn -Pinstaller package first): the command line (--version, plan on an
# image it generates itself) and the window under Xvfb, its screen checked for pixels, with the time from the
# launch to a visible window.
#   installer/smoke-test.sh [APP_DIR]     (default installer/target/image/glimpse)
#   SMOKE_COMPARE=1 installer/smoke-test.sh   also times ./glimpse window from the checkout, for comparison
#   SMOKE_OUT=DIR                             keeps the screenshot (window.png) there
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app="${1:-$here/target/image/glimpse}"
glimpse="$app/bin/glimpse"
[ -x "$glimpse" ] || { echo "smoke-test: no launcher at $glimpse (build with mvn -Pinstaller package)" >&2; exit 2; }
tmp="$(mktemp -d)"
cleanup() { [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
# the test's own settings and history, never the user's
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
fail() { echo "smoke-test: FAIL: $*" >&2; exit 1; }

echo "smoke-test: app image $(du -sh "$app" | cut -f1) ($app)"
v="$("$glimpse" --version 2>/dev/null)" || fail "glimpse --version exited $?"
[[ "$v" == "glimpse "* ]] || fail "glimpse --version printed '$v'"
echo "smoke-test: --version: $v"

# an image made by the app itself: a generated video (FFmpeg natives) and one frame of it as PNG
"$glimpse" sample-video "$tmp/v.mp4" --size 640x360 --seconds 1 >/dev/null 2>&1 || fail "sample-video"
"$glimpse" frames "$tmp/v.mp4" --count 1 --format png --out "$tmp/frames" >/dev/null 2>&1 || fail "frames"
png="$(ls "$tmp"/frames/*.png | head -1)"
plan="$("$glimpse" plan --profile hcx-seed-vision-3b --image "$png" --prompt "What is in this picture?" --json 2>/dev/null)" \
  || fail "glimpse plan exited $?"
grep -q '"promptTokens" : [1-9]' <<<"$plan" || fail "glimpse plan printed no prompt token count: $plan"
echo "smoke-test: plan on a generated ${png##*/}: ok ($(grep -o '"promptTokens" : [0-9]*' <<<"$plan"))"

if ! command -v Xvfb >/dev/null; then
  echo "smoke-test: window skipped: Xvfb is not installed (apt-get install -y xvfb)"
  exit 0
fi
# -br: a black root, so any non-black pixel is drawn by the window; -fbdir: the screen as an XWD file
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -br -nolisten tcp -fbdir "$tmp" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -f "$tmp/Xvfb_screen0" ] && break; sleep 0.1; done
[ -f "$tmp/Xvfb_screen0" ] || fail "Xvfb did not start"
export DISPLAY="$display"

# screen.py visible: exit 0 once a tenth of the screen's bytes are not black; screen.py check OUT.png: distinct
# colours and coverage, and the screen written as a PNG
screen() { python3 "$here/screen.py" "$@" "$tmp/Xvfb_screen0"; }

# Starts a window command and waits for it to show: the seconds that took in $shown_after, the process in $win_pid
# (not run in $(...): the window must stay this shell's child).
start_window() {
  local t0; t0=$(date +%s.%N)
  "$@" >"$tmp/window.log" 2>&1 &
  win_pid=$!
  for _ in $(seq 600); do
    if screen visible; then
      shown_after="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"; return 0
    fi
    kill -0 "$win_pid" 2>/dev/null || { cat "$tmp/window.log" >&2; fail "the window exited before it showed"; }
    sleep 0.1
  done
  cat "$tmp/window.log" >&2; fail "no window after 60 s"
}
stop_window() {
  kill "$win_pid" 2>/dev/null || true; wait "$win_pid" 2>/dev/null || true
  for _ in $(seq 50); do screen visible || break; sleep 0.1; done
}

# no arguments: what the applications menu runs
start_window "$glimpse"; t="$shown_after"
sleep 3
kill -0 "$win_pid" 2>/dev/null || { cat "$tmp/window.log" >&2; fail "the window exited"; }
out="${SMOKE_OUT:-$tmp}"
mkdir -p "$out"
screen check "$out/window.png" || fail "the screenshot is empty"
echo "smoke-test: window visible after ${t} s (cold start of the app image); screenshot checked ($out/window.png)"
stop_window

# "Open with Glimpse": the .desktop entry's Exec line with the generated image for %F (the app dir for /opt/glimpse);
# the picture it shows (its tile grid) must change the screen from the empty window's
exec_line="$(sed -n 's/^Exec=//p' "$here/src/linux/glimpse.desktop")"
read -r -a exec_cmd <<<"${exec_line//\/opt\/glimpse/$app}"
exec_cmd=("${exec_cmd[@]/\%F/$png}")
start_window "${exec_cmd[@]}"
sleep 3
screen check "$out/open-with.png" >/dev/null || fail "the Open with screenshot is empty"
cmp -s "$out/window.png" "$out/open-with.png" && fail "Open with ${png##*/} showed the same screen as the empty window"
echo "smoke-test: Open with (${exec_line}) shows the file: ok ($out/open-with.png)"
stop_window

if [ "${SMOKE_COMPARE:-}" = 1 ]; then
  rm -rf "$XDG_CONFIG_HOME"
  start_window "$here/../glimpse" window; t2="$shown_after"
  echo "smoke-test: ./glimpse window visible after ${t2} s"
  stop_window
fi
echo "smoke-test: ok"
