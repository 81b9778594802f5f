// check: layout-false-sharing
// expect: quiet
// source: wangle wangle/acceptor/Acceptor.cpp Acceptor::onNewConnection / connection-dropped accounting, both done on the acceptor's single event-base thread; worker threads only read the counters for their status page
// why: accepted and dropped are written by different functions, but both run only on the accepting main thread; the workers only load them
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

struct AcceptorStats {
  std::atomic<uint64_t> accepted{0};
  std::atomic<uint64_t> dropped{0};
};

struct ConnQueue {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<int> fds;
  bool closed = false;
};

static AcceptorStats stats;
static ConnQueue queue;

static void onNewConnection(int fd) {
  stats.accepted.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard<std::mutex> l(queue.mu);
  queue.fds.push_back(fd);
  queue.cv.notify_one();
}

static void onConnectionDropped(int fd) {
  (void)fd;
  stats.dropped.fetch_add(1, std::memory_order_relaxed);
}

static void worker(int id) {
  for (;;) {
    int fd;
    {
      std::unique_lock<std::mutex> l(queue.mu);
      queue.cv.wait(l, [] { return queue.closed || !queue.fds.empty(); });
      if (queue.fds.empty()) return;
      fd = queue.fds.front();
      queue.fds.pop_front();
    }
    if (fd % 1000 == 0)
      std::printf("worker %d: accepted=%llu dropped=%llu\n", id,
                  (unsigned long long)stats.accepted.load(std::memory_order_relaxed),
                  (unsigned long long)stats.dropped.load(std::memory_order_relaxed));
  }
}

int main() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i) workers.emplace_back(worker, i);
  for (int fd = 3; fd < 200000; ++fd) {
    if (fd % 17 == 0)
      onConnectionDropped(fd);
    else
      onNewConnection(fd);
  }
  {
    std::lock_guard<std::mutex> l(queue.mu);
    queue.closed = true;
  }
  queue.cv.notify_all();
  for (std::thread& t : workers) t.join();
}
