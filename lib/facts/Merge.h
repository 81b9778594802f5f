//===- Merge.h - One record, one answer ------------------------*- C++ -*-===//
//
// Facts from all TUs, keyed by record identity: a header record that many
// TUs include is analysed once; TUs that disagree about its layout on the
// same target are reported.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_MERGE_H
#define STRUCTLAYOUT_MERGE_H

#include "Facts.h"

#include <vector>

namespace structlayout {

struct LayoutConflict {
  std::string RecordName;
  SourceLoc Loc;
  std::string Triple;
  std::string FirstTU, SecondTU;
  uint64_t FirstSize = 0, SecondSize = 0;
};

struct MergedFacts {
  std::vector<RecordFacts> Records; ///< Sorted by location, then name.
  std::vector<LayoutConflict> Conflicts;
  CallGraphFacts CallGraph; ///< Every TU's, each fact once.
};

/// With \p WholeProgram (the CLI over a database), a record handed to a
/// function that no TU defines gets a hazard: clang-tidy, which sees one
/// TU, can't tell such a function from one defined in another TU.
MergedFacts mergeFacts(std::vector<TUFacts> TUs, bool WholeProgram = true);

} // namespace structlayout

#endif
