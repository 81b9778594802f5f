//===- TextEmitter.cpp - clang-style diagnostics --------------------------===//

#include "Emitters.h"
#include "Nolint.h"
#include "SourceCache.h"

namespace structlayout {

static void snippet(llvm::raw_ostream &OS, SourceCache &Sources,
                    const SourceLoc &Loc, bool Color) {
  llvm::StringRef Line = Sources.line(Loc.File, Loc.Line);
  if (Line.empty() || Loc.Column == 0)
    return;
  std::string Number = std::to_string(Loc.Line);
  OS << llvm::format("%5s | ", Number.c_str()) << Line << "\n";
  OS << "      | ";
  for (unsigned I = 1; I < Loc.Column && I <= Line.size(); ++I)
    OS << (Line[I - 1] == '\t' ? '\t' : ' ');
  if (Color)
    OS.changeColor(llvm::raw_ostream::GREEN, true);
  OS << "^";
  if (Color)
    OS.resetColor();
  OS << "\n";
}

static void header(llvm::raw_ostream &OS, const SourceLoc &Loc,
                   llvm::StringRef Kind, llvm::raw_ostream::Colors KindColor,
                   llvm::StringRef Message, llvm::StringRef Tag, bool Color) {
  if (Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, true);
  OS << Loc.File << ":" << Loc.Line << ":" << Loc.Column << ": ";
  if (Color)
    OS.changeColor(KindColor, true);
  OS << Kind << ": ";
  if (Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, true);
  OS << Message;
  if (!Tag.empty())
    OS << " [" << Tag << "]";
  if (Color)
    OS.resetColor();
  OS << "\n";
}

void emitText(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
              SourceCache &Sources, bool Color) {
  for (const Finding &F : Findings) {
    bool Error = F.Level == Severity::Error;
    // clang-tidy tags a warning it promoted; clang-tidy-nolint's errors are
    // errors of their own.
    bool Promoted = Error && F.Check != NolintCheck;
    std::string Tag = F.Check + (Promoted ? ",-warnings-as-errors" : "");
    header(OS, F.Loc, Error ? "error" : "warning",
           Error ? llvm::raw_ostream::RED : llvm::raw_ostream::MAGENTA,
           F.Message, Tag, Color);
    snippet(OS, Sources, F.Loc, Color);
    for (const Note &N : F.Notes) {
      header(OS, N.Loc, "note", llvm::raw_ostream::BLACK, N.Message, "", Color);
      snippet(OS, Sources, N.Loc, Color);
    }
  }
}

} // namespace structlayout
