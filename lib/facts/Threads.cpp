//===- Threads.cpp - Which code can run at the same time ------------------===//

#include "Threads.h"

#include <deque>

namespace structlayout {

ThreadModel::ThreadModel(const CallGraphFacts &Graph) {
  for (const CallGraphFacts::Root &R : Graph.Roots)
    Roots.try_emplace(R.Function, R.How);
  if (Roots.empty())
    return;
  // Edges, with calls through pointers resolved to the functions of their
  // type whose address is taken.
  std::map<std::string, std::vector<std::pair<std::string, bool>>> Callees;
  for (const CallGraphFacts::Call &C : Graph.Calls)
    Callees[C.Caller].push_back({C.Callee, C.BeforeThreads});
  std::map<std::string, std::vector<std::string>> OfType;
  for (const auto &[Type, Function] : Graph.AddressTaken)
    OfType[Type].push_back(Function);
  for (const auto &[Caller, Type] : Graph.IndirectCalls)
    for (const std::string &Target : OfType[Type])
      Callees[Caller].push_back({Target, false});

  // Everything each thread's entry reaches. A root runs on its own thread
  // wherever it is called from; main's calls before it starts threads
  // reach code that runs alone.
  std::set<std::string> Known;
  auto Walk = [&](const std::string &Entry, const std::string &Thread) {
    std::set<std::string> Seen{Entry};
    std::deque<std::string> Work{Entry};
    while (!Work.empty()) {
      std::string F = Work.front();
      Work.pop_front();
      Threads[F].insert(Thread);
      Known.insert(F);
      for (const auto &[Callee, BeforeThreads] : Callees[F]) {
        if (Thread == MainThread && BeforeThreads)
          continue;
        if (Roots.count(Callee) && Callee != Entry)
          continue; // Calling a thread entry directly is rare; started,
                    // it is a thread of its own.
        if (Seen.insert(Callee).second)
          Work.push_back(Callee);
      }
    }
  };
  for (const auto &[Root, How] : Roots)
    Walk(Root, Root);
  Walk(MainThread, MainThread);
  // What spawners call before they start threads, and all it reaches,
  // when no thread reaches it otherwise: known, on no rival thread.
  std::deque<std::string> Early;
  for (const CallGraphFacts::Call &C : Graph.Calls)
    if (C.BeforeThreads)
      Early.push_back(C.Callee);
  while (!Early.empty()) {
    std::string F = Early.front();
    Early.pop_front();
    if (!Known.insert(F).second)
      continue;
    Threads.try_emplace(F);
    for (const auto &[Callee, BeforeThreads] : Callees[F])
      Early.push_back(Callee);
  }
}

std::optional<std::set<std::string>>
ThreadModel::threadsOf(const std::string &Function) const {
  auto It = Threads.find(Function);
  if (It == Threads.end())
    return std::nullopt;
  return It->second;
}

std::optional<std::set<std::string>>
ThreadModel::threadsOf(const std::vector<std::string> &Functions) const {
  std::set<std::string> All;
  for (const std::string &F : Functions) {
    std::optional<std::set<std::string>> T = threadsOf(F);
    if (!T)
      return std::nullopt;
    All.insert(T->begin(), T->end());
  }
  return All;
}

std::optional<bool>
ThreadModel::concurrent(const std::vector<std::string> &A,
                        const std::vector<std::string> &B) const {
  if (!known())
    return std::nullopt;
  std::optional<std::set<std::string>> TA = threadsOf(A), TB = threadsOf(B);
  if (!TA || !TB)
    return std::nullopt;
  // Two threads: one writes A while another writes B. Instances of one
  // entry write the same fields: true sharing, which padding can't help.
  for (const std::string &X : *TA)
    for (const std::string &Y : *TB)
      if (X != Y)
        return true;
  return false;
}

std::string ThreadModel::how(const std::string &Root) const {
  auto It = Roots.find(Root);
  return It == Roots.end() ? "" : It->second;
}

} // namespace structlayout
