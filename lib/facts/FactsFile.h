//===- FactsFile.h - One TU's facts as a file ------------------*- C++ -*-===//
//
// DESIGN.md section 7: facts are files, so extraction can run in a cache, in
// another CI job or inside the user's own build, and the merge elsewhere.
// The format (docs/facts-format.md) is JSON: a header that names the format,
// its version and how the facts were extracted, then one TUResult. Fields
// at their default value are left out. Strings that are not UTF-8 (source
// text in Latin-1) are written as {"hex": "..."} so every byte survives.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_FACTSFILE_H
#define STRUCTLAYOUT_FACTSFILE_H

#include "Facts.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace structlayout {

/// Bumped whenever a field is added, removed or changes meaning: a reader
/// refuses files of any other version.
inline constexpr unsigned FactsFormatVersion = 1;

/// How the facts of a file were extracted: a run reads only facts made the
/// way it would have made them.
struct FactsMode {
  bool FunctionBodies = false; ///< Uses, accesses, call graph.
  bool Evidence = false;       ///< What verifying a fix compares.
  bool operator==(const FactsMode &O) const {
    return FunctionBodies == O.FunctionBodies && Evidence == O.Evidence;
  }
  std::string describe() const;
};

struct FactsFile {
  std::string ToolVersion; ///< The struct-layout that wrote it.
  FactsMode Mode;
  TUResult TU;
};

/// The file's text: the same facts always give the same bytes.
std::string writeFactsFile(const FactsFile &File);

/// Reads what writeFactsFile wrote. A file of another format version,
/// truncated or corrupt is an error that says which.
llvm::Expected<FactsFile> readFactsFile(llvm::StringRef Text);

/// One record's facts alone, with its own path table: the cache keeps each
/// distinct record once, however many TUs' entries name it.
std::string writeRecordFacts(const RecordFacts &Record);
llvm::Expected<RecordFacts> readRecordFacts(llvm::StringRef Text);

} // namespace structlayout

#endif
