//===- LineFilter.h - clang-tidy's --line-filter ----------------*- C++ -*-===//
//
// `[{"name":"file1.cpp","lines":[[1,3],[5,7]]},{"name":"file2.h"}]`: only
// findings in the files named (a path suffix), on the lines listed (all of
// a file's lines when it lists none), are reported: what a review tool
// passes for the lines a change touched.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_LINEFILTER_H
#define STRUCTLAYOUT_LINEFILTER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <utility>
#include <vector>

namespace structlayout {

class LineFilter {
public:
  /// Parses \p Json; an error says what is wrong. Empty text: no filter.
  static llvm::Expected<LineFilter> parse(llvm::StringRef Json);

  /// Whether a finding at \p Line of \p File is reported.
  bool passes(llvm::StringRef File, unsigned Line) const;

private:
  struct Entry {
    std::string Name;
    std::vector<std::pair<unsigned, unsigned>> Lines;
  };
  std::vector<Entry> Files;
};

} // namespace structlayout

#endif
