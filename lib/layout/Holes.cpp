//===- Holes.cpp - Where a layout wastes space ----------------------------===//

#include "Holes.h"

#include "llvm/Support/MathExtras.h"

#include <algorithm>

namespace structlayout {

namespace {
struct Interval {
  uint64_t Begin, End;
  int Field; ///< -1 for bases and pointers.
};
} // namespace

uint64_t HoleSummary::holeBytes() const {
  uint64_t N = 0;
  for (const Hole &H : Holes)
    if (!H.isBitHole())
      N += H.SizeBits / 8;
  return N;
}

uint64_t HoleSummary::holeBits() const {
  uint64_t N = 0;
  for (const Hole &H : Holes)
    if (H.isBitHole())
      N += H.SizeBits;
  return N;
}

unsigned HoleSummary::byteHoleCount() const {
  return std::count_if(Holes.begin(), Holes.end(),
                       [](const Hole &H) { return !H.isBitHole(); });
}

unsigned HoleSummary::bitHoleCount() const {
  return Holes.size() - byteHoleCount();
}

/// Splits [Begin, End) into a leading bit hole, whole bytes and a trailing
/// bit hole.
static void addGap(std::vector<Hole> &Out, uint64_t Begin, uint64_t End,
                   int After, int Before) {
  auto Add = [&](uint64_t B, uint64_t E) {
    if (E > B)
      Out.push_back({B, E - B, After, Before});
  };
  uint64_t ByteBegin = std::min(End, llvm::alignTo(Begin, 8));
  uint64_t ByteEnd = std::max(ByteBegin, llvm::alignDown(End, 8));
  Add(Begin, ByteBegin);
  Add(ByteBegin, ByteEnd);
  Add(ByteEnd, End);
}

HoleSummary findHoles(const RecordFacts &Record, const TargetLayout &Layout) {
  HoleSummary S;
  std::vector<Interval> Parts;
  if (Layout.HasOwnVFPtr)
    Parts.push_back({0, Layout.PointerBytes * 8ull, -1});
  if (Layout.HasOwnVBPtr)
    Parts.push_back({Layout.VBPtrOffset * 8,
                     (Layout.VBPtrOffset + Layout.PointerBytes) * 8, -1});
  for (const BaseLayout &B : Layout.Bases)
    if (!B.IsEmpty)
      Parts.push_back({B.Offset * 8, (B.Offset + B.Size) * 8, -1});
  for (unsigned I = 0; I < Record.Fields.size(); ++I) {
    const FieldFacts &F = Record.Fields[I];
    const FieldLayout &L = Layout.Fields[I];
    uint64_t Bits = F.IsBitField ? F.BitWidth : L.SizeBytes * 8;
    if (F.IsBitField)
      S.BitFieldBits += F.BitWidth;
    else
      S.MemberBytes += L.SizeBytes;
    if (Bits)
      Parts.push_back({L.OffsetBits, L.OffsetBits + Bits, int(I)});
  }
  std::stable_sort(
      Parts.begin(), Parts.end(),
      [](const Interval &A, const Interval &B) { return A.Begin < B.Begin; });
  uint64_t End = 0;
  int Last = -1;
  bool Union = Record.Kind == RecordKind::Union;
  for (const Interval &P : Parts) {
    if (!Union && P.Begin > End)
      addGap(S.Holes, End, P.Begin, Last, P.Field);
    if (P.End >= End) {
      End = P.End;
      Last = P.Field;
    }
  }
  uint64_t SizeBits = Layout.Size * 8;
  S.TailPaddingBits = SizeBits > End ? SizeBits - End : 0;
  return S;
}

} // namespace structlayout
