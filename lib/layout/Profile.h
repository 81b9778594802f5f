//===- Profile.h - Execution counts from a coverage export -----*- C++ -*-===//
//
// The JSON that `llvm-cov export -format=text` writes for a program built
// with -fprofile-instr-generate -fcoverage-mapping and run on a workload:
// per file, segments (line, column, count) that start code regions. A
// field access weighs the count of the region that holds it.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_PROFILE_H
#define STRUCTLAYOUT_PROFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace structlayout {

class CoverageProfile {
public:
  /// Reads \p Path; the error names the file and what is wrong with it.
  static llvm::Expected<CoverageProfile> load(llvm::StringRef Path);
  static llvm::Expected<CoverageProfile> parse(llvm::StringRef JSON,
                                               llvm::StringRef Name);

  /// How many times the code at \p Line:\p Column of \p File ran; none if
  /// the profile does not cover the file (its accesses keep the static
  /// estimate).
  std::optional<uint64_t> count(llvm::StringRef File, unsigned Line,
                                unsigned Column) const;
  size_t fileCount() const { return Files.size(); }

private:
  struct Segment {
    unsigned Line = 0, Column = 0;
    uint64_t Count = 0;
    bool HasCount = false;
  };
  const std::vector<Segment> *find(llvm::StringRef File) const;

  std::map<std::string, std::vector<Segment>> Files; ///< By normalised path.
};

} // namespace structlayout

#endif
