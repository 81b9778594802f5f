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
  uint64_t MinAlignBytes; ///< Alignments below this are not SIMD's concern.
};

} // namespace structlayout

#endif
