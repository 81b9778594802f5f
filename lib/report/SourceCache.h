//===- SourceCache.h - Source lines for snippets and NOLINT ----*- C++ -*-===//

#ifndef STRUCTLAYOUT_SOURCECACHE_H
#define STRUCTLAYOUT_SOURCECACHE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace structlayout {

/// Reads each file once and hands out its lines (1-based).
class SourceCache {
public:
  /// The text of line \p Line of \p File, without its newline; empty if
  /// the file can't be read or is shorter.
  llvm::StringRef line(const std::string &File, unsigned Line);

private:
  struct Entry {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<llvm::StringRef> Lines;
  };
  std::map<std::string, Entry> Files;
};

/// True when a `NOLINT`, `NOLINTNEXTLINE` or `NOLINTBEGIN`/`NOLINTEND`
/// comment covers line \p Line of \p File for \p Check (clang-tidy's rules:
/// no list means every check; a list holds names or globs).
bool isSuppressedByNolint(SourceCache &Sources, const std::string &File,
                          unsigned Line, llvm::StringRef Check);

} // namespace structlayout

#endif
