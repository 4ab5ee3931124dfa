#!/usr/bin/env bash
# window_test.sh APP OUT_PNG: runs the desktop app in a real window under Xvfb for 40 frames, asks it for a
# screenshot of the last one, and checks that it exited cleanly and that the picture is not blank.
set -euo pipefail
app=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -f "$out"
xvfb-run -a -s '-screen 0 1280x800x24' "$app" --frames 40 --size 1200x760 --scale 1 --screenshot "$out"
"$here/../tools/check_image.sh" "$out" 1200 760
