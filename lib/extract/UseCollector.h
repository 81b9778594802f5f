//===- UseCollector.h - How a TU uses its records --------------*- C++ -*-===//
//
// Part of the extractor. Finds what a reorder must rewrite (positional and
// C++20 designated initialisers, constructor mem-initialiser lists) and what
// makes a record's byte layout part of the program (offsetof, static_assert
// on its size, memcpy/fwrite/send of its bytes, pointer casts, unions).
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_USECOLLECTOR_H
#define STRUCTLAYOUT_USECOLLECTOR_H

#include "CallGraphCollector.h"
#include "Facts.h"

#include "llvm/ADT/DenseMap.h"

namespace clang {
class ASTContext;
class RecordDecl;
} // namespace clang

namespace structlayout {

/// Records of the TU by their definition.
using RecordIndex = llvm::DenseMap<const clang::RecordDecl *, RecordFacts *>;

/// Fills the records' uses, and \p Out's DefinedFunctions and
/// OpaqueFirstMembers.
void collectUses(clang::ASTContext &Ctx, const RecordIndex &Records,
                 const TUThreads &Threads, TUFacts &Out);

} // namespace structlayout

#endif
