# Shared by the scripts in this folder: set-up (idempotent) and build helpers. Sourced, never run.
# What it installs comes from Debian's packages and the npm registry only.

LPP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export NODE_PATH=/usr/share/nodejs          # emcc's JS optimizer needs Debian's node-acorn (TOOLCHAIN P1)
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_BASEDIR="$LPP_ROOT"   # paths relative to the checkout: a fresh clone elsewhere still hits the cache
export CCACHE_NOHASHDIR=1

LPP_DEBIAN_PACKAGES=(cmake ninja-build g++ ccache googletest libgtest-dev libeigen3-dev nlohmann-json3-dev
  libglfw3-dev libgl1-mesa-dev libgl1-mesa-dri libstb-dev emscripten chromium xvfb xauth imagemagick xdotool
  brotli fonts-inter fonttools zopfli openjdk-17-jre-headless)
LPP_IMGUI_VERSION=1.90.1
LPP_IMGUI_DEBIAN_VERSION=1.90.1+ds-1
LPP_IMGUI_SUITE=trixie
LPP_IMGUI_DIR="$LPP_ROOT/.cache/imgui-$LPP_IMGUI_VERSION"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

lpp_missing_packages() {
  local p missing=()
  for p in "${LPP_DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[@]}"
}

lpp_install_packages() {
  local missing; missing=$(lpp_missing_packages)
  [ -z "$missing" ] && return 0
  [ "$(id -u)" = 0 ] || die "missing Debian packages ($missing); run as root or install them with apt-get"
  say "installing Debian packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# Dear ImGui from Debian's `imgui` source package, fetched without touching /etc/apt: a private
# deb-src list built from the machine's own mirror address, a private state folder, download only.
lpp_fetch_imgui() {
  [ -f "$LPP_IMGUI_DIR/imgui.h" ] && return 0
  say "fetching Dear ImGui $LPP_IMGUI_DEBIAN_VERSION (Debian source package)"
  local tmp mirror o
  tmp=$(mktemp -d)
  mirror=$(grep -hoE '^URIs: *http[^ ]*debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 | sed 's/^URIs: *//')
  [ -n "$mirror" ] || mirror=$(grep -hoE '^deb +http[^ ]*debian/? ' /etc/apt/sources.list 2>/dev/null | head -n1 | awk '{print $2}')
  [ -n "$mirror" ] || die "cannot find the Debian mirror address in /etc/apt"
  mkdir -p "$tmp/etc" "$tmp/lists/partial"
  printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$mirror" "$LPP_IMGUI_SUITE" > "$tmp/etc/imgui.sources"
  o=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$tmp/etc" -o "Dir::State::Lists=$tmp/lists"
     -o APT::Sandbox::User=root -qq)
  apt-get "${o[@]}" update
  (cd "$tmp" && apt-get "${o[@]}" source --download-only "imgui=$LPP_IMGUI_DEBIAN_VERSION") >/dev/null
  mkdir -p "$LPP_IMGUI_DIR"
  tar xf "$tmp"/imgui_"${LPP_IMGUI_VERSION}"+ds.orig.tar.xz -C "$LPP_IMGUI_DIR" --strip-components=1
  rm -rf "$tmp"
  [ -f "$LPP_IMGUI_DIR/imgui.h" ] || die "Dear ImGui sources not found after the fetch"
}

# npm packages, each folder from its package-lock.json: the browser tests' playwright-core, and the page's build
# tool, the Closure Compiler (its Java build: the optional native binaries are 220 MB and not needed).
lpp_npm_install() {
  if [ ! -d "$LPP_ROOT/tests/browser/node_modules/playwright-core" ]; then
    say "installing the browser tests' npm packages"
    (cd "$LPP_ROOT/tests/browser" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  if [ ! -x "$LPP_ROOT/web/node_modules/.bin/google-closure-compiler" ]; then
    say "installing the page's build tools (npm)"
    (cd "$LPP_ROOT/web" && npm ci --omit=optional --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

lpp_setup() {
  lpp_install_packages
  lpp_fetch_imgui
  lpp_npm_install
}

# lpp_configure PRESET: configures a CMake preset into build/<preset>/ once.
lpp_configure() {
  local preset=$1 dir="$LPP_ROOT/build/$1"
  [ -f "$dir/build.ninja" ] && return 0
  local log; log=$(mktemp)
  if ! (cd "$LPP_ROOT" && cmake --preset "$preset") >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    printf 'error: cmake configure failed for %s\n' "$preset" >&2
    return 1
  fi
  rm -f "$log"
}

# lpp_build PRESET [TARGET...]: configures (once) and builds a preset, all of it or the named targets.
lpp_build() {
  local preset=$1; shift
  lpp_configure "$preset" || return 1
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  cmake --build "$LPP_ROOT/build/$preset" -j "${LPP_JOBS:-2}" "${targets[@]}"
}
