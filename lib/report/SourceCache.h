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
  /// How many lines \p File has (0 if it can't be read).
  unsigned lineCount(const std::string &File);

private:
  const std::vector<llvm::StringRef> &lines(const std::string &File);
  struct Entry {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<llvm::StringRef> Lines;
  };
  std::map<std::string, Entry> Files;
};

} // namespace structlayout

#endif
