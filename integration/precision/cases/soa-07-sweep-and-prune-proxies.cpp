// check: layout-aos-to-soa
// expect: report
// record: bp::Proxy
// source: sort-and-sweep broadphase as in Bullet src/BulletCollision/BroadphaseCollision/btAxisSweep3Internal.h (which keeps the per-axis edges in separate arrays) and Box2D v1 b2BroadPhase, here with the proxies in a member array
// why: every step the sweep walks all proxies along x and reads only min_x/max_x and the group/mask words, 16 of 64 bytes; per-axis arrays would read a quarter of the lines
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace bp {

struct Proxy {
  float min_x, min_y, min_z;
  float max_x, max_y, max_z;
  void* client_object;
  uint32_t collision_group;
  uint32_t collision_mask;
  uint32_t unique_id;
  uint32_t handle;
  void* multi_sap_proxy;
  float aabb_margin;
  uint32_t dirty;
};

class SweepAndPrune {
 public:
  static constexpr int kMaxProxies = 8192;

  void add(float x, float y, float z, float r, uint32_t group) {
    Proxy& p = proxies_[count_];
    p = Proxy{x - r, y - r, z - r, x + r, y + r, z + r, nullptr, group, ~0u, uint32_t(count_), 0, nullptr, 0.04f, 0};
    ++count_;
  }

  void sort_x() {
    std::sort(proxies_, proxies_ + count_, [](const Proxy& a, const Proxy& b) { return a.min_x < b.min_x; });
  }

  std::size_t sweep_x(std::vector<std::pair<int, int>>& pairs) {
    pairs.clear();
    for (int i = 0; i < count_; ++i) {
      const float max_x = proxies_[i].max_x;
      for (int j = i + 1; j < count_ && proxies_[j].min_x <= max_x; ++j)
        if (proxies_[i].collision_mask & proxies_[j].collision_group) pairs.emplace_back(i, j);
    }
    return pairs.size();
  }

 private:
  Proxy proxies_[kMaxProxies];
  int count_ = 0;
};

}  // namespace bp

int main() {
  static bp::SweepAndPrune sap;
  for (int i = 0; i < bp::SweepAndPrune::kMaxProxies; ++i)
    sap.add(float((i * 7919) % 4096), float(i % 64), float(i / 64), 0.5f, 1u << (i % 4));
  sap.sort_x();
  std::vector<std::pair<int, int>> pairs;
  std::size_t total = 0;
  for (int step = 0; step < 600; ++step) total += sap.sweep_x(pairs);
  return total == 0;
}
