// check: layout-false-sharing
// expect: quiet
// source: leveldb benchmarks/db_bench.cc Benchmark::RunBenchmark + ThreadBody (ThreadArg* arg = new ThreadArg[n]; arg[i].thread = new ThreadState(i, seed))
// why: the ThreadArg slots are filled by the main thread before each thread starts and only read afterwards; each thread's counters live in its own separately allocated ThreadState
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct SharedState {
  std::mutex mu;
  std::condition_variable cv;
  int total;
  int num_initialized = 0;
  int num_done = 0;
  bool start = false;
  explicit SharedState(int total) : total(total) {}
};

class Stats {
 public:
  void FinishedSingleOp() { done_++; }
  void AddBytes(int64_t n) { bytes_ += n; }
  void Merge(const Stats& other) { done_ += other.done_, bytes_ += other.bytes_; }
  int done() const { return done_; }

 private:
  int done_ = 0;
  int64_t bytes_ = 0;
  std::string message_;
};

struct ThreadState {
  int tid;
  uint32_t seed;
  Stats stats;
  SharedState* shared = nullptr;
  ThreadState(int index, int seed) : tid(index), seed(seed) {}
};

class Benchmark;
struct ThreadArg {
  Benchmark* bm;
  SharedState* shared;
  ThreadState* thread;
  void (Benchmark::*method)(ThreadState*);
};

class Benchmark {
 public:
  void WriteRandom(ThreadState* thread) {
    uint32_t x = thread->seed;
    for (int i = 0; i < 1000000; i++) {
      x = x * 1103515245u + 12345u;
      thread->stats.AddBytes(100 + (x & 15));
      thread->stats.FinishedSingleOp();
    }
  }

  static void ThreadBody(ThreadArg* arg) {
    SharedState* shared = arg->shared;
    ThreadState* thread = arg->thread;
    {
      std::unique_lock<std::mutex> l(shared->mu);
      shared->num_initialized++;
      if (shared->num_initialized >= shared->total) shared->cv.notify_all();
      shared->cv.wait(l, [shared] { return shared->start; });
    }
    (arg->bm->*(arg->method))(thread);
    std::lock_guard<std::mutex> l(shared->mu);
    shared->num_done++;
    if (shared->num_done >= shared->total) shared->cv.notify_all();
  }

  Stats RunBenchmark(int n, void (Benchmark::*method)(ThreadState*)) {
    SharedState shared(n);
    ThreadArg* arg = new ThreadArg[n];
    std::vector<std::thread> threads;
    for (int i = 0; i < n; i++) {
      arg[i].bm = this;
      arg[i].method = method;
      arg[i].shared = &shared;
      arg[i].thread = new ThreadState(i, 1000 + i);
      arg[i].thread->shared = &shared;
      threads.emplace_back(ThreadBody, &arg[i]);
    }
    {
      std::unique_lock<std::mutex> l(shared.mu);
      shared.cv.wait(l, [&] { return shared.num_initialized >= n; });
      shared.start = true;
      shared.cv.notify_all();
    }
    for (std::thread& t : threads) t.join();
    Stats merged;
    for (int i = 0; i < n; i++) merged.Merge(arg[i].thread->stats), delete arg[i].thread;
    delete[] arg;
    return merged;
  }
};

int main() {
  Benchmark bench;
  Stats s = bench.RunBenchmark(4, &Benchmark::WriteRandom);
  std::printf("fillrandom: %d ops\n", s.done());
}
