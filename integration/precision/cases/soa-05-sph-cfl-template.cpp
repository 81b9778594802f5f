// check: layout-aos-to-soa
// expect: report
// record: sph::FluidParticle
// source: SPlisHSPlasH SPlisHSPlasH/TimeStep.cpp TimeStep::updateTimeStepSizeCFL (max |v + a*h| over all fluid particles every step), here over an AoS particle as in AoS SPH codes
// why: the CFL reduction runs every step over every particle and reads only v and a, 48 of 160 bytes; per-field arrays would stream under a third of the lines
#include <cmath>
#include <cstdint>
#include <vector>

namespace sph {

struct Vec3 { double x, y, z; };

struct FluidParticle {
  Vec3 x;
  Vec3 x0;
  Vec3 v;
  Vec3 a;
  double density;
  double pressure;
  double mass;
  double volume;
  std::vector<uint32_t> neighbors;
  uint32_t id;
  uint32_t object_id;
};

template <class Container>
double updateTimeStepSizeCFL(const Container& particles, double h, double radius, double cflFactor) {
  double maxVel = 0.1;
  for (const auto& p : particles) {
    const double vx = p.v.x + p.a.x * h, vy = p.v.y + p.a.y * h, vz = p.v.z + p.a.z * h;
    const double velMag = vx * vx + vy * vy + vz * vz;
    if (velMag > maxVel) maxVel = velMag;
  }
  return cflFactor * 0.4 * (2.0 * radius / std::sqrt(maxVel));
}

template <class Container>
void integrate(Container& particles, double h) {
  for (auto& p : particles) {
    p.v.x += p.a.x * h;
    p.v.y += p.a.y * h;
    p.v.z += p.a.z * h;
    p.x0 = p.x;
    p.x.x += p.v.x * h;
    p.x.y += p.v.y * h;
    p.x.z += p.v.z * h;
  }
}

}  // namespace sph

int main() {
  std::vector<sph::FluidParticle> fluid(200000);
  for (std::size_t i = 0; i < fluid.size(); ++i) {
    fluid[i].a = sph::Vec3{0, -9.81, 0};
    fluid[i].x = sph::Vec3{double(i % 100) * 0.05, double(i / 10000) * 0.05, double((i / 100) % 100) * 0.05};
  }
  double h = 0.001, t = 0;
  while (t < 2.0) {
    h = sph::updateTimeStepSizeCFL(fluid, h, 0.025, 0.5);
    sph::integrate(fluid, h);
    t += h;
  }
  return 0;
}
