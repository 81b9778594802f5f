// layout-simd-alignment inside clang-tidy-19: same messages as the CLI.
// RUN: %check_clang_tidy %s layout-simd-alignment %t -- -- -std=c++14 -mavx

#include <immintrin.h>
#include <cstdlib>

struct __attribute__((packed)) Pkt {
  char tag;
  __m128 v;
};
// CHECK-MESSAGES: :[[@LINE-2]]:10: warning: 'v' (__m128) needs 16-byte alignment for aligned loads but sits at offset 1 on x86_64-pc-linux-gnu [layout-simd-alignment]
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: the record is packed; reading it with an aligned load faults or is slow: use unaligned loads (_mm_loadu_*), or move it to an offset that is a multiple of 16

struct alignas(32) Block { float f[8]; };
Block *make() { return new Block; }
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Block' needs 32-byte alignment, but this allocation ('new' without aligned new (before C++17, or -fno-aligned-new)) only guarantees the default [layout-simd-alignment]
// CHECK-MESSAGES: :[[@LINE-3]]:20: note: use aligned new (C++17, -faligned-new), std::aligned_alloc, or an aligned allocator

struct Fine { char c; __m128 v; };
