#!/usr/bin/env bash
# bad_paths_test.sh APP OUT_DIR: the desktop app started under Xvfb with a FILE it cannot open: a path that does
# not exist, a folder, a binary (a PNG the app itself wrote), an unreadable file. Each run must exit 0 after its
# frames, say "llm-playground: FILE: <what is wrong>" on stderr, and leave the remembered state exactly as it was
# (the app writes it back on exit, so unchanged means it started from it and lost nothing). Root reads any file, so
# the unreadable case runs the app as nobody (setpriv), on an X server without access control (-ac) it can reach.
# Screenshots of each run go to OUT_DIR/bad-path-*.png.
set -euo pipefail
app=$1 out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir -p "$out" "$work/shots" "$work/home" "$work/config/llm-parameter-playground"
chmod 777 "$work/shots" "$work/home" "$work/config" "$work/config/llm-parameter-playground"
export XDG_CONFIG_HOME=$work/config HOME=$work/home
state=$XDG_CONFIG_HOME/llm-parameter-playground/state
fail() { echo "bad_paths_test: $*" >&2; exit 1; }

# run NAME FILE [PREFIX...]: the app for 3 frames with FILE, its stderr in $work/NAME.err, a screenshot.
run() {
  local name=$1 file=$2; shift 2
  local rc=0
  xvfb-run -a -s '-screen 0 1280x800x24 -ac' "$@" "$app" "$file" --frames 3 --size 900x600 --scale 1 \
    --screenshot "$work/shots/bad-path-$name.png" 2>"$work/$name.err" || rc=$?
  [ -f "$work/shots/bad-path-$name.png" ] && cp "$work/shots/bad-path-$name.png" "$out/"
  [ "$rc" = 0 ] || { cat "$work/$name.err" >&2; fail "$name: exit status $rc"; }
}

# expect NAME FILE PROBLEM [PREFIX...]: the run names FILE and PROBLEM on stderr and keeps the state.
expect() {
  local name=$1 file=$2 problem=$3; shift 3
  run "$name" "$file" "$@"
  grep -qxF "llm-playground: $file: $problem" "$work/$name.err" ||
    { cat "$work/$name.err" >&2; fail "$name: stderr does not say '$file: $problem'"; }
  cmp -s "$state" "$work/state.before" || fail "$name: the remembered state changed: $(cat "$state")"
  echo "ok: $name: $problem"
}

# The reader's state: settings in three labs. A first run with a good file writes it back as the app encodes it
# (and makes the PNG the binary case opens).
echo 'v=1&view=dials&d.a=1.25&d.b=-0.5&l.lr=0.1&l.data=xor&m.preset=mistral-7b' >"$state"
printf 'x,y\n0,1\n1,3\n2,5\n' >"$work/good.csv"
run first "$work/good.csv"
grep -q 'd.pts=0:1,1:3,2:5' "$state" && grep -q 'l.data=xor' "$state" && grep -q 'd.a=1.25' "$state" ||
  fail "the state was not read or the good file not opened: $(cat "$state")"
cp "$state" "$work/state.before"

expect missing "$work/no-such.csv" "no such file"
expect folder "$work/home" "is a folder, not a file"
cp "$work/shots/bad-path-first.png" "$work/picture.png"
expect binary "$work/picture.png" "is a binary file, not text (byte 0x1a at offset 6)"
printf '1,2\n3,4\n' >"$work/secret.csv"
chmod 000 "$work/secret.csv"
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null || fail "running as root without setpriv (util-linux): cannot make a file unreadable"
  expect unreadable "$work/secret.csv" "cannot be read (permission denied)" \
    setpriv --reuid=65534 --regid=65534 --clear-groups
else
  expect unreadable "$work/secret.csv" "cannot be read (permission denied)"
fi
