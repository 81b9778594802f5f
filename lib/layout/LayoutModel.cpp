//===- LayoutModel.cpp - Placing fields in a new order --------------------===//

#include "LayoutModel.h"

#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <numeric>

namespace structlayout {

using llvm::alignTo;

static llvm::Error notModelled(const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
}

llvm::Expected<LayoutModel> LayoutModel::create(const RecordFacts &Record,
                                                const TargetLayout &Layout) {
  if (Record.Kind == RecordKind::Union)
    return notModelled("a union's members all start at offset 0");
  if (Record.HasVirtualBases)
    return notModelled("virtual bases are placed after the fields");
  if (Record.Fields.empty())
    return notModelled("no fields");

  LayoutModel M;
  M.Microsoft = Layout.MicrosoftLayout;
  M.RecordAlign = Layout.Align;
  M.FieldsBegin = Layout.FieldsBegin;
  M.BasesEnd = Layout.BasesEnd;
  M.Fields = Layout.Fields;
  for (const FieldFacts &F : Record.Fields)
    M.BitWidths.push_back(F.IsBitField ? F.BitWidth : 0);

  for (unsigned I = 0, E = Record.Fields.size(); I < E; ++I) {
    const FieldFacts &F = Record.Fields[I];
    const FieldLayout &L = Layout.Fields[I];
    if (F.IsBitField && F.BitWidth > L.StorageUnitBits)
      return notModelled("bit-field '" + F.Name + "' is wider than its type");
    if (F.IsBitField && !M.Units.empty() && M.Units.back().IsBitRun &&
        M.Units.back().EndField == I) {
      MoveUnit &Run = M.Units.back();
      Run.EndField = I + 1;
      Run.DataBits += F.BitWidth;
      Run.AlignBytes = std::max(Run.AlignBytes, L.BitAlignBits / 8);
      continue;
    }
    MoveUnit U;
    U.FirstField = I;
    U.EndField = I + 1;
    U.IsBitRun = F.IsBitField;
    U.IsFlexibleArray = F.IsFlexibleArray;
    U.AlignBytes =
        F.IsBitField ? std::max<uint64_t>(1, L.BitAlignBits / 8) : L.AlignBytes;
    U.DataBits = F.IsBitField ? F.BitWidth : L.SizeBytes * 8;
    M.Units.push_back(U);
  }

  // The model must give back Clang's own layout before it may predict another.
  std::vector<unsigned> Original(M.Units.size());
  std::iota(Original.begin(), Original.end(), 0);
  Placement P = M.placeAll(Original);
  for (unsigned I = 0, E = Record.Fields.size(); I < E; ++I)
    if (P.FieldOffsetsBits[I] != Layout.Fields[I].OffsetBits)
      return notModelled("the layout model puts '" + Record.Fields[I].Name +
                         "' at bit " + llvm::Twine(P.FieldOffsetsBits[I]) +
                         ", Clang at bit " +
                         llvm::Twine(Layout.Fields[I].OffsetBits));
  if (P.SizeBytes != Layout.Size)
    return notModelled("the layout model gives " + llvm::Twine(P.SizeBytes) +
                       " bytes, Clang " + llvm::Twine(Layout.Size));
  return M;
}

LayoutModel::Cursor LayoutModel::start() const {
  Cursor C;
  C.Bits = FieldsBegin * 8;
  return C;
}

void LayoutModel::placeBitField(Cursor &C, unsigned Field,
                                std::vector<uint64_t> *Offsets) const {
  const FieldLayout &L = Fields[Field];
  uint64_t Width = BitWidths[Field];
  uint64_t Align = std::max<uint64_t>(1, L.BitAlignBits);
  uint64_t Offset;
  if (Microsoft) {
    // MSVC allocates whole units of the declared type and only shares one
    // between bit-fields of the same type size.
    uint64_t UnitBytes = L.StorageUnitBits / 8;
    if (Width == 0) {
      if (!C.LastWasNonZeroBitField) {
        Offset = C.Bits;
      } else {
        C.LastWasNonZeroBitField = false;
        Offset = alignTo(C.Bits, Align);
        C.Bits = Offset;
      }
    } else if (C.LastWasNonZeroBitField && C.UnitBytes == UnitBytes &&
               Width <= C.RemainingBits) {
      Offset = C.Bits - C.RemainingBits;
      C.RemainingBits -= Width;
    } else {
      C.LastWasNonZeroBitField = true;
      C.UnitBytes = UnitBytes;
      Offset = alignTo(C.Bits, Align);
      C.Bits = Offset + L.StorageUnitBits;
      C.RemainingBits = L.StorageUnitBits - Width;
    }
  } else {
    // SysV: a bit-field goes at the next free bit unless it would straddle
    // a unit of its declared type's size (no padding under #pragma pack).
    Offset = C.Bits;
    if (Width == 0 ||
        (L.BitFieldMayPad && (Offset % Align) + Width > L.StorageUnitBits))
      Offset = alignTo(Offset, Align);
    C.Bits = Offset + Width;
  }
  if (Offsets)
    (*Offsets)[Field] = Offset;
}

void LayoutModel::place(Cursor &C, unsigned U,
                        std::vector<uint64_t> *Offsets) const {
  const MoveUnit &Unit = Units[U];
  if (Unit.IsBitRun) {
    for (unsigned F = Unit.FirstField; F < Unit.EndField; ++F)
      placeBitField(C, F, Offsets);
    return;
  }
  const FieldLayout &L = Fields[Unit.FirstField];
  C.LastWasNonZeroBitField = false;
  uint64_t Offset = alignTo(alignTo(C.Bits, 8), L.AlignBytes * 8);
  C.Bits = Offset + L.SizeBytes * 8;
  if (Offsets)
    (*Offsets)[Unit.FirstField] = Offset;
}

uint64_t LayoutModel::finish(const Cursor &C) const {
  uint64_t End = std::max(alignTo(C.Bits, 8) / 8, BasesEnd);
  uint64_t Size = alignTo(End, RecordAlign);
  if (Size == 0)
    Size = Microsoft ? RecordAlign : 1;
  return Size;
}

LayoutModel LayoutModel::withFieldAlignment(unsigned Field,
                                            uint64_t AlignBytes) const {
  LayoutModel M = *this;
  M.Fields[Field].AlignBytes = std::max(M.Fields[Field].AlignBytes, AlignBytes);
  for (MoveUnit &U : M.Units)
    if (U.FirstField <= Field && Field < U.EndField)
      U.AlignBytes = std::max(U.AlignBytes, AlignBytes);
  M.RecordAlign = std::max(M.RecordAlign, AlignBytes);
  return M;
}

LayoutModel LayoutModel::withFieldStorage(unsigned Field,
                                          const FieldLayout &Storage) const {
  LayoutModel M = *this;
  M.Fields[Field] = Storage;
  for (MoveUnit &U : M.Units)
    if (U.FirstField == Field && !U.IsBitRun) {
      U.AlignBytes = Storage.AlignBytes;
      U.DataBits = Storage.SizeBytes * 8;
    }
  M.RecordAlign = std::max(M.RecordAlign, Storage.AlignBytes);
  return M;
}

Placement LayoutModel::placeAll(llvm::ArrayRef<unsigned> Order) const {
  Placement P;
  P.FieldOffsetsBits.assign(Fields.size(), 0);
  Cursor C = start();
  for (unsigned U : Order)
    place(C, U, &P.FieldOffsetsBits);
  P.SizeBytes = finish(C);
  return P;
}

std::optional<Placement>
LayoutModel::placeFields(llvm::ArrayRef<unsigned> FieldOrder) const {
  std::vector<unsigned> Order;
  for (size_t I = 0; I < FieldOrder.size();) {
    auto U = std::find_if(Units.begin(), Units.end(), [&](const MoveUnit &M) {
      return M.FirstField == FieldOrder[I];
    });
    if (U == Units.end())
      return std::nullopt;
    for (unsigned F = U->FirstField; F < U->EndField; ++F, ++I)
      if (I >= FieldOrder.size() || FieldOrder[I] != F)
        return std::nullopt;
    Order.push_back(U - Units.begin());
  }
  if (Order.size() != Units.size())
    return std::nullopt;
  return placeAll(Order);
}

uint64_t LayoutModel::lowerBound() const {
  uint64_t Bits = FieldsBegin * 8;
  for (const MoveUnit &U : Units)
    Bits += U.DataBits;
  uint64_t End = std::max(alignTo(Bits, 8) / 8, BasesEnd);
  return std::max<uint64_t>(alignTo(End, RecordAlign), 1);
}

} // namespace structlayout
