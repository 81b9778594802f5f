#!/usr/bin/env bash
# Installs what struct-layout needs to build and test, from Debian 12's own
# archive: LLVM/Clang 19, yaml-cpp, GoogleTest, CMake, Ninja. Idempotent.
set -euo pipefail

PACKAGES=(llvm-19-dev libclang-19-dev clang-19 clang-tidy-19 clang-tools-19
          clang-format-19 libyaml-cpp-dev libgtest-dev cmake ninja-build ccache
          python3 dpkg-dev time dwarves libclang-rt-19-dev valgrind
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
