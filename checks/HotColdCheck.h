//===- HotColdCheck.h - layout-hot-cold ------------------------*- C++ -*-===//

#ifndef STRUCTLAYOUT_HOTCOLDCHECK_H
#define STRUCTLAYOUT_HOTCOLDCHECK_H

#include "Heat.h"
#include "LayoutCheck.h"

namespace structlayout {

/// Records whose hot fields span more cache lines than they need, with cold
/// fields among them; a hot-first order of the same size, and a split of
/// the cold part when it is large.
/// Docs: docs/checks/layout-hot-cold.md
class HotColdCheck : public LayoutCheck {
public:
  explicit HotColdCheck(CheckOptionsView &Options);
  void check(const RecordFacts &Record, const CheckContext &Context,
             std::vector<Finding> &Out) const override;
  void storeOptions(OptionMap &Out) const override;
  bool needsFunctionBodies() const override { return true; }

private:
  uint64_t HotShare;     ///< Percent of the heat the hot fields hold.
  uint64_t SplitBytes;   ///< Suggest a split above this many cold bytes.
  uint64_t MaxGrowBytes; ///< How much a hot-first order may grow the record.
  uint64_t CacheLineBytes;
  uint64_t MinLineSavingPercent; ///< Of the lines the hot fields touch.
  uint64_t MinProfiledAccesses;  ///< With a profile: the record's accesses.
  TestPaths Tests; ///< Code whose accesses heat no library record.
};

} // namespace structlayout

#endif
