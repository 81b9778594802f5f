//===- LayoutModel.h - Placing fields in a new order -----------*- C++ -*-===//
//
// To predict the size of a reordered record, fields are placed by the same
// rules Clang's record layout builders use (Itanium/SysV and Microsoft),
// from the per-field facts the extractor took from Clang. A model is only
// built for a record when placing its fields in their original order gives
// back exactly Clang's offsets and size; otherwise the record is "not
// modelled" and no order is proposed for it.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_LAYOUTMODEL_H
#define STRUCTLAYOUT_LAYOUTMODEL_H

#include "Facts.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace structlayout {

/// Fields that move together: one field, or a run of consecutive bit-fields.
struct MoveUnit {
  unsigned FirstField = 0;
  unsigned EndField = 0; ///< One past the last field.
  bool IsBitRun = false;
  uint64_t AlignBytes = 1; ///< Largest alignment among its fields.
  uint64_t DataBits = 0;   ///< Bits it holds (sizes, or bit widths).
  bool IsFlexibleArray = false;
};

/// Where each field lands for one order, and the resulting record size.
struct Placement {
  std::vector<uint64_t> FieldOffsetsBits; ///< Indexed by field.
  uint64_t SizeBytes = 0;
};

class LayoutModel {
public:
  /// The state of the layout builder between two units.
  struct Cursor {
    uint64_t Bits = 0; ///< Next free bit (Microsoft: the size so far, x8).
    bool LastWasNonZeroBitField = false; ///< Microsoft bit-field allocation.
    uint64_t UnitBytes = 0;
    uint64_t RemainingBits = 0;
  };

  /// Builds the model of \p Layout, or says why this record can't be
  /// reordered with confidence.
  static llvm::Expected<LayoutModel> create(const RecordFacts &Record,
                                            const TargetLayout &Layout);

  llvm::ArrayRef<MoveUnit> units() const { return Units; }
  uint64_t recordAlign() const { return RecordAlign; }
  bool microsoft() const { return Microsoft; }

  /// The cursor before the first field.
  Cursor start() const;
  /// Places unit \p U at \p C; writes field offsets if \p Offsets is given.
  void place(Cursor &C, unsigned U,
             std::vector<uint64_t> *Offsets = nullptr) const;
  /// The record size once every unit is placed.
  uint64_t finish(const Cursor &C) const;

  /// Places units in \p Order (indices into units()).
  Placement placeAll(llvm::ArrayRef<unsigned> Order) const;

  /// Places fields in \p FieldOrder; none if it splits a bit-field run.
  std::optional<Placement>
  placeFields(llvm::ArrayRef<unsigned> FieldOrder) const;

  /// The same record with non-bit-field \p Field aligned to at least
  /// \p AlignBytes (`alignas` added to its declaration).
  LayoutModel withFieldAlignment(unsigned Field, uint64_t AlignBytes) const;

  /// The same record with non-bit-field \p Field taking \p Storage (its
  /// type, a record held by value, changed size or alignment). The record's
  /// alignment grows with the field's, never shrinks.
  LayoutModel withFieldStorage(unsigned Field,
                               const FieldLayout &Storage) const;

  /// The smallest size any order could have: data without padding.
  uint64_t lowerBound() const;

private:
  void placeBitField(Cursor &C, unsigned Field,
                     std::vector<uint64_t> *Offsets) const;

  bool Microsoft = false;
  uint64_t RecordAlign = 1;
  uint64_t FieldsBegin = 0;
  uint64_t BasesEnd = 0;
  std::vector<FieldLayout> Fields;
  std::vector<unsigned> BitWidths;
  std::vector<MoveUnit> Units;
};

} // namespace structlayout

#endif
