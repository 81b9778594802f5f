//===- Holes.h - Where a layout wastes space -------------------*- C++ -*-===//

#ifndef STRUCTLAYOUT_HOLES_H
#define STRUCTLAYOUT_HOLES_H

#include "Facts.h"

#include <cstdint>
#include <vector>

namespace structlayout {

/// Unused bits between two members, as pahole reports them: a byte hole is
/// whole bytes, a bit hole is the unused part of a byte.
struct Hole {
  uint64_t OffsetBits = 0;
  uint64_t SizeBits = 0;
  /// The field the hole follows; -1 when it follows a base or the vptr.
  int AfterField = -1;
  /// The field the hole precedes; -1 at the end of the record.
  int BeforeField = -1;
  bool isBitHole() const { return SizeBits % 8 != 0 || OffsetBits % 8 != 0; }
};

struct HoleSummary {
  std::vector<Hole> Holes; ///< Interior holes, by offset.
  uint64_t TailPaddingBits = 0;
  uint64_t MemberBytes = 0;   ///< Sum of non-bit-field member sizes.
  uint64_t BitFieldBits = 0;  ///< Sum of bit-field widths.
  uint64_t holeBytes() const; ///< Whole bytes in byte holes.
  uint64_t holeBits() const;  ///< Bits in bit holes.
  unsigned byteHoleCount() const;
  unsigned bitHoleCount() const;
};

HoleSummary findHoles(const RecordFacts &Record, const TargetLayout &Layout);

/// Bytes [Offset, Offset+Size) and the cache lines they touch.
inline uint64_t cacheLinesSpanned(uint64_t Offset, uint64_t Size,
                                  uint64_t Line) {
  if (Size == 0)
    return 0;
  return (Offset + Size - 1) / Line - Offset / Line + 1;
}

} // namespace structlayout

#endif
