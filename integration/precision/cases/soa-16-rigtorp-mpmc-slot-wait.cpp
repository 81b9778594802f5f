// check: layout-aos-to-soa
// expect: quiet
// source: rigtorp/MPMCQueue include/rigtorp/MPMCQueue.h Queue::emplace / Queue::pop (spin on slots_[idx(head)].turn until it is this ticket's turn)
// why: the hot loops read only the turn word of a 64-byte slot, but they spin on one fixed slot (the index does not change inside the loop); nothing steps through the slot array
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <thread>
#include <type_traits>
#include <utility>

namespace rigtorp {

constexpr std::size_t hardwareInterferenceSize = 64;

template <typename T>
struct Slot {
  alignas(hardwareInterferenceSize) std::atomic<std::size_t> turn = {0};
  typename std::aligned_storage<sizeof(T), alignof(T)>::type storage;
};

template <typename T>
class Queue {
 public:
  explicit Queue(std::size_t capacity) : capacity_(capacity), slots_(new Slot<T>[capacity + 1]) {}
  ~Queue() { delete[] slots_; }

  template <typename... Args>
  void emplace(Args&&... args) noexcept {
    auto const head = head_.fetch_add(1);
    while (turn(head) * 2 != slots_[idx(head)].turn.load(std::memory_order_acquire)) {
    }
    new (&slots_[idx(head)].storage) T(std::forward<Args>(args)...);
    slots_[idx(head)].turn.store(turn(head) * 2 + 1, std::memory_order_release);
  }

  void pop(T& v) noexcept {
    auto const tail = tail_.fetch_add(1);
    while (turn(tail) * 2 + 1 != slots_[idx(tail)].turn.load(std::memory_order_acquire)) {
    }
    v = std::move(*reinterpret_cast<T*>(&slots_[idx(tail)].storage));
    slots_[idx(tail)].turn.store(turn(tail) * 2 + 2, std::memory_order_release);
  }

 private:
  std::size_t idx(std::size_t i) const noexcept { return i % capacity_; }
  std::size_t turn(std::size_t i) const noexcept { return i / capacity_; }

  const std::size_t capacity_;
  Slot<T>* slots_;
  alignas(hardwareInterferenceSize) std::atomic<std::size_t> head_{0};
  alignas(hardwareInterferenceSize) std::atomic<std::size_t> tail_{0};
};

}  // namespace rigtorp

int main() {
  rigtorp::Queue<int> q(1024);
  std::thread producer([&q] {
    for (int i = 0; i < 10000000; ++i) q.emplace(i);
  });
  long sum = 0;
  for (int i = 0; i < 10000000; ++i) {
    int v;
    q.pop(v);
    sum += v;
  }
  producer.join();
  return sum == 0;
}
