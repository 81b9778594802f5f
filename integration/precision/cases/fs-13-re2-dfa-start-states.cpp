// check: layout-false-sharing
// expect: quiet
// source: re2 re2/dfa.cc DFA::AnalyzeSearch + DFA::AnalyzeSearchHelper (StartInfo start_[kMaxStart], indexed by the start context and anchoring of the search)
// why: start_ is indexed by the kind of search, not by a thread; each entry is published once under the mutex and then only loaded by all searching threads, so there is nothing to pad
#include <atomic>
#include <cctype>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace re2 {

class DFA {
 public:
  struct State {
    int flag_;
    std::vector<int> inst_;
  };
  enum {
    kStartBeginText = 0,
    kStartBeginLine = 2,
    kStartAfterWordChar = 4,
    kStartAfterNonWordChar = 6,
    kMaxStart = 8,
    kStartAnchored = 1,
  };
  struct StartInfo {
    std::atomic<State*> start;
  };

  explicit DFA(int kind) : kind_(kind), mem_budget_(1 << 20), state_budget_(0) {
    for (StartInfo& info : start_) info.start.store(nullptr, std::memory_order_relaxed);
  }

  bool Search(const std::string& text, std::size_t pos, bool anchored, int* matchp) {
    int start;
    if (pos == 0) start = kStartBeginText;
    else if (text[pos - 1] == '\n') start = kStartBeginLine;
    else if (std::isalnum(static_cast<unsigned char>(text[pos - 1]))) start = kStartAfterWordChar;
    else start = kStartAfterNonWordChar;
    if (anchored) start |= kStartAnchored;
    State* s = AnalyzeSearchHelper(start);
    int matches = 0;
    for (std::size_t i = pos; i < text.size(); ++i)
      matches += s->inst_[static_cast<unsigned char>(text[i]) % s->inst_.size()];
    *matchp = matches;
    return matches > 0;
  }

 private:
  State* AnalyzeSearchHelper(int start) {
    State* s = start_[start].start.load(std::memory_order_acquire);
    if (s != nullptr) return s;
    std::lock_guard<std::mutex> l(mutex_);
    s = start_[start].start.load(std::memory_order_relaxed);
    if (s != nullptr) return s;
    s = WorkqToCachedState(start);
    start_[start].start.store(s, std::memory_order_release);
    return s;
  }

  State* WorkqToCachedState(int flag) {
    State* s = new State{flag, std::vector<int>(16, flag & 1)};
    mem_budget_ -= static_cast<int64_t>(sizeof(State) + 16 * sizeof(int));
    state_budget_++;
    state_cache_.insert(s);
    return s;
  }

  int kind_;
  std::mutex mutex_;
  int64_t mem_budget_;
  int64_t state_budget_;
  std::unordered_set<State*> state_cache_;
  StartInfo start_[kMaxStart];
};

}  // namespace re2

int main() {
  re2::DFA dfa(0);
  std::string text(1 << 16, 'a');
  for (std::size_t i = 0; i < text.size(); i += 80) text[i] = '\n';
  std::vector<std::thread> searchers;
  for (int t = 0; t < 8; ++t)
    searchers.emplace_back([&dfa, &text, t] {
      int m;
      for (std::size_t pos = t; pos < text.size(); pos += 97) dfa.Search(text, pos, pos & 1, &m);
    });
  for (std::thread& th : searchers) th.join();
}
