// A single-producer single-consumer ring whose head and tail share a cache
// line: `struct-layout --checks=-*,layout-false-sharing ring.cpp -- -std=c++17`
// reports it; add --fix to give tail its own line.
#include <atomic>
#include <cstddef>
#include <cstdio>
#include <thread>

struct Ring {
  std::atomic<std::size_t> head{0}; // written by the consumer
  std::atomic<std::size_t> tail{0}; // written by the producer
  int slots[1024];

  bool push(int v) {
    std::size_t t = tail.load(std::memory_order_relaxed);
    if (t - head.load(std::memory_order_acquire) == 1024)
      return false;
    slots[t % 1024] = v;
    tail.store(t + 1, std::memory_order_release);
    return true;
  }
  bool pop(int &v) {
    std::size_t h = head.load(std::memory_order_relaxed);
    if (h == tail.load(std::memory_order_acquire))
      return false;
    v = slots[h % 1024];
    head.store(h + 1, std::memory_order_release);
    return true;
  }
};

int main() {
  static Ring R;
  long Sum = 0;
  std::thread Consumer([&] {
    int V;
    for (int Got = 0; Got < 1000000;)
      if (R.pop(V))
        Sum += V, ++Got;
  });
  for (int I = 0; I < 1000000;)
    if (R.push(I))
      ++I;
  Consumer.join();
  std::printf("%ld\n", Sum);
}
