// layout-aos-to-soa inside clang-tidy-19: the same finding from the TU's
// own loops.
// RUN: %check_clang_tidy %s layout-aos-to-soa %t -- -- -std=c++17

#include <vector>

struct Body {
  double x, y, z, vx, vy, vz, mass;
  char name[40];
  int id;
};

void drift(std::vector<Body> &bodies, double dt) {
  for (Body &b : bodies)
    b.x += b.vx * dt;
}
// CHECK-MESSAGES: :[[@LINE-3]]:3: warning: this loop over 'bodies' uses 'x', 'vx' of each 'Body': 16 of 104 bytes on x86_64-pc-linux-gnu; a pass over 1000 elements reads 1375 64-byte cache lines on x86_64-pc-linux-gnu, 250 as a struct of arrays [layout-aos-to-soa]

// Used whole: quiet.
double mass(const std::vector<Body> &bodies) {
  double m = 0;
  for (const Body &b : bodies)
    m += b.x + b.y + b.z + b.vx + b.vy + b.vz + b.mass + b.name[0] + b.id;
  return m;
}
