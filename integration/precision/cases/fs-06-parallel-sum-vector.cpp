// check: layout-false-sharing
// expect: report
// record: PartialSum
// source: classic std::thread parallel accumulate (e.g. "C++ Concurrency in Action" parallel_accumulate, LLVM lld parallelForEach partial results) writing results[id] from each worker
// why: each worker adds into partials[id] inside its inner loop; the 16-byte PartialSum elements of the vector put four workers on one line
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <thread>
#include <vector>

struct PartialSum {
  uint64_t sum;
  uint64_t count;
};

static void accumulate_block(std::size_t id, const std::vector<uint32_t> &data,
                             std::size_t begin, std::size_t end,
                             std::vector<PartialSum> &partials) {
  for (std::size_t i = begin; i < end; ++i) {
    if (data[i] % 3 == 0) continue;
    partials[id].sum += data[i];
    partials[id].count++;
  }
}

int main() {
  const std::size_t n = 1 << 24;
  unsigned nthreads = std::thread::hardware_concurrency();
  if (nthreads == 0) nthreads = 4;
  std::vector<uint32_t> data(n);
  for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<uint32_t>(i * 2654435761u);
  std::vector<PartialSum> partials(nthreads);
  std::vector<std::thread> threads;
  std::size_t block = n / nthreads;
  for (unsigned t = 0; t < nthreads; ++t)
    threads.emplace_back(accumulate_block, t, std::cref(data), t * block,
                         t + 1 == nthreads ? n : (t + 1) * block, std::ref(partials));
  for (auto &th : threads) th.join();
  uint64_t sum = 0, count = 0;
  for (const PartialSum &p : partials) {
    sum += p.sum;
    count += p.count;
  }
  std::printf("%llu / %llu\n", (unsigned long long)sum, (unsigned long long)count);
}
