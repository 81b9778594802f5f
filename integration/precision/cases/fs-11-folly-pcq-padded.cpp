// check: layout-false-sharing
// expect: quiet
// source: folly folly/ProducerConsumerQueue.h ProducerConsumerQueue::write/read (readIndex_/writeIndex_ each aligned to hardware_destructive_interference_size)
// why: the look-alike of an unpadded SPSC ring: the producer's and consumer's indices already sit on lines of their own, nothing to fix
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <thread>
#include <utility>

namespace folly {

constexpr std::size_t hardware_destructive_interference_size = 128;

template <class T>
struct ProducerConsumerQueue {
  explicit ProducerConsumerQueue(uint32_t size)
      : size_(size), records_(static_cast<T*>(std::malloc(sizeof(T) * size))),
        readIndex_(0), writeIndex_(0) {}
  ~ProducerConsumerQueue() { std::free(records_); }

  template <class... Args>
  bool write(Args&&... recordArgs) {
    auto const currentWrite = writeIndex_.load(std::memory_order_relaxed);
    auto nextRecord = currentWrite + 1;
    if (nextRecord == size_) nextRecord = 0;
    if (nextRecord != readIndex_.load(std::memory_order_acquire)) {
      new (&records_[currentWrite]) T(std::forward<Args>(recordArgs)...);
      writeIndex_.store(nextRecord, std::memory_order_release);
      return true;
    }
    return false;
  }

  bool read(T& record) {
    auto const currentRead = readIndex_.load(std::memory_order_relaxed);
    if (currentRead == writeIndex_.load(std::memory_order_acquire)) return false;
    auto nextRecord = currentRead + 1;
    if (nextRecord == size_) nextRecord = 0;
    record = std::move(records_[currentRead]);
    records_[currentRead].~T();
    readIndex_.store(nextRecord, std::memory_order_release);
    return true;
  }

 private:
  using AtomicIndex = std::atomic<unsigned int>;

  char pad0_[hardware_destructive_interference_size];
  const uint32_t size_;
  T* const records_;
  alignas(hardware_destructive_interference_size) AtomicIndex readIndex_;
  alignas(hardware_destructive_interference_size) AtomicIndex writeIndex_;
  char pad1_[hardware_destructive_interference_size - sizeof(AtomicIndex)];
};

}  // namespace folly

int main() {
  folly::ProducerConsumerQueue<long> queue(1024);
  std::thread producer([&queue] {
    for (long i = 0; i < 10000000; ++i)
      while (!queue.write(i)) {
      }
  });
  long sum = 0, v;
  for (long n = 0; n < 10000000; ++n) {
    while (!queue.read(v)) {
    }
    sum += v;
  }
  producer.join();
  return sum == 0;
}
