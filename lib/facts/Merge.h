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

#include <map>
#include <memory>
#include <set>
#include <string>
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

/// Merges TUs one at a time, as they finish, so that a run holds one copy
/// of each record however many TUs include it. Add TUs in a fixed order
/// (the run's): which TU's copy is kept, and which TUs an ODR conflict
/// names, follow it.
class FactsMerger {
public:
  FactsMerger();
  ~FactsMerger();
  FactsMerger(const FactsMerger &) = delete;
  FactsMerger &operator=(const FactsMerger &) = delete;
  void add(TUFacts TU);
  /// With \p WholeProgram, as mergeFacts.
  MergedFacts finish(bool WholeProgram = true) &&;

private:
  MergedFacts Out;
  /// Each record key has one entry per shape of its fields: a field under
  /// `#ifdef __x86_64__` makes two shapes, each laid out on its own targets.
  std::map<std::string, std::vector<size_t>> Index;
  std::set<std::pair<std::string, std::string>> Reported;
  std::set<std::string> Defined, OpaqueFirstMembers;
  CallGraphMerger CallGraph;
  /// Per kept record (Out.Records' order), once a second copy comes.
  std::vector<std::unique_ptr<struct MergeIndex>> Indexes;
};

/// All of \p TUs, in (main file, command) order, through a FactsMerger.
/// With \p WholeProgram (the CLI over a database), a record handed to a
/// function that no TU defines gets a hazard: clang-tidy, which sees one
/// TU, can't tell such a function from one defined in another TU.
MergedFacts mergeFacts(std::vector<TUFacts> TUs, bool WholeProgram = true);

} // namespace structlayout

#endif
