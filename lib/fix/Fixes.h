//===- Fixes.h - Safe field reordering as source edits ---------*- C++ -*-===//
//
// DESIGN.md section 4. From facts only (the extractor kept the text of each
// declaration and initialiser): whether a reorder may change the program's
// meaning, and the edits that make it: the field declarations with their
// comments, and every positional initialiser, C++20 designated initialiser
// and constructor mem-initialiser list that follows the field order.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_FIXES_H
#define STRUCTLAYOUT_FIXES_H

#include "Facts.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace structlayout {

struct FixContext {
  /// Only some TUs of the database were analysed: a header record may have
  /// uses nobody saw.
  bool SubsetRun = false;
  /// One TU is all there is to see (the clang-tidy plugin): what other TUs
  /// might do is unknown.
  bool OneTU = false;
  /// Main files of the analysed TUs (a record defined in one is seen whole).
  const std::vector<std::string> *MainFiles = nullptr;
};

/// Why reordering \p R could change what the program means; empty if it
/// can't.
std::string unsafeToReorder(const RecordFacts &R, const FixContext &Context);

/// Why changing \p R's field offsets without moving fields (`alignas` on a
/// field) could change what the program means; empty if it can't.
std::string unsafeToRealign(const RecordFacts &R, const FixContext &Context);

std::string unsafeToChangeLayout(const RecordFacts &R,
                                 const FixContext &Context, bool OrderMatters);

/// The edits that give \p R the field order \p Order (field indices), with
/// every initialiser that depends on the order, or why they can't be made.
llvm::Expected<std::vector<clang::tooling::Replacement>>
reorderEdits(const RecordFacts &R, llvm::ArrayRef<unsigned> Order);

} // namespace structlayout

#endif
