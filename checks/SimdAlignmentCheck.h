//===- SimdAlignmentCheck.h - layout-simd-alignment ------------*- C++ -*-===//

#ifndef STRUCTLAYOUT_SIMDALIGNMENTCHECK_H
#define STRUCTLAYOUT_SIMDALIGNMENTCHECK_H

#include "LayoutCheck.h"

namespace structlayout {

/// Vector and aligned fields at offsets their aligned loads can't rely on,
/// and over-aligned records allocated without their alignment.
/// Docs: docs/checks/layout-simd-alignment.md
class SimdAlignmentCheck : public LayoutCheck {
public:
  explicit SimdAlignmentCheck(CheckOptionsView &Options);
  void check(const RecordFacts &Record, const CheckContext &Context,
             std::vector<Finding> &Out) const override;
  void storeOptions(OptionMap &Out) const override;
  bool needsFunctionBodies() const override { return true; }

private:
  /// A field that needs MinAlignBytes or more, not at a multiple of it.
  bool misaligned(const FieldLayout &FL, uint64_t OffsetBits) const;
  /// A vector crossing a cache line of a record aligned to the line.
  bool crossesLine(const FieldFacts &F, const FieldLayout &FL,
                   const TargetLayout &L, uint64_t OffsetBits) const;
  /// An order, of no greater size on any target, with no field misaligned
  /// or crossing a line; empty if the optimiser finds none.
  std::vector<unsigned> alignedOrder(const RecordFacts &R) const;
  /// Adds that order to the record's findings: a note, and a fix-it when
  /// the record is not packed and the reorder is safe.
  void offerOrder(const RecordFacts &R, const CheckContext &Context,
                  std::vector<Finding> &Found) const;

  uint64_t MinAlignBytes; ///< Alignments below this are not SIMD's concern.
};

} // namespace structlayout

#endif
