// check: layout-false-sharing
// expect: report
// record: pool::TaskQueue
// source: rocksdb util/threadpool_imp.cc ThreadPoolImpl::Impl (Submit on caller threads, BGThread on workers; queue_len_ next to per-worker counters)
// why: submitters write pushed_ while every worker writes popped_ and running_ on the same line, once per task
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pool {

class TaskQueue {
 public:
  void Submit(std::function<void()> fn) {
    pushed_.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(fn));
    cv_.notify_one();
  }

  void BGThread() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return exit_ || !queue_.empty(); });
        if (queue_.empty()) return;
        fn = std::move(queue_.front());
        queue_.pop_front();
      }
      popped_.fetch_add(1, std::memory_order_relaxed);
      running_.fetch_add(1, std::memory_order_relaxed);
      fn();
      running_.fetch_sub(1, std::memory_order_relaxed);
    }
  }

  void Stop() {
    std::lock_guard<std::mutex> lock(mu_);
    exit_ = true;
    cv_.notify_all();
  }

  uint64_t Backlog() const { return pushed_.load() - popped_.load(); }

 private:
  std::atomic<uint64_t> pushed_{0};
  std::atomic<uint64_t> popped_{0};
  std::atomic<int> running_{0};
  bool exit_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
};

}  // namespace pool

int main() {
  pool::TaskQueue q;
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; i++) workers.emplace_back([&q] { q.BGThread(); });
  std::thread submitter([&q] {
    for (int i = 0; i < 1000000; i++) q.Submit([] {});
  });
  for (int i = 0; i < 1000000; i++) q.Submit([] {});
  submitter.join();
  q.Stop();
  for (auto &w : workers) w.join();
  return static_cast<int>(q.Backlog());
}
