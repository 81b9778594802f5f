//===- SourceCache.cpp - Source lines for snippets and NOLINT -------------===//

#include "SourceCache.h"

namespace structlayout {

const std::vector<llvm::StringRef> &
SourceCache::lines(const std::string &File) {
  auto It = Files.find(File);
  if (It == Files.end()) {
    Entry E;
    if (auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/true)) {
      E.Buffer = std::move(*Buffer);
      llvm::StringRef Text = E.Buffer->getBuffer();
      while (!Text.empty()) {
        auto [L, Rest] = Text.split('\n');
        E.Lines.push_back(L.rtrim('\r'));
        Text = Rest;
      }
    }
    It = Files.emplace(File, std::move(E)).first;
  }
  return It->second.Lines;
}

llvm::StringRef SourceCache::line(const std::string &File, unsigned Line) {
  const std::vector<llvm::StringRef> &Lines = lines(File);
  return Line >= 1 && Line <= Lines.size() ? Lines[Line - 1]
                                           : llvm::StringRef();
}

unsigned SourceCache::lineCount(const std::string &File) {
  return lines(File).size();
}

} // namespace structlayout
