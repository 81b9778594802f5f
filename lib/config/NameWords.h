//===- NameWords.h - What identifiers say by their words -------*- C++ -*-===//
//
// Heuristics that read the words of snake_case and camelCase identifiers:
// thread and CPU ids, functions that run once per object or per program
// (set-up and teardown), and rarely run code (errors, debugging, dumps).
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_NAMEWORDS_H
#define STRUCTLAYOUT_NAMEWORDS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace structlayout {

/// True if one of the words of \p Name (lower-cased) is in \p Words.
bool hasWord(llvm::StringRef Name, llvm::ArrayRef<llvm::StringRef> Words);

/// `tid`, `thread_id`, `cpuIndex`, `sched_getcpu`...
bool namesAThread(llvm::StringRef Name);

/// Set-up and teardown: `init_queue`, `createPool`, `ctx_free`...; C has
/// no constructors, and these play their part.
bool namesLifecycle(llvm::StringRef Name);

/// Rarely run: error, debug, dump, print, log, usage paths, and set-up
/// and teardown.
bool namesColdCode(llvm::StringRef Name);

} // namespace structlayout

#endif
