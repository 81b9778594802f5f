// check: layout-aos-to-soa
// expect: report
// record: Atom
// source: LAMMPS src/fix_nve.cpp FixNVE::initial_integrate (x += dtv * v), written over an AoS atom record as MD codes of the AtomVec-less kind do (LAMMPS itself keeps x, v, f as separate per-atom arrays, the SoA form)
// why: the drift pass runs every timestep over every atom and uses x and v, 48 of 160 bytes of each Atom; per-field arrays would stream under a third of the lines and vectorise
#include <cstdint>
#include <vector>

struct Atom {
  double x[3];
  double v[3];
  double f[3];
  double x0[3];
  double q;
  double mass;
  int64_t tag;
  int type;
  int mask;
  int image;
  int molecule;
  double omega[3];
};

static void drift(std::vector<Atom>& atoms, double dtv) {
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    atoms[i].x[0] += dtv * atoms[i].v[0];
    atoms[i].x[1] += dtv * atoms[i].v[1];
    atoms[i].x[2] += dtv * atoms[i].v[2];
  }
}

static void kick(std::vector<Atom>& atoms, double dtf) {
  for (Atom& a : atoms) {
    double dtfm = dtf / a.mass;
    a.v[0] += dtfm * a.f[0];
    a.v[1] += dtfm * a.f[1];
    a.v[2] += dtfm * a.f[2];
  }
}

int main() {
  std::vector<Atom> atoms(1 << 20);
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    atoms[i].mass = 39.948;
    atoms[i].tag = static_cast<int64_t>(i + 1);
    atoms[i].v[0] = (i % 17) * 1e-3;
  }
  const double dt = 0.005;
  for (int step = 0; step < 1000; ++step) {
    kick(atoms, 0.5 * dt);
    drift(atoms, dt);
    kick(atoms, 0.5 * dt);
  }
  return atoms[0].x[0] > 0 ? 0 : 1;
}
