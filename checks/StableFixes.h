//===- StableFixes.h - Fixes a second --fix leaves alone --------*- C++ -*-===//
//
// DESIGN.md section 4: `--fix` twice is a no-op, whatever checks are
// enabled. After the fixes are chosen (one per record, FixSelection), two
// things could still make a second run change the code again:
// - a record holds by value a record this run changes: its fix was planned
//   for sizes that will no longer hold, so it is planned again, for the
//   record as it will be;
// - another check would reorder the fixed record again (hot-cold after
//   padding): the chosen order is checked as the fixed record, and what a
//   second run would apply is applied now.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_STABLEFIXES_H
#define STRUCTLAYOUT_STABLEFIXES_H

#include "CheckSet.h"
#include "GlobList.h"

#include <vector>

namespace structlayout {

/// Chooses the fixes of \p Findings that \p FixChecks names (selectFixes),
/// then makes each what a second run of \p Set on the fixed \p Records
/// would leave alone, or drops it with a note.
void settleFixes(std::vector<Finding> &Findings,
                 const std::vector<const RecordFacts *> &Records,
                 const CheckSet &Set, const CheckContext &Context,
                 const GlobList &FixChecks);

} // namespace structlayout

#endif
