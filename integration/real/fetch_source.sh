#!/usr/bin/env bash
# Fetches a Debian (bookworm) source package with `apt-get source` into a
# cache dir and prints the path of its unpacked source tree.
# Usage: fetch_source.sh PACKAGE [WORK_DIR]
#        (default WORK_DIR ${TMPDIR:-/tmp}/struct-layout-real, the cache that
#        prepare_ninja.sh uses too)
# Prints the source directory on stdout; everything else goes to stderr.
# Cached: an unpacked tree is reused (rm -rf WORK_DIR to start over).
# The cached tree is meant to stay pristine: tests that modify sources must
# work on a copy of it.
set -euo pipefail

pkg=${1:?usage: fetch_source.sh PACKAGE [WORK_DIR]}
work=${2:-${TMPDIR:-/tmp}/struct-layout-real}
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { echo "fetch_source: $*" >&2; }
as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Is there a deb-src entry for bookworm, one-line (.list) or deb822 (.sources)?
# (Same test as prepare_ninja.sh.)
have_deb_src() {
  grep -qsE '^[[:space:]]*deb-src[[:space:]].*[[:space:]]bookworm([[:space:]]|$)' \
    /etc/apt/sources.list /etc/apt/sources.list.d/*.list && return 0
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    awk 'BEGIN{RS=""} /(^|\n)Types:[^\n]*deb-src/ && /(^|\n)Suites:[^\n]*bookworm([ \t\n]|$)/ {found=1}
         END{exit !found}' "$f" && return 0
  done
  return 1
}

# apt-get source unpacks into PACKAGE-UPSTREAMVERSION.
find_tree() {
  find "$work" -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort -V | tail -n1
}

# Two scripts may fetch into the same cache at once.
exec 9>"$work/.lock-$pkg"
flock 9

stamp=$work/.fetched-$pkg
src=$(find_tree)
if [[ -n $src && -n $(ls -A "$src") && ( -f $stamp || -f $src/debian/changelog ) ]]; then
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
  [[ -z $src ]] || rm -rf "$src"            # a half-unpacked tree
  log "apt-get source $pkg -> $work"
  (cd "$work" && apt-get source -qq "$pkg" >&2)
  src=$(find_tree)
  [[ -n $src && -n $(ls -A "$src") ]] || { log "apt-get source $pkg gave no tree"; exit 1; }
  touch "$stamp"
fi
echo "$src"
