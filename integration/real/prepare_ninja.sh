#!/usr/bin/env bash
# Fetches the Debian source package ninja-build (bookworm) and configures it
# with CMake + clang-19 so that it has a compile_commands.json.
# Usage: prepare_ninja.sh [WORK_DIR]   (default ${TMPDIR:-/tmp}/struct-layout-real)
# Prints the build directory on stdout; everything else goes to stderr.
# Cached: an existing source tree / configured build is reused
# (rm -rf WORK_DIR to start over).
set -euo pipefail

work=${1:-${TMPDIR:-/tmp}/struct-layout-real}
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { echo "prepare_ninja: $*" >&2; }
as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Is there a deb-src entry for bookworm, one-line (.list) or deb822 (.sources)?
have_deb_src() {
  grep -qsE '^[[:space:]]*deb-src[[:space:]].*[[:space:]]bookworm([[:space:]]|$)' \
    /etc/apt/sources.list /etc/apt/sources.list.d/*.list && return 0
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    # One stanza per paragraph; needs deb-src in Types and bookworm in Suites.
    awk 'BEGIN{RS=""} /(^|\n)Types:[^\n]*deb-src/ && /(^|\n)Suites:[^\n]*bookworm([ \t\n]|$)/ {found=1}
         END{exit !found}' "$f" && return 0
  done
  return 1
}

src=$(find "$work" -maxdepth 1 -type d -name 'ninja-build-*' | sort | tail -n1)
if [[ -n $src && -f $src/CMakeLists.txt ]]; then
  log "reusing source $src"
else
  if ! have_deb_src; then
    log "adding deb-src entry /etc/apt/sources.list.d/struct-layout-src.sources"
    as_root tee /etc/apt/sources.list.d/struct-layout-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    as_root apt-get update -qq >&2
  fi
  (cd "$work" && apt-get source -qq ninja-build >&2)
  src=$(find "$work" -maxdepth 1 -type d -name 'ninja-build-*' | sort | tail -n1)
  [[ -n $src && -f $src/CMakeLists.txt ]] || { log "apt-get source gave no tree"; exit 1; }
fi

build=$work/build
if [[ -f $build/compile_commands.json ]]; then
  log "reusing build $build"
else
  log "configuring $src -> $build"
  cmake -S "$src" -B "$build" -G Ninja \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DBUILD_TESTING=ON >&2
  # src/browse.cc includes a generated header. Run only its own rule
  # (`ninja build/browse_py.h` would first compile the libraries it orders after).
  if grep -q 'browse_py.h' "$build/build.ninja"; then
    (cd "$build" && eval "$(ninja -t commands -s build/browse_py.h)")
  fi
fi
echo "$build"
