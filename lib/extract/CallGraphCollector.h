//===- CallGraphCollector.h - Calls and thread entries ---------*- C++ -*-===//
//
// Part of the extractor: the TU's calls (direct, through pointers, virtual),
// and the functions and lambdas it starts on threads of their own, as
// CallGraphFacts the merge joins across TUs. Also what the use collector
// needs to know about threads in this TU: which functions are thread
// entries (their parameters identify a thread) and where each function
// first starts a thread (writes before it happen before threads exist).
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_CALLGRAPHCOLLECTOR_H
#define STRUCTLAYOUT_CALLGRAPHCOLLECTOR_H

#include "Facts.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
} // namespace clang

namespace structlayout {

struct TUThreads {
  /// Thread entries defined in the TU (lambdas by their call operator).
  llvm::DenseSet<const clang::FunctionDecl *> Roots;
  /// Each function that starts threads: where it first does, outside loops
  /// (inside a loop, nothing in it is before).
  llvm::DenseMap<const clang::FunctionDecl *, clang::SourceLocation> FirstStart;
  /// The arguments of thread starts (without implicit casts): `&slots[i]`
  /// handed to a thread makes that element the thread's own.
  llvm::DenseSet<const clang::Expr *> StartArguments;
};

/// Fills \p Out; \p Starters are functions besides the standard ones whose
/// callable arguments run on other threads (a pool's submit).
TUThreads collectCallGraph(clang::ASTContext &Ctx,
                           const std::vector<std::string> &Starters,
                           CallGraphFacts &Out);

/// Whether \p Index identifies a thread: it calls a thread or CPU id
/// function (pthread_self, sched_getcpu, omp_get_thread_num...), names a
/// thread entry's parameter, or a variable or member named for a thread
/// (`tid`, `worker`, `cpu`), directly or through locals initialised from
/// them (`long id = (long)arg;`, `w->id` for `struct worker *w = arg;`).
bool identifiesThread(const clang::Expr *Index, const TUThreads &Threads);

/// The name FieldFacts::Writers and CallGraphFacts use for \p F.
std::string functionName(const clang::FunctionDecl *F);

} // namespace structlayout

#endif
