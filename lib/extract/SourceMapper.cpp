//===- SourceMapper.cpp - Clang locations as plain facts ------------------===//

#include "SourceMapper.h"

#include "clang/AST/Decl.h"

#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using namespace clang;

namespace structlayout {

std::string SourceMapper::normalise(llvm::StringRef Path) const {
  auto [It, New] = Canonical.try_emplace(Path);
  if (!New)
    return It->second;
  llvm::vfs::FileSystem &FS = SM.getFileManager().getVirtualFileSystem();
  llvm::SmallString<256> P(Path), Real;
  FS.makeAbsolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  if (!FS.getRealPath(P, Real))
    P = Real;
  It->second = P.str().str();
  return It->second;
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

static constexpr size_t NPos = llvm::StringRef::npos;

/// The start of the line of \p P (StringRef::rfind looks before its From).
static size_t lineBegin(llvm::StringRef Buf, size_t P) {
  size_t Newline = Buf.rfind('\n', P);
  return Newline == NPos ? 0 : Newline + 1;
}

static size_t lineEnd(llvm::StringRef Buf, size_t P) {
  size_t Newline = Buf.find('\n', P);
  return Newline == NPos ? Buf.size() : Newline;
}

static size_t skipBlanks(llvm::StringRef Buf, size_t P) {
  while (P < Buf.size() && (Buf[P] == ' ' || Buf[P] == '\t'))
    ++P;
  return P;
}

/// Is \p Text blanks and `/* */` comments only?
static bool onlyBlockComments(llvm::StringRef Text) {
  for (Text = Text.ltrim(); !Text.empty(); Text = Text.ltrim()) {
    size_t Close = Text.find("*/", 2);
    if (!Text.starts_with("/*") || Close == NPos)
      return false;
    Text = Text.drop_front(Close + 2);
  }
  return true;
}

/// Does the `//` line at \p Start continue the comment that ends a line of
/// code above it, written at the same column (`int a; // first` over
/// `       // continued`)? Then it belongs to that code, not to what follows.
static bool continuesTrailing(llvm::StringRef Buf, size_t Start) {
  size_t Column = skipBlanks(Buf, Start) - Start;
  while (Start > 0) {
    size_t PrevStart = lineBegin(Buf, Start - 1);
    llvm::StringRef Prev = Buf.slice(PrevStart, Start - 1);
    if (Prev.size() < Column + 2 || Prev.substr(Column, 2) != "//")
      return false;
    if (!Prev.take_front(Column).trim().empty())
      return true;
    Start = PrevStart;
  }
  return false;
}

/// Where the comment that ends the line above \p LineStart begins, if that
/// line holds nothing but comment: a `//` line, or the last line of a block
/// comment that starts a line of its own. npos otherwise.
static size_t commentAbove(llvm::StringRef Buf, size_t LineStart) {
  if (LineStart == 0)
    return NPos;
  size_t PrevEnd = LineStart - 1; // The newline ending the line above.
  size_t PrevStart = lineBegin(Buf, PrevEnd);
  llvm::StringRef Line = Buf.slice(PrevStart, PrevEnd).trim();
  if (Line.starts_with("//"))
    return continuesTrailing(Buf, PrevStart) ? NPos : PrevStart;
  if (!Line.ends_with("*/"))
    return NPos;
  size_t Open = Buf.take_front(PrevEnd).rfind("/*");
  if (Open == NPos)
    return NPos;
  size_t OpenLine = lineBegin(Buf, Open);
  // Code before the `/*` makes it that code's comment, not ours.
  if (!Buf.slice(OpenLine, Open).trim().empty())
    return NPos;
  return OpenLine;
}

/// Where the `/* */` comments right after \p P end, when they close on its
/// line; npos if there is none.
static size_t blockComments(llvm::StringRef Buf, size_t P) {
  size_t End = NPos;
  for (P = skipBlanks(Buf, P); Buf.substr(P).starts_with("/*");) {
    size_t Close = Buf.find("*/", P + 2);
    if (Close == NPos || Close > lineEnd(Buf, P))
      break;
    End = Close + 2;
    P = skipBlanks(Buf, End);
  }
  return End;
}

/// Where the comments after \p P end, when they end its line: `/* */`
/// comments, then maybe a `//` comment with the `//` lines under it at its
/// column. npos if there is none, or code follows them.
static size_t trailingComment(llvm::StringRef Buf, size_t P) {
  P = skipBlanks(Buf, P);
  size_t End = NPos;
  while (Buf.substr(P).starts_with("/*")) {
    size_t Close = Buf.find("*/", P + 2);
    if (Close == NPos)
      return NPos;
    End = Close + 2;
    P = skipBlanks(Buf, End);
  }
  if (Buf.substr(P).starts_with("//")) {
    size_t Column = P - lineBegin(Buf, P);
    End = lineEnd(Buf, P);
    // Lines that hold only a `//` at the same column continue it.
    while (End < Buf.size()) {
      size_t Next = End + 1, Text = skipBlanks(Buf, End + 1);
      if (Text - Next != Column || !Buf.substr(Text).starts_with("//"))
        break;
      End = lineEnd(Buf, Text);
    }
    return End;
  }
  if (End == NPos || lineEnd(Buf, P) != P)
    return NPos;
  return End;
}

SourceSpan SourceMapper::withComments(SourceLocation L, SourceSpan Decl) const {
  if (!Decl.valid())
    return Decl;
  llvm::StringRef Buf = SM.getBufferData(SM.getFileID(SM.getFileLoc(L)));
  if (Decl.End > Buf.size())
    return Decl;
  unsigned Begin = Decl.Begin, End = Decl.End;
  // Comments after the declaration that end its line move with it, and a
  // `/* */` comment on its line.
  if (size_t Trailing = trailingComment(Buf, End); Trailing != NPos)
    End = Trailing;
  else if (size_t Block = blockComments(Buf, End); Block != NPos)
    End = Block;
  // Whole lines only if nothing else shares them but comments before it
  // (`/* about b */ double b;`).
  size_t LineStart = lineBegin(Buf, Begin);
  size_t LineEnd = Buf.find('\n', End);
  if (LineEnd == NPos)
    return {Begin, End};
  if (!onlyBlockComments(Buf.slice(LineStart, Begin)) ||
      !Buf.slice(End, LineEnd).trim().empty())
    return {Begin, End};
  Begin = LineStart;
  End = LineEnd + 1;
  // Comment lines directly above belong to the field.
  for (size_t Above = commentAbove(Buf, Begin); Above != NPos;
       Above = commentAbove(Buf, Begin))
    Begin = Above;
  return {Begin, End};
}

void SourceMapper::withComments(SourceLocation L, InitSite &Site,
                                unsigned ListEnd) const {
  llvm::StringRef Buf = SM.getBufferData(SM.getFileID(SM.getFileLoc(L)));
  size_t Count = Site.Elements.size();
  Site.Trailers.assign(Count, {});
  size_t Floor = std::min<size_t>(Site.Loc.Offset + 1, Buf.size());
  for (size_t I = 0; I < Count; ++I) {
    SourceSpan &E = Site.Elements[I];
    size_t Ceiling = I + 1 < Count ? Site.Elements[I + 1].Begin : ListEnd;
    Ceiling = std::min<size_t>(Ceiling, Buf.size());
    // Before it: comment lines above, when it starts its line; else the
    // `/* */` comments right before it.
    size_t Begin = E.Begin;
    if (Buf.slice(lineBegin(Buf, Begin), Begin).trim().empty()) {
      for (size_t Above = commentAbove(Buf, lineBegin(Buf, Begin));
           Above != NPos && Above >= Floor;
           Above = commentAbove(Buf, lineBegin(Buf, Begin)))
        Begin = skipBlanks(Buf, Above);
    } else {
      for (llvm::StringRef Before = Buf.slice(Floor, Begin).rtrim();
           Before.ends_with("*/");) {
        size_t Open = Before.rfind("/*");
        if (Open == NPos)
          break;
        Begin = Floor + Open;
        Before = Before.take_front(Open).rtrim();
      }
    }
    // After it: its comma, and a comment that ends the line; with no comma
    // in between (the last element, `1 /* a */, 2`), `/* */` before code.
    InitSite::Trailer &T = Site.Trailers[I];
    size_t After = E.End, P = skipBlanks(Buf, After);
    if (P < Ceiling && Buf[P] == ',') {
      T.Comma = Buf.slice(After, P + 1).str();
      After = P + 1;
    }
    size_t Comment = trailingComment(Buf, After);
    if (Comment == NPos && T.Comma.empty()) {
      Comment = blockComments(Buf, After);
      T.CodeAfter = true;
    }
    if (Comment != NPos && Comment <= Ceiling) {
      T.Comment = Buf.slice(After, Comment).str();
      T.Span = {E.End, unsigned(Comment)};
    } else {
      T.Span = {E.End, unsigned(After)};
      T.CodeAfter =
          lineEnd(Buf, skipBlanks(Buf, After)) != skipBlanks(Buf, After);
    }
    // What lies between this element and the last one's trailer.
    llvm::StringRef Gap = Buf.slice(Floor, Begin);
    Site.StrandedComment |= I > 0 && (Gap.contains("/*") || Gap.contains("//"));
    E.Begin = Begin;
    Site.Texts[I] = Buf.slice(Begin, E.End).str();
    Floor = T.Span.End;
  }
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
