// check: layout-hot-cold
// expect: report
// record: Vehicle
// source: OpenTTD src/vehicle_base.h Vehicle + src/vehicle.cpp CallVehicleTicks (v->Tick() for every vehicle, virtual, e.g. RoadVehicle::Tick -> RoadVehController)
// why: each game tick calls the virtual Tick of thousands of vehicles, which reads and moves tile, x/y/z_pos, progress and speed; tile sits on the second line and the rest on the third of a 232-byte Vehicle, among list, hash and finance fields
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct Vehicle {
  virtual ~Vehicle() = default;
  virtual bool Tick() = 0;

  Vehicle* next = nullptr;
  Vehicle* previous = nullptr;
  Vehicle* first = nullptr;
  Vehicle* next_shared = nullptr;
  Vehicle* previous_shared = nullptr;
  std::string name;
  uint32_t tile = 0;
  uint32_t dest_tile = 0;
  int64_t profit_this_year = 0;
  int64_t profit_last_year = 0;
  int64_t value = 0;
  void* cargo_payment = nullptr;
  Vehicle* hash_viewport_next = nullptr;
  Vehicle** hash_viewport_prev = nullptr;
  Vehicle* hash_tile_next = nullptr;
  Vehicle** hash_tile_prev = nullptr;
  int32_t build_year = 0;
  int32_t age = 0;
  int32_t max_age = 0;
  uint16_t reliability = 0;
  uint16_t reliability_spd_dec = 0;
  int32_t coord[4] = {};
  uint32_t colourmap = 0;
  int32_t x_pos = 0, y_pos = 0, z_pos = 0;
  uint8_t direction = 0;
  uint8_t owner = 0;
  uint16_t cur_speed = 0;
  uint8_t subspeed = 0;
  uint8_t acceleration = 1;
  uint8_t progress = 0;
  uint32_t motion_counter = 0;
  uint16_t load_unload_ticks = 0;
  uint16_t cur_real_order_index = 0;
  uint32_t current_order_time = 0;
  void* orders = nullptr;
};

struct RoadVehicle final : Vehicle {
  bool Tick() override {
    motion_counter += cur_speed;
    uint32_t spd = subspeed + cur_speed * 4u;
    subspeed = static_cast<uint8_t>(spd);
    for (uint32_t steps = spd >> 8; steps > 0; --steps) {
      if (++progress < 16) continue;
      progress = 0;
      static const int dx[4] = {1, 0, -1, 0}, dy[4] = {0, 1, 0, -1};
      x_pos += dx[direction & 3];
      y_pos += dy[direction & 3];
      tile = static_cast<uint32_t>((y_pos >> 4) * 256 + (x_pos >> 4));
    }
    if (cur_speed < 160) cur_speed += acceleration;
    return true;
  }
};

struct Train final : Vehicle {
  bool Tick() override {
    motion_counter += cur_speed;
    if (++progress == 0) x_pos += (direction & 1) ? 1 : -1;
    tile = static_cast<uint32_t>((y_pos >> 4) * 256 + (x_pos >> 4));
    z_pos = (x_pos ^ y_pos) & 7;
    return true;
  }
};

static void CallVehicleTicks(std::vector<std::unique_ptr<Vehicle>>& pool) {
  for (auto& v : pool) v->Tick();
}

int main() {
  std::vector<std::unique_ptr<Vehicle>> pool;
  for (int i = 0; i < 20000; ++i) {
    if (i % 3) pool.push_back(std::make_unique<RoadVehicle>());
    else pool.push_back(std::make_unique<Train>());
    pool.back()->direction = static_cast<uint8_t>(i & 7);
  }
  for (int tick = 0; tick < 74 * 100; ++tick) CallVehicleTicks(pool);
  return pool.front()->x_pos == 0;
}
