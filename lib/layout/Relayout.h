//===- Relayout.h - A record's facts after a change this run makes -*- C++ -*-//
//
// A fix is final only if a second run, on the fixed code, proposes nothing
// more. These give the facts that run would see: the record with its
// fields in a new order, or with a record it holds by value changed, each
// target's layout placed by the model (which verification then holds to
// Clang's).
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_RELAYOUT_H
#define STRUCTLAYOUT_RELAYOUT_H

#include "Facts.h"

#include "llvm/ADT/ArrayRef.h"

#include <map>
#include <optional>
#include <string>

namespace structlayout {

/// \p R with its fields declared in \p Order (indices into its fields); none
/// if a target can't be modelled or the order splits a bit-field run.
std::optional<RecordFacts> reorderedRecord(const RecordFacts &R,
                                           llvm::ArrayRef<unsigned> Order);

/// A held record's size and alignment on one target, before and after.
struct HeldChange {
  uint64_t OldSize = 0, OldAlign = 1, Size = 0, Align = 1;
};
/// Changes by record key, then by target triple.
using HeldChanges = std::map<std::string, std::map<std::string, HeldChange>>;

/// \p R once the records it holds by value change as \p Changes says; none
/// if that can't be predicted (a changed base, a target not modelled, an
/// alignment that shrinks).
std::optional<RecordFacts> withHeldRecords(const RecordFacts &R,
                                           const HeldChanges &Changes);

} // namespace structlayout

#endif
