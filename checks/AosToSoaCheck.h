//===- AosToSoaCheck.h - layout-aos-to-soa ---------------------*- C++ -*-===//

#ifndef STRUCTLAYOUT_AOSTOSOACHECK_H
#define STRUCTLAYOUT_AOSTOSOACHECK_H

#include "Heat.h"
#include "LayoutCheck.h"

namespace structlayout {

/// Hot loops over arrays and containers of a record that touch a small part
/// of each element: a struct of arrays would read a fraction of the lines.
/// Docs: docs/checks/layout-aos-to-soa.md
class AosToSoaCheck : public LayoutCheck {
public:
  explicit AosToSoaCheck(CheckOptionsView &Options);
  void check(const RecordFacts &Record, const CheckContext &Context,
             std::vector<Finding> &Out) const override;
  void storeOptions(OptionMap &Out) const override;
  bool needsFunctionBodies() const override { return true; }

private:
  uint64_t MaxUsedPercent;  ///< Report loops using at most this share.
  uint64_t MinElementBytes; ///< Smaller elements stay quiet.
  uint64_t HotLoopShare;    ///< Percent of the record's heat in the loop.
  uint64_t CacheLineBytes;
  uint64_t MinProfiledAccesses; ///< With a profile: the loop's accesses.
  TestPaths Tests;              ///< Code whose accesses heat no library record.
};

} // namespace structlayout

#endif
