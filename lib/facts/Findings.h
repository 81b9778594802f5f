//===- Findings.h - What the checks report ---------------------*- C++ -*-===//

#ifndef STRUCTLAYOUT_FINDINGS_H
#define STRUCTLAYOUT_FINDINGS_H

#include "Facts.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace structlayout {

enum class Severity { Warning, Error };

struct Note {
  SourceLoc Loc;
  std::string Message;
};

/// The layout a fix gives a record on one target, as the model predicts it:
/// what verification expects Clang to lay out after the rewrite.
struct PredictedLayout {
  std::string USR;
  std::string File; ///< Where the record is defined.
  std::string RecordName;
  std::string Triple;
  std::string Target;
  uint64_t OldSize = 0;
  uint64_t Size = 0;
  uint64_t Align = 0;
  std::vector<std::string> Fields;   ///< In declaration order, after the fix.
  std::vector<uint64_t> OffsetsBits; ///< Parallel to Fields.
};

/// One diagnostic with its notes, and the data behind it for tools.
struct Finding {
  std::string Check;
  Severity Level = Severity::Warning;
  SourceLoc Loc;
  std::string Message;
  std::vector<Note> Notes;
  std::string RecordName;
  std::string RecordKey;
  std::string RecordSpelling; ///< How code names the record's type.
  /// What in its record it is about (`reorder`, `written:count`): with the
  /// check, the record and the target, what tells it apart from others
  /// whatever the lines around it.
  std::string Subject;
  /// Stable across edits above it: see Fingerprint.h. Set before output.
  std::string Fingerprint;
  llvm::json::Object Details; ///< Check-specific numbers for --format=json.
  /// Edits that fix it, when it is safe (--fix); else why there are none.
  std::vector<clang::tooling::Replacement> Fixes;
  std::string NoFixReason;
  /// What each record the fix changes must look like afterwards.
  std::vector<PredictedLayout> Predicted;
  /// The field order a reordering finding suggests (indices into its
  /// record's fields); empty if it suggests none.
  std::vector<unsigned> Order;
};

/// The same records, the same findings, in the same order, whatever the
/// order the TUs finished in.
void sortFindings(std::vector<Finding> &Findings);

/// One finding per problem: findings of one check at one place that say
/// the same of different records (the specialisations of a class template)
/// or of the same record twice (a header compiled as C and as C++) become
/// the first of them, with a note and `details.also` naming the others
/// (`details.merged`: how many it stands for).
/// Findings that differ (another layout, another size) stay apart.
void mergeRepeatedFindings(std::vector<Finding> &Findings);

} // namespace structlayout

#endif
