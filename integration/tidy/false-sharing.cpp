// layout-false-sharing inside clang-tidy-19: the same message, notes and
// alignas fix as the CLI; the fixed file compiles with the predicted size.
// As the CLI, the plugin offers the fixes of layout-padding and
// layout-simd-alignment unless struct-layout.FixChecks names more.
// RUN: %check_clang_tidy %s layout-false-sharing %t -- "-config={CheckOptions: {struct-layout.FixChecks: 'layout-false-sharing'}}" -- -std=c++17
// RUN: %clangxx -std=c++17 -fsyntax-only -DCHECK_FIXED_SIZES %t.cpp

#include <atomic>
#include <cstddef>

struct Counters {
  std::atomic<long> produced{0};
  std::atomic<long> consumed{0};
  void produce() { produced++; }
  void consume() { consumed++; }
};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: fields 'produced' and 'consumed' of struct 'Counters' can be written by different threads and share a 64-byte cache line on x86_64-pc-linux-gnu: false sharing [layout-false-sharing]
// CHECK-MESSAGES: :[[@LINE-6]]:21: note: 'produced' (std::atomic<long>) at offset 0 on x86_64-pc-linux-gnu: written in Counters::produce
// CHECK-MESSAGES: :[[@LINE-6]]:21: note: 'consumed' (std::atomic<long>) at offset 8 on x86_64-pc-linux-gnu: written in Counters::consume
// CHECK-MESSAGES: :[[@LINE-9]]:8: note: give each its own cache line with alignas(64) on 'consumed': the record grows, 16 -> 128 bytes on x86_64-pc-linux-gnu
// CHECK-FIXES: std::atomic<long> produced{0};
// CHECK-FIXES-NEXT: alignas(64) std::atomic<long> consumed{0};

// Written together: quiet.
struct Pair {
  std::atomic<int> a{0};
  std::atomic<int> b{0};
  void both() { a++; b++; }
};

#ifdef CHECK_FIXED_SIZES
static_assert(sizeof(Counters) == 128, "predicted");
#endif
