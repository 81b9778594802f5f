//===- PaddingCheck.h - layout-padding -------------------------*- C++ -*-===//

#ifndef STRUCTLAYOUT_PADDINGCHECK_H
#define STRUCTLAYOUT_PADDINGCHECK_H

#include "LayoutCheck.h"

namespace structlayout {

/// Records whose size shrinks when their fields are reordered.
/// Docs: docs/checks/layout-padding.md
class PaddingCheck : public LayoutCheck {
public:
  explicit PaddingCheck(CheckOptionsView &Options);
  void check(const RecordFacts &Record, const CheckContext &Context,
             std::vector<Finding> &Out) const override;
  void storeOptions(OptionMap &Out) const override;

private:
  void reportUnmodelled(const RecordFacts &R, const std::string &Why,
                        std::vector<Finding> &Out) const;

  uint64_t MinBytesSaved;
  uint64_t MinPercentSaved;
};

} // namespace structlayout

#endif
