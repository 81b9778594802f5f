// check: layout-aos-to-soa
// expect: report
// record: godot::Instance
// source: Godot servers/rendering/renderer_scene_cull.cpp RendererSceneCull::_scene_cull (frustum test of every instance's AABB and layer mask; Godot 4 moved the bounds into the separate instance_aabbs array for this reason)
// why: each camera each frame tests every instance but reads only aabb and layer_mask, 28 of 200 bytes; as a struct of arrays the cull pass reads about a seventh of the lines
#include <cstdint>
#include <string>
#include <vector>

namespace godot {

struct AABB { float px, py, pz, sx, sy, sz; };
struct Plane { float nx, ny, nz, d; };
struct Transform3D { float basis[9]; float origin[3]; };

struct Instance {
  uint64_t base_rid;
  Transform3D transform;
  AABB aabb;
  uint32_t layer_mask;
  float lod_bias;
  float extra_margin;
  int base_type;
  void* scenario;
  void* skeleton;
  std::vector<uint64_t> materials;
  std::string debug_name;
  uint64_t visibility_parent;
  float visibility_range_begin, visibility_range_end;
  uint32_t flags;
  int32_t lightmap_slice_index;
  void* base_data;
};

static bool aabb_outside_plane(const AABB& a, const Plane& p) {
  float cx = a.px + a.sx * 0.5f, cy = a.py + a.sy * 0.5f, cz = a.pz + a.sz * 0.5f;
  float r = 0.5f * (a.sx * (p.nx < 0 ? -p.nx : p.nx) + a.sy * (p.ny < 0 ? -p.ny : p.ny) + a.sz * (p.nz < 0 ? -p.nz : p.nz));
  return p.nx * cx + p.ny * cy + p.nz * cz - p.d > r;
}

static std::size_t _scene_cull(const std::vector<Instance>& instances, const Plane (&frustum)[6],
                               uint32_t camera_layers, std::vector<uint32_t>& visible) {
  visible.clear();
  for (std::size_t i = 0; i < instances.size(); ++i) {
    if (!(instances[i].layer_mask & camera_layers)) continue;
    bool inside = true;
    for (const Plane& p : frustum)
      if (aabb_outside_plane(instances[i].aabb, p)) { inside = false; break; }
    if (inside) visible.push_back(static_cast<uint32_t>(i));
  }
  return visible.size();
}

}  // namespace godot

int main() {
  std::vector<godot::Instance> instances(50000);
  for (std::size_t i = 0; i < instances.size(); ++i) {
    instances[i].aabb = godot::AABB{float(i % 300), 0, float(i / 300), 1, 2, 1};
    instances[i].layer_mask = 1u << (i % 3);
  }
  const godot::Plane frustum[6] = {{1, 0, 0, 0}, {-1, 0, 0, -200}, {0, 1, 0, -10}, {0, -1, 0, -10}, {0, 0, 1, 0}, {0, 0, -1, -150}};
  std::vector<uint32_t> visible;
  std::size_t total = 0;
  for (int frame = 0; frame < 3600; ++frame) total += godot::_scene_cull(instances, frustum, 3u, visible);
  return total == 0;
}
