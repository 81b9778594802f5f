//===- GlobList.h - clang-tidy style check globs ---------------*- C++ -*-===//

#ifndef STRUCTLAYOUT_GLOBLIST_H
#define STRUCTLAYOUT_GLOBLIST_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"

#include <optional>
#include <string>
#include <vector>

namespace structlayout {

/// `-*,layout-padding,layout-*`: comma-separated globs, `-` to exclude, the
/// last glob that matches a name decides, as in clang-tidy's --checks.
class GlobList {
public:
  explicit GlobList(llvm::StringRef Globs);
  bool contains(llvm::StringRef Name) const;
  /// What the last glob matching \p Name says (in or out); none if no glob
  /// matches it.
  std::optional<bool> decides(llvm::StringRef Name) const;
  /// The positive globs, as written, for telling unknown names apart.
  std::vector<std::string> positiveGlobs() const;
  static bool matches(llvm::StringRef Glob, llvm::StringRef Name);

private:
  struct Item {
    bool Positive;
    std::string Text;
  };
  std::vector<Item> Items;
};

} // namespace structlayout

#endif
