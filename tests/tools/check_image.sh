#!/usr/bin/env bash
# check_image.sh PNG WIDTH HEIGHT: fails unless the screenshot has the expected size and is not blank
# (at least 64 distinct colours and some contrast). Uses ImageMagick's identify.
set -euo pipefail
png=$1 want_w=$2 want_h=$3
[ -s "$png" ] || { echo "check_image: $png is missing or empty" >&2; exit 1; }
read -r w h colours stddev < <(identify -format '%w %h %k %[fx:standard_deviation]\n' "$png")
echo "check_image: $png ${w}x${h}, $colours colours, stddev $stddev"
[ "$w" = "$want_w" ] && [ "$h" = "$want_h" ] || { echo "check_image: expected ${want_w}x${want_h}" >&2; exit 1; }
[ "$colours" -ge 64 ] || { echo "check_image: only $colours colours: the frame looks blank" >&2; exit 1; }
awk -v s="$stddev" 'BEGIN { exit !(s > 0.03) }' || { echo "check_image: no contrast (stddev $stddev)" >&2; exit 1; }
