// check: layout-false-sharing
// expect: report
// record: rocksdb::StatisticsImpl
// source: rocksdb monitoring/statistics_impl.h StatisticsImpl::recordTick/measureTime (per-core StatisticsData), here as a member array indexed by the worker id instead of CoreLocalArray's aligned storage
// why: each worker thread adds to shards_[thread_id] on every operation; 24-byte shards put several workers on one line of the shared StatisticsImpl
#include <atomic>
#include <cstdint>
#include <future>
#include <vector>

namespace rocksdb {

class StatisticsImpl {
 public:
  static constexpr int kMaxThreads = 32;

  struct StatisticsData {
    std::atomic<uint64_t> bytes_written{0};
    std::atomic<uint64_t> keys_written{0};
    std::atomic<uint64_t> write_micros{0};
  };

  void recordWrite(int thread_id, uint64_t bytes, uint64_t micros) {
    StatisticsData &d = shards_[thread_id % kMaxThreads];
    d.bytes_written.fetch_add(bytes, std::memory_order_relaxed);
    d.keys_written.fetch_add(1, std::memory_order_relaxed);
    d.write_micros.fetch_add(micros, std::memory_order_relaxed);
  }

  uint64_t getTickerCount() const {
    uint64_t sum = 0;
    for (const StatisticsData &d : shards_) sum += d.keys_written.load();
    return sum;
  }

 private:
  StatisticsData shards_[kMaxThreads];
};

}  // namespace rocksdb

static uint64_t do_write(rocksdb::StatisticsImpl *stats, int thread_id) {
  uint64_t total = 0;
  for (uint64_t i = 0; i < 1000000; ++i) {
    uint64_t bytes = 100 + (i & 1023);
    stats->recordWrite(thread_id, bytes, i & 7);
    total += bytes;
  }
  return total;
}

int main() {
  rocksdb::StatisticsImpl stats;
  std::vector<std::future<uint64_t>> futures;
  for (int t = 0; t < 8; ++t)
    futures.push_back(std::async(std::launch::async, do_write, &stats, t));
  uint64_t total = 0;
  for (auto &f : futures) total += f.get();
  return stats.getTickerCount() == 8000000 && total > 0 ? 0 : 1;
}
