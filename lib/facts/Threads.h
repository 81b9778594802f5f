//===- Threads.h - Which code can run at the same time ---------*- C++ -*-===//
//
// From the merged call graph: the threads each function can run on. A
// thread is named by its entry (a root), or `main` for the main thread once
// it has started others. Code that main runs before it starts any thread
// runs on no thread that has a rival. Plain data in, plain data out.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_THREADS_H
#define STRUCTLAYOUT_THREADS_H

#include "Facts.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace structlayout {

/// The main thread, in ThreadModel's sets.
inline constexpr const char *MainThread = "main";

class ThreadModel {
public:
  ThreadModel() = default;
  explicit ThreadModel(const CallGraphFacts &Graph);

  /// The program starts threads and its code was seen: the model can say
  /// who runs where.
  bool known() const { return !Roots.empty(); }

  /// The threads \p Function can run on; empty when it runs only before
  /// threads start; nullopt when no root or main reaches it (a library
  /// entry point: any thread may call it).
  std::optional<std::set<std::string>>
  threadsOf(const std::string &Function) const;

  /// The threads any of \p Functions can run on; nullopt if one is unknown.
  std::optional<std::set<std::string>>
  threadsOf(const std::vector<std::string> &Functions) const;

  /// Whether code of \p A and code of \p B can run on two different threads
  /// at once; nullopt when the model does not know (no threads seen, or a
  /// function no root reaches).
  std::optional<bool> concurrent(const std::vector<std::string> &A,
                                 const std::vector<std::string> &B) const;

  /// Whether \p Function is a thread's entry.
  bool isRoot(const std::string &Function) const {
    return Roots.count(Function);
  }

  /// How \p Root was started, for messages (`pthread_create`).
  std::string how(const std::string &Root) const;

private:
  std::map<std::string, std::string> Roots; ///< Root -> how it is started.
  std::map<std::string, std::set<std::string>> Threads;
};

} // namespace structlayout

#endif
