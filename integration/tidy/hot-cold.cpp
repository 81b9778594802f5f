// layout-hot-cold inside clang-tidy-19: the TU's static estimate, the same
// messages and hot-first fix as the CLI.
// As the CLI, the plugin offers the fixes of layout-padding and
// layout-simd-alignment unless struct-layout.FixChecks names more.
// RUN: %check_clang_tidy %s layout-hot-cold %t -- "-config={CheckOptions: {struct-layout.FixChecks: 'layout-hot-cold'}}" -- -std=c++17

struct Particle {
  double x, y;
  char name[64];
  double vx, vy;
  int id;
};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: hot fields 'x', 'y', 'vx', 'vy' of struct 'Particle' are spread over more cache lines than they need, among cold fields; hot first they touch fewer lines per element of an array: {{[0-9.]+}} -> {{[0-9.]+}} on x86_64-pc-linux-gnu [layout-hot-cold]
// CHECK-FIXES: struct Particle {
// CHECK-FIXES-NEXT:   double x, y;
// CHECK-FIXES-NEXT:   double vx;
// CHECK-FIXES-NEXT:   double vy;
// CHECK-FIXES-NEXT:   char name[64];
// CHECK-FIXES-NEXT:   int id;

void step(Particle *ps, int n) {
  for (int i = 0; i < n; ++i) {
    ps[i].x += ps[i].vx;
    ps[i].y += ps[i].vy;
  }
}

// Smaller than a cache line: quiet.
struct Small { int hot; char note[20]; int warm; };
int sum(const Small *s, int n) {
  int t = 0;
  for (int i = 0; i < n; ++i)
    t += s[i].hot + s[i].warm;
  return t;
}
