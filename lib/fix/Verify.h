//===- Verify.h - Clang confirms every fix before it is written -*- C++ -*-===//
//
// DESIGN.md section 4: the safety rules are a fast filter; this is the
// guarantee. Every TU that reads a rewritten file is parsed again, for each
// target of the run, with the rewritten files in an in-memory overlay, and
// a fix survives only if, in every such TU: no error or warning appears that
// was not there before; each record it changes has exactly the predicted
// size, alignment, field order and offsets; every initialisation gives each
// field the same expression as before; and no member's initialiser reads a
// member the new order initialises after it. A fix that fails is dropped
// with a note naming the first reason, and what is left is verified again.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_VERIFY_H
#define STRUCTLAYOUT_VERIFY_H

#include "FixPlan.h"
#include "Runner.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace structlayout {

/// One TU on one target as the first parse saw it.
struct TUBaseline {
  std::string File;
  std::string Target;   ///< TUResult::Target.
  unsigned Command = 0; ///< TUResult::Command.
  TUEvidence Evidence;
};

struct VerifyOptions {
  const clang::tooling::CompilationDatabase *Database = nullptr;
  /// How the first parse ran (function bodies and evidence on).
  RunOptions Run;
  std::vector<TUBaseline> Baselines;
  /// The merged records of the first parse, by (USR, defining file).
  std::map<std::pair<std::string, std::string>, const RecordFacts *> Original;
};

struct VerifyStats {
  unsigned Rounds = 0;
  unsigned Parses = 0;  ///< TU x target parses of rewritten code.
  unsigned Dropped = 0; ///< Fixes Clang did not confirm.
};

/// Plans the fixes of \p Findings and keeps those Clang confirms; the others
/// lose their edits and get a note `no automatic fix: <first reason>`.
FixPlan verifyFixes(std::vector<Finding> &Findings,
                    const VerifyOptions &Options, VerifyStats &Stats);

} // namespace structlayout

#endif
