// check: layout-false-sharing
// expect: report
// record: ShardedLRUCache
// source: leveldb util/cache.cc ShardedLRUCache::shard_[kNumShards] of LRUCache, each guarded by its own port::Mutex (a class wrapping std::mutex); Lookup/Insert/Release hash to a shard and lock it
// why: sharding exists so threads on different shards do not contend, but a 216-byte LRUCache is not a whole number of lines: shard s's mutex sits on the line that holds shard s-1's tail, so threads locking neighbouring shards bounce that line; aligning the shard type to the line is what one would measure
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace port {
class Mutex {
 public:
  void Lock() { mu_.lock(); }
  void Unlock() { mu_.unlock(); }
 private:
  std::mutex mu_;
};
}  // namespace port

struct Handle { Handle *next; uint32_t hash; uint64_t value; };

class LRUCache {
 public:
  uint64_t Lookup(uint32_t hash) {
    mutex_.Lock();
    uint64_t v = 0;
    for (Handle *h = table_[hash & 7]; h; h = h->next)
      if (h->hash == hash) { v = h->value; break; }
    ++lookups_;
    mutex_.Unlock();
    return v;
  }
  void Insert(Handle *h) {
    mutex_.Lock();
    h->next = table_[h->hash & 7];
    table_[h->hash & 7] = h;
    usage_ += 1;
    mutex_.Unlock();
  }
 private:
  size_t capacity_ = 1000;
  port::Mutex mutex_;
  size_t usage_ = 0;
  uint64_t lookups_ = 0;
  Handle *table_[8] = {};
  char lru_[56] = {};
};

class ShardedLRUCache {
 public:
  static constexpr int kNumShards = 16;
  uint64_t Lookup(uint32_t hash) { return shard_[hash >> 28].Lookup(hash); }
  void Insert(Handle *h) { shard_[h->hash >> 28].Insert(h); }
 private:
  LRUCache shard_[kNumShards];
};

int main() {
  ShardedLRUCache cache;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&cache, t] {
      uint64_t sum = 0;
      for (uint32_t i = 0; i < 1000000; ++i)
        sum += cache.Lookup(i * 2654435761u + uint32_t(t));
      return sum;
    });
  for (auto &th : threads) th.join();
}
