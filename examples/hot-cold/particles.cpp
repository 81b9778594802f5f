// A particle system whose update loop reads 6 of the 9 fields of each
// particle; the name and the bookkeeping sit between them, so every
// particle's hot fields span two cache lines.
//   struct-layout --checks=-*,layout-hot-cold particles.cpp -- -std=c++17
// reports it; add --fix to put the hot fields first (same size), or
// --print-layout=Particle to see each field's heat.
#include <cstdio>
#include <vector>

struct Particle {
  double x, y, z;
  char name[64]; // shown in reports
  double vx, vy, vz;
  int id;
  double mass;
};

void step(std::vector<Particle> &ps, double dt) {
  for (Particle &p : ps) {
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.z += p.vz * dt;
  }
}

void report(const std::vector<Particle> &ps) {
  for (const Particle &p : ps)
    if (p.id % 250 == 0)
      std::printf("%s %d %.3f %.3f\n", p.name, p.id, p.mass, p.x + p.y + p.z);
}

int main() {
  std::vector<Particle> ps(1000);
  for (int i = 0; i < 1000; ++i) {
    Particle &p = ps[i];
    p.id = i;
    p.mass = 1 + i % 7;
    p.x = p.y = p.z = 0;
    p.vx = i * 0.001;
    p.vy = 1 - i * 0.001;
    p.vz = 0.5;
    std::snprintf(p.name, sizeof p.name, "p%d", i);
  }
  for (int t = 0; t < 100; ++t)
    step(ps, 0.01);
  report(ps);
}
