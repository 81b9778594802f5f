//===- PrintLayoutTargets.cpp - One record on several targets, side by side
//-===//
//
// --print-layout with several targets: a row per field, a column per target
// with the field's offset and size there, `+N` when a hole follows it; then
// each target's size, holes, tail padding and cache lines.
//
//===----------------------------------------------------------------------===//

#include "Emitters.h"
#include "Holes.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

namespace structlayout {

static std::string cellFor(const TargetLayout &L, const HoleSummary &Holes,
                           unsigned Field) {
  const FieldLayout &F = L.Fields[Field];
  std::string Cell =
      F.OffsetBits % 8
          ? llvm::formatv("{0}:{1}", F.OffsetBits / 8, F.OffsetBits % 8).str()
          : std::to_string(F.OffsetBits / 8);
  Cell += " " + std::to_string(F.SizeBytes);
  for (const Hole &H : Holes.Holes)
    if (H.AfterField == int(Field))
      Cell += H.SizeBits % 8 ? llvm::formatv(" +{0}b", H.SizeBits).str()
                             : llvm::formatv(" +{0}", H.SizeBits / 8).str();
  return Cell;
}

void printLayoutTargets(llvm::raw_ostream &OS, const RecordFacts &Record,
                        llvm::ArrayRef<std::string> FieldMarks) {
  const std::vector<TargetLayout> &Ls = Record.Layouts;
  std::vector<HoleSummary> Holes;
  for (const TargetLayout &L : Ls)
    Holes.push_back(findHoles(Record, L));

  std::vector<std::string> Left = {""};
  std::vector<std::vector<std::string>> Cells(1);
  for (const TargetLayout &L : Ls)
    Cells[0].push_back(L.Target);
  for (unsigned I = 0; I < Record.Fields.size(); ++I) {
    const FieldFacts &F = Record.Fields[I];
    auto [Type, Name] = splitDeclarator(F.TypeName, F.Name);
    std::string Decl = "  " + Type + " " + Name;
    if (F.IsBitField)
      Decl += ":" + std::to_string(F.BitWidth);
    Left.push_back(Decl + ";");
    Cells.emplace_back();
    for (unsigned T = 0; T < Ls.size(); ++T)
      Cells.back().push_back(cellFor(Ls[T], Holes[T], I));
    if (!FieldMarks.empty())
      Cells.back().push_back(I < FieldMarks.size() ? FieldMarks[I] : "");
  }
  if (!FieldMarks.empty())
    Cells[0].push_back("heat");
  auto Footer = [&](llvm::StringRef Label, auto Value) {
    Left.push_back(("  /* " + Label + " */").str());
    Cells.emplace_back();
    for (unsigned T = 0; T < Ls.size(); ++T)
      Cells.back().push_back(Value(Ls[T], Holes[T]));
    if (!FieldMarks.empty())
      Cells.back().push_back("");
  };
  Footer("size", [](const TargetLayout &L, const HoleSummary &) {
    return std::to_string(L.Size);
  });
  Footer("holes", [](const TargetLayout &, const HoleSummary &H) {
    return llvm::formatv("{0} ({1} bytes)", H.byteHoleCount(), H.holeBytes())
        .str();
  });
  Footer("tail padding", [](const TargetLayout &, const HoleSummary &H) {
    return std::to_string(H.TailPaddingBits / 8);
  });
  Footer("cache lines", [](const TargetLayout &L, const HoleSummary &) {
    uint64_t Line = L.CacheLineBytes ? L.CacheLineBytes : 64;
    return llvm::formatv("{0} x {1}B", (L.Size + Line - 1) / Line, Line).str();
  });

  size_t LeftWidth = 0;
  for (const std::string &S : Left)
    LeftWidth = std::max(LeftWidth, S.size());
  std::vector<size_t> Widths(Cells[0].size(), 0);
  for (const auto &Row : Cells)
    for (unsigned T = 0; T < Row.size(); ++T)
      Widths[T] = std::max(Widths[T], Row[T].size());

  OS << toString(Record.Kind) << " " << Record.Name << " {\t/* "
     << llvm::sys::path::filename(Record.Loc.File) << ":" << Record.Loc.Line
     << "; offset size (+hole after) per target */\n";
  for (size_t Row = 0; Row < Left.size(); ++Row) {
    if (Row == Left.size() - 4)
      OS << "\n";
    std::string Line = Left[Row];
    Line.resize(LeftWidth, ' ');
    for (unsigned T = 0; T < Cells[Row].size(); ++T) {
      std::string Cell = Cells[Row][T];
      Cell.resize(Widths[T], ' ');
      Line += "  " + Cell;
    }
    OS << llvm::StringRef(Line).rtrim() << "\n";
  }
  OS << "};\n";
}

} // namespace structlayout
