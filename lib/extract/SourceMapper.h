//===- SourceMapper.h - Clang locations as plain facts ---------*- C++ -*-===//
//
// Part of the extractor: turns SourceLocations into the absolute file,
// line, column and byte offsets the facts carry, and reads source text.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_SOURCEMAPPER_H
#define STRUCTLAYOUT_SOURCEMAPPER_H

#include "Facts.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringMap.h"

namespace clang {
class Decl;
} // namespace clang

namespace structlayout {

class SourceMapper {
  mutable llvm::StringMap<std::string> Canonical;

public:
  SourceMapper(const clang::SourceManager &SM, const clang::LangOptions &LO)
      : SM(SM), LO(LO) {}

  /// Absolute, without dots and with symlinks resolved (relative to the
  /// TU's working directory): a header reached through a symlinked include
  /// folder is one file.
  std::string normalise(llvm::StringRef Path) const;
  SourceLoc loc(clang::SourceLocation L) const;
  /// [Begin, end of the token at End), when both are in \p File and not in
  /// a macro; invalid otherwise.
  SourceSpan span(clang::SourceLocation Begin, clang::SourceLocation End,
                  const std::string &File) const;
  /// The text of \p S in the file of \p L.
  std::string text(clang::SourceLocation L, SourceSpan S) const;
  /// \p Decl widened to whole lines with the comments above it and a comment
  /// after it, when it has its lines to itself; else \p Decl plus a comment
  /// on its line.
  SourceSpan withComments(clang::SourceLocation L, SourceSpan Decl) const;
  /// The elements of \p Site (in the file of \p L, the list ending at
  /// \p ListEnd) widened to the comments before them, with their trailers.
  void withComments(clang::SourceLocation L, InitSite &Site,
                    unsigned ListEnd) const;
  std::string mainFile() const;
  /// A declaration in a system header, which no visitor walks into: never
  /// reported, and the standard library is most of a TU.
  static bool inSystemHeader(const clang::SourceManager &SM,
                             const clang::Decl *D);

  const clang::SourceManager &SM;
  const clang::LangOptions &LO;
};

} // namespace structlayout

#endif
