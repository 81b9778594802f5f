//===- PrintLayout.cpp - pahole's picture of a record ---------------------===//

#include "Emitters.h"
#include "Holes.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <tuple>

namespace structlayout {

namespace {

/// One line of the body: a member, a base, a pointer or a hole.
struct Item {
  uint64_t OffsetBits;
  uint64_t SizeBytes; ///< For the size column.
  std::string Type;
  std::string Name; ///< With array bounds or function-pointer syntax.
  bool IsHole = false;
  bool IsBitField = false;
  uint64_t BitOffset = 0; ///< Within its storage unit, for bit-fields.
  uint64_t EndBytes = 0;  ///< Last byte it touches + 1.
  std::string Mark;       ///< Its heat, when known.
};

void memberLine(llvm::raw_ostream &OS, const Item &I) {
  // pahole aligns the type in 26 columns and the name in 21.
  std::string Left = "\t" + llvm::formatv("{0,-26} {1};", I.Type, I.Name).str();
  OS << llvm::formatv("{0,-50}", Left);
  uint64_t Byte = I.OffsetBits / 8;
  if (I.IsBitField)
    OS << llvm::format(" /* %5llu:%2llu %4llu */", (unsigned long long)Byte,
                       (unsigned long long)I.BitOffset,
                       (unsigned long long)I.SizeBytes);
  else
    OS << llvm::format(" /* %5llu %5llu */", (unsigned long long)Byte,
                       (unsigned long long)I.SizeBytes);
  if (!I.Mark.empty())
    OS << " /* " << I.Mark << " */";
  OS << "\n";
}

} // namespace

/// `int a[4]`, `void (*f)(int)`: the name goes where C puts it; the type
/// column keeps what comes before it.
std::pair<std::string, std::string> splitDeclarator(const std::string &Type,
                                                    const std::string &Name) {
  size_t Fn = Type.find("(*)");
  if (Fn != std::string::npos) {
    std::string Base = llvm::StringRef(Type.substr(0, Fn)).rtrim().str();
    return {Base, "(*" + Name + Type.substr(Fn + 2)};
  }
  size_t Array = Type.find('[');
  if (Array != std::string::npos)
    return {llvm::StringRef(Type.substr(0, Array)).rtrim().str(),
            Name + Type.substr(Array)};
  return {Type, Name};
}

std::string fieldDeclaration(const FieldFacts &F) {
  auto [Type, Name] = splitDeclarator(F.TypeName, F.Name);
  std::string Decl =
      Type + (llvm::StringRef(Type).ends_with("*") ? "" : " ") + Name;
  if (F.IsBitField)
    Decl += " : " + std::to_string(F.BitWidth);
  return Decl;
}

void printLayout(llvm::raw_ostream &OS, const RecordFacts &Record,
                 const TargetLayout &Layout,
                 llvm::ArrayRef<std::string> FieldMarks) {
  HoleSummary Holes = findHoles(Record, Layout);
  std::vector<Item> Items;
  uint64_t Line = std::max(1u, Layout.CacheLineBytes);

  if (Layout.HasOwnVFPtr)
    Items.push_back({0, Layout.PointerBytes, "void **", "__vptr", false, false,
                     0, Layout.PointerBytes});
  if (Layout.HasOwnVBPtr)
    Items.push_back({Layout.VBPtrOffset * 8, Layout.PointerBytes, "int *",
                     "__vbptr", false, false, 0,
                     Layout.VBPtrOffset + Layout.PointerBytes});
  for (const BaseLayout &B : Layout.Bases)
    Items.push_back({B.Offset * 8, B.Size, B.Name,
                     B.IsVirtual ? "<virtual ancestor>" : "<ancestor>", false,
                     false, 0, B.Offset + B.Size});
  unsigned Members = 0;
  for (unsigned I = 0; I < Record.Fields.size(); ++I) {
    const FieldFacts &F = Record.Fields[I];
    const FieldLayout &L = Layout.Fields[I];
    Item It;
    It.OffsetBits = L.OffsetBits;
    std::string Name = F.Name;
    if (F.IsBitField) {
      It.IsBitField = true;
      uint64_t Unit = std::max<uint64_t>(8, L.StorageUnitBits);
      It.SizeBytes = L.StorageUnitBits / 8;
      It.BitOffset = L.OffsetBits % Unit;
      It.OffsetBits = L.OffsetBits - It.BitOffset;
      Name += ":" + std::to_string(F.BitWidth);
      It.EndBytes = (L.OffsetBits + F.BitWidth + 7) / 8;
    } else {
      It.SizeBytes = L.SizeBytes;
      It.EndBytes = L.OffsetBits / 8 + L.SizeBytes;
    }
    std::tie(It.Type, It.Name) = splitDeclarator(F.TypeName, Name);
    if (I < FieldMarks.size())
      It.Mark = FieldMarks[I];
    Items.push_back(It);
    ++Members;
  }
  for (const Hole &H : Holes.Holes) {
    Item It;
    It.OffsetBits = H.OffsetBits;
    It.IsHole = true;
    It.SizeBytes = H.isBitHole() ? H.SizeBits : H.SizeBits / 8;
    It.Name = H.isBitHole() ? "bits" : "bytes";
    It.EndBytes = (H.OffsetBits + H.SizeBits) / 8;
    Items.push_back(It);
  }
  std::stable_sort(
      Items.begin(), Items.end(),
      [](const Item &A, const Item &B) { return A.OffsetBits < B.OffsetBits; });

  OS << "/* " << llvm::sys::path::filename(Record.Loc.File) << ":"
     << Record.Loc.Line << ", " << Layout.Triple << " */\n";
  OS << toString(Record.Kind) << " " << Record.Name << " {\n";
  uint64_t NextBoundary = Line;
  for (const Item &I : Items) {
    uint64_t Byte = I.OffsetBits / 8;
    if (!I.IsHole)
      while (Byte >= NextBoundary) {
        OS << "\t/* --- cacheline " << NextBoundary / Line << " boundary ("
           << NextBoundary << " bytes)";
        if (Byte > NextBoundary && Byte - NextBoundary < Line)
          OS << " was " << Byte - NextBoundary << " bytes ago";
        OS << " --- */\n";
        NextBoundary += Line;
      }
    if (I.IsHole) {
      OS << "\n\t/* XXX " << I.SizeBytes << " " << I.Name
         << " hole, try to pack */\n\n";
      continue;
    }
    memberLine(OS, I);
  }

  uint64_t Size = Layout.Size;
  OS << "\n\t/* size: " << Size << ", cachelines: " << (Size + Line - 1) / Line
     << ", members: " << Members << " */\n";
  unsigned ByteHoles = Holes.byteHoleCount();
  OS << "\t/* sum members: " << Holes.MemberBytes;
  if (ByteHoles)
    OS << ", holes: " << ByteHoles << ", sum holes: " << Holes.holeBytes();
  OS << " */\n";
  if (Holes.BitFieldBits) {
    OS << "\t/* sum bitfield members: " << Holes.BitFieldBits << " bits";
    if (unsigned BitHoles = Holes.bitHoleCount())
      OS << ", bit holes: " << BitHoles
         << ", sum bit holes: " << Holes.holeBits() << " bits";
    OS << " */\n";
  }
  if (uint64_t Pad = Holes.TailPaddingBits / 8)
    OS << "\t/* padding: " << Pad << " */\n";
  if (uint64_t BitPad = Holes.TailPaddingBits % 8)
    OS << "\t/* bit_padding: " << BitPad << " bits */\n";
  if (Size % Line)
    OS << "\t/* last cacheline: " << Size % Line << " bytes */\n";
  OS << "};\n";
}

} // namespace structlayout
