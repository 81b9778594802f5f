//===- Nolint.h - NOLINT comments, as clang-tidy reads them -----*- C++ -*-===//
//
// `// NOLINT`, `// NOLINTNEXTLINE(...)` and `// NOLINTBEGIN(...)` ...
// `// NOLINTEND(...)`: no list means every check, a list holds names or
// globs. A NOLINTEND closes the latest open NOLINTBEGIN with the same list;
// one without a match, or a NOLINTBEGIN never closed, suppresses nothing
// and is reported as clang-tidy reports it ([clang-tidy-nolint], an error),
// not left to hide the rest of the file. A layout-* name in a list that
// names no check is a typo, and is reported too.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_NOLINT_H
#define STRUCTLAYOUT_NOLINT_H

#include "Findings.h"
#include "SourceCache.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <map>
#include <string>
#include <vector>

namespace structlayout {

inline constexpr const char *NolintCheck = "clang-tidy-nolint";

class NolintIndex {
public:
  explicit NolintIndex(SourceCache &Sources) : Sources(Sources) {}

  /// Whether a NOLINT comment covers line \p Line of \p File for \p Check.
  bool suppresses(const std::string &File, unsigned Line,
                  llvm::StringRef Check);

  /// The unmatched NOLINTBEGIN/NOLINTEND comments of \p File, and the
  /// layout-* names in its NOLINT lists that \p IsCheck does not know, as
  /// findings of clang-tidy-nolint.
  std::vector<Finding>
  problems(const std::string &File,
           llvm::function_ref<bool(llvm::StringRef)> IsCheck);

private:
  struct Block {
    unsigned Begin, End;
    std::string Checks; ///< The list as written; empty: every check.
    bool HasList;
  };
  struct Marker {
    unsigned Line, Column;
    std::string Kind; ///< NOLINT, NOLINTNEXTLINE, NOLINTBEGIN, NOLINTEND.
    bool HasList;
    std::string Checks;
  };
  struct FileMarkers {
    std::vector<Marker> Markers;
    std::vector<Block> Blocks;
    std::vector<const Marker *> Unmatched;
  };
  FileMarkers &markers(const std::string &File);

  SourceCache &Sources;
  std::map<std::string, FileMarkers> Files;
};

} // namespace structlayout

#endif
