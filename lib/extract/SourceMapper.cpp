//===- SourceMapper.cpp - Clang locations as plain facts ------------------===//

#include "SourceMapper.h"

#include "clang/AST/Decl.h"

#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace structlayout {

std::string SourceMapper::normalise(llvm::StringRef Path) const {
  llvm::SmallString<256> P(Path);
  SM.getFileManager().getVirtualFileSystem().makeAbsolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return P.str().str();
}

SourceLoc SourceMapper::loc(SourceLocation L) const {
  SourceLoc Out;
  L = SM.getFileLoc(L);
  if (L.isInvalid())
    return Out;
  if (auto FE = SM.getFileEntryRefForID(SM.getFileID(L)))
    Out.File = normalise(FE->getName());
  Out.Line = SM.getSpellingLineNumber(L);
  Out.Column = SM.getSpellingColumnNumber(L);
  Out.Offset = SM.getFileOffset(L);
  return Out;
}

SourceSpan SourceMapper::span(SourceLocation Begin, SourceLocation End,
                              const std::string &File) const {
  SourceSpan S;
  if (Begin.isInvalid() || End.isInvalid() || Begin.isMacroID() ||
      End.isMacroID())
    return S;
  SourceLocation EndTok = Lexer::getLocForEndOfToken(End, 0, SM, LO);
  SourceLoc B = loc(Begin), E = loc(EndTok.isValid() ? EndTok : End);
  if (B.File != File || E.File != File)
    return S;
  S.Begin = B.Offset;
  S.End = E.Offset;
  return S;
}

std::string SourceMapper::text(SourceLocation L, SourceSpan S) const {
  if (!S.valid())
    return "";
  llvm::StringRef Buffer = SM.getBufferData(SM.getFileID(SM.getFileLoc(L)));
  if (S.End > Buffer.size())
    return "";
  return Buffer.substr(S.Begin, S.End - S.Begin).str();
}

/// Is \p Line (without its newline) a comment line: `// x`, `/* x */`, or
/// the inside of a block comment (` * x`)?
/// Where the comment that ends the line above \p LineStart begins, if that
/// line holds nothing but comment: a `//` line, or the last line of a block
/// comment that starts a line of its own. npos otherwise.
static size_t commentAbove(llvm::StringRef Buf, size_t LineStart) {
  if (LineStart == 0)
    return llvm::StringRef::npos;
  size_t PrevEnd = LineStart - 1; // The newline ending the line above.
  size_t Prev =
      PrevEnd == 0 ? llvm::StringRef::npos : Buf.rfind('\n', PrevEnd - 1);
  size_t PrevStart = Prev == llvm::StringRef::npos ? 0 : Prev + 1;
  llvm::StringRef Line = Buf.slice(PrevStart, PrevEnd).trim();
  if (Line.starts_with("//"))
    return PrevStart;
  if (!Line.ends_with("*/"))
    return llvm::StringRef::npos;
  size_t Open = Buf.take_front(PrevEnd).rfind("/*");
  if (Open == llvm::StringRef::npos)
    return llvm::StringRef::npos;
  size_t OpenLine = Buf.rfind('\n', Open);
  OpenLine = OpenLine == llvm::StringRef::npos ? 0 : OpenLine + 1;
  // Code before the `/*` makes it that code's comment, not ours.
  if (!Buf.slice(OpenLine, Open).trim().empty())
    return llvm::StringRef::npos;
  return OpenLine;
}

SourceSpan SourceMapper::withComments(SourceLocation L, SourceSpan Decl) const {
  if (!Decl.valid())
    return Decl;
  llvm::StringRef Buf = SM.getBufferData(SM.getFileID(SM.getFileLoc(L)));
  if (Decl.End > Buf.size())
    return Decl;
  unsigned Begin = Decl.Begin, End = Decl.End;
  // A comment after the declaration on the same line moves with it.
  unsigned P = End;
  while (P < Buf.size() && (Buf[P] == ' ' || Buf[P] == '\t'))
    ++P;
  if (Buf.substr(P).starts_with("//")) {
    End = Buf.find('\n', P);
    if (End == llvm::StringRef::npos)
      End = Buf.size();
  } else if (Buf.substr(P).starts_with("/*")) {
    size_t Close = Buf.find("*/", P);
    size_t Newline = Buf.find('\n', P);
    if (Close != llvm::StringRef::npos && Close < Newline)
      End = Close + 2;
  }
  // Whole lines only if nothing else shares them.
  size_t LineStart =
      Begin == 0 ? llvm::StringRef::npos : Buf.rfind('\n', Begin - 1);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  size_t LineEnd = Buf.find('\n', End);
  if (LineEnd == llvm::StringRef::npos)
    return {Begin, End};
  if (!Buf.slice(LineStart, Begin).trim().empty() ||
      !Buf.slice(End, LineEnd).trim().empty())
    return {Begin, End};
  Begin = LineStart;
  End = LineEnd + 1;
  // Comment lines directly above belong to the field.
  for (size_t Above = commentAbove(Buf, Begin); Above != llvm::StringRef::npos;
       Above = commentAbove(Buf, Begin))
    Begin = Above;
  return {Begin, End};
}

bool SourceMapper::inSystemHeader(const clang::SourceManager &SM,
                                  const clang::Decl *D) {
  return D && !clang::isa<clang::TranslationUnitDecl>(D) &&
         D->getLocation().isValid() &&
         SM.isInSystemHeader(SM.getFileLoc(D->getLocation()));
}

std::string SourceMapper::mainFile() const {
  if (auto FE = SM.getFileEntryRefForID(SM.getMainFileID()))
    return normalise(FE->getName());
  return "";
}

} // namespace structlayout
