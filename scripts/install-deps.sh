#!/usr/bin/env bash
# Installs what struct-layout needs to build and test, from Debian 12's own
# archive: LLVM/Clang 19, yaml-cpp, GoogleTest, CMake, Ninja. Idempotent.
set -euo pipefail

PACKAGES=(llvm-19-dev libclang-19-dev clang-19 clang-tidy-19 clang-tools-19
          clang-format-19 libyaml-cpp-dev libgtest-dev cmake ninja-build ccache
          python3 dpkg-dev time dwarves libclang-rt-19-dev valgrind
          # the SARIF multitool (a .NET binary, from npm) loads ICU
          libicu72
          # what the real projects' builds and test suites need (expat is
          # built with autotools under bear; leveldb's tests use gmock and
          # Google Benchmark)
          bear autoconf automake libtool make libgmock-dev libbenchmark-dev
          # C and C++ headers of other Linux targets, for --target=linux-i686,
          # linux-aarch64, linux-armv7 on code that includes system headers
          libstdc++-12-dev-i386-cross libstdc++-12-dev-arm64-cross
          libstdc++-12-dev-armhf-cross)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The validators the tests run, from npm at the versions package-lock.json
# pins: Microsoft's SARIF multitool and Ajv (integration/npm).
if ! command -v npm >/dev/null; then
  echo "installing: nodejs npm"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends nodejs npm
fi
npm_dir="$(cd "$(dirname "$0")/../integration/npm" && pwd)"
if [ ! -x "$npm_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ] ||
   [ ! -x "$npm_dir/node_modules/.bin/ajv" ] ||
   [ "$npm_dir/package-lock.json" -nt "$npm_dir/node_modules/.package-lock.json" ]; then
  echo "installing the test validators from npm into $npm_dir"
  npm ci --prefix "$npm_dir" --no-audit --no-fund --loglevel=error
  # npm 11 leaves install scripts off: the multitool's only sets the mode.
  chmod u+x "$npm_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
fi
