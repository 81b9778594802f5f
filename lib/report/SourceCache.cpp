//===- SourceCache.cpp - Source lines for snippets and NOLINT -------------===//

#include "SourceCache.h"

#include "GlobList.h"

namespace structlayout {

llvm::StringRef SourceCache::line(const std::string &File, unsigned Line) {
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
  const std::vector<llvm::StringRef> &Lines = It->second.Lines;
  return Line >= 1 && Line <= Lines.size() ? Lines[Line - 1]
                                           : llvm::StringRef();
}

/// Does \p Text hold the marker \p Marker naming \p Check (or all checks)?
static bool markerCovers(llvm::StringRef Text, llvm::StringRef Marker,
                         llvm::StringRef Check) {
  size_t At = Text.find(Marker);
  while (At != llvm::StringRef::npos) {
    llvm::StringRef After = Text.drop_front(At + Marker.size());
    // NOLINT must not be the start of NOLINTNEXTLINE etc.
    if (!After.empty() && (isalnum(After[0]) || After[0] == '_')) {
      At = Text.find(Marker, At + 1);
      continue;
    }
    if (!After.starts_with("("))
      return true;
    llvm::StringRef List = After.drop_front().split(')').first;
    GlobList Globs(List);
    if (Globs.contains(Check))
      return true;
    At = Text.find(Marker, At + 1);
  }
  return false;
}

bool isSuppressedByNolint(SourceCache &Sources, const std::string &File,
                          unsigned Line, llvm::StringRef Check) {
  if (markerCovers(Sources.line(File, Line), "NOLINT", Check))
    return true;
  if (Line > 1 &&
      markerCovers(Sources.line(File, Line - 1), "NOLINTNEXTLINE", Check))
    return true;
  // NOLINTBEGIN ... NOLINTEND blocks: the nearest marker above decides.
  for (unsigned L = Line; L >= 1; --L) {
    llvm::StringRef Text = Sources.line(File, L);
    if (L != Line && markerCovers(Text, "NOLINTEND", Check))
      return false;
    if (markerCovers(Text, "NOLINTBEGIN", Check))
      return true;
  }
  return false;
}

} // namespace structlayout
