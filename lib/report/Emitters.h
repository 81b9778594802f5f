//===- Emitters.h - Findings and layouts as text and JSON ------*- C++ -*-===//

#ifndef STRUCTLAYOUT_EMITTERS_H
#define STRUCTLAYOUT_EMITTERS_H

#include "Findings.h"
#include "Merge.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace structlayout {

class SourceCache;

/// What a run did, for the summary line and the JSON report.
struct RunSummary {
  unsigned TUs = 0;
  unsigned FailedTUs = 0;
  unsigned RecordsAnalysed = 0;
  unsigned RecordsFlagged = 0;
  unsigned RecordsNotModelled = 0;
  uint64_t BytesSaved = 0;
  unsigned Suppressed = 0;
  unsigned Baselined = 0; ///< Left out: the --baseline has them.
};

/// A TU that could not be analysed, and why.
struct TUFailure {
  std::string File;
  std::string Message;
};

/// clang-style: `file:line:col: warning: message [check]`, the source line
/// and a caret, then the notes the same way.
void emitText(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
              SourceCache &Sources, bool Color);

void emitJson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
              const std::vector<LayoutConflict> &Conflicts,
              const std::vector<TUFailure> &Failures,
              const RunSummary &Summary);

/// What a SARIF log says of the run besides its results.
struct SarifRun {
  std::string ToolVersion;
  /// Each rule's help page is this followed by `<check>.md`; none if empty.
  std::string DocsUrl;
  /// The project root (SRCROOT): paths under it are written relative.
  std::string Root;
  std::vector<std::string> Arguments; ///< The command line, argv[0] first.
  std::string WorkingDirectory;
  std::vector<std::string> Checks; ///< The enabled checks: a rule each.
  bool Succeeded = true;           ///< Every TU was analysed.
};

/// SARIF 2.1.0, as GitHub code scanning takes it: a rule per check with its
/// documentation, results with their notes as related locations, the
/// fingerprints of Fingerprint.h, and the verified fixes' edits.
void emitSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const std::vector<TUFailure> &Failures, const SarifRun &Run,
               SourceCache &Sources);

/// pahole's picture of one record on one target.
/// \p FieldMarks, when given, go beside each field (its heat).
void printLayout(llvm::raw_ostream &OS, const RecordFacts &Record,
                 const TargetLayout &Layout,
                 llvm::ArrayRef<std::string> FieldMarks = {});

/// `int a[4]`, `void (*f)(int)`: the type before the name, and the name
/// with what C writes after it.
std::pair<std::string, std::string> splitDeclarator(const std::string &Type,
                                                    const std::string &Name);

/// The field declared on its own: `char name[64]`, `unsigned flags : 3`.
std::string fieldDeclaration(const FieldFacts &F);

/// The record on each of its targets, side by side.
void printLayoutTargets(llvm::raw_ostream &OS, const RecordFacts &Record,
                        llvm::ArrayRef<std::string> FieldMarks = {});

} // namespace structlayout

#endif
