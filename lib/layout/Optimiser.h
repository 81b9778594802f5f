//===- Optimiser.h - The smallest order that moves the least ---*- C++ -*-===//
//
// DESIGN.md section 3. Finds a field order of minimal size (an exact search
// over unit classes and cursor residues, with a fallback for huge records),
// and among minimal orders the one closest to the original: at each position
// the earliest original field that still allows the minimum. Constraints:
// access sections, alignas cache-line groups, explicit padding and flexible
// array members stay where they are (a lone over-aligned array or vector is
// no group: it moves); bit-field runs move as one; a field whose initialiser
// reads another stays after it.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_OPTIMISER_H
#define STRUCTLAYOUT_OPTIMISER_H

#include "Facts.h"
#include "LayoutModel.h"

#include <cstdint>
#include <string>
#include <vector>

namespace structlayout {

struct OptimiserOptions {
  /// States the exact search may visit before falling back to a heuristic.
  uint64_t StateBudget = 2'000'000;
  /// Among orders of least size, the one that follows this ranking of the
  /// fields (field indices, most wanted first) as far as it can; empty: the
  /// original order. Hot fields first, aligned vectors first...
  std::vector<unsigned> Preference;
  /// Propose an order of the same size too (when it is the preferred one),
  /// not only a smaller one.
  bool AcceptSameSize = false;
};

struct OptimisedOrder {
  std::vector<unsigned> FieldOrder; ///< Field indices, new declaration order.
  uint64_t SizeBytes = 0;           ///< Predicted by the layout model.
  std::vector<uint64_t> Sizes;      ///< Per target, when there are several.
  bool ProvenMinimal = false;       ///< The exact search completed.
  bool Changed = false;             ///< Differs from the original order.
};

/// True for names people give to deliberate padding (`pad`, `_reserved1`...).
bool isExplicitPaddingName(llvm::StringRef Name);

/// One order for several targets (parallel \p Layouts and \p Models): the
/// least size summed over them, so minimal on each when one order is; an
/// order that grows the record on any target is not proposed.
OptimisedOrder optimiseOrder(const RecordFacts &Record,
                             llvm::ArrayRef<const TargetLayout *> Layouts,
                             llvm::ArrayRef<const LayoutModel *> Models,
                             const OptimiserOptions &Options = {});

/// The best order for \p Record on the target of \p Model.
OptimisedOrder optimiseOrder(const RecordFacts &Record,
                             const TargetLayout &Layout,
                             const LayoutModel &Model,
                             const OptimiserOptions &Options = {});

} // namespace structlayout

#endif
