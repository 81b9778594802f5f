//===- Heat.h - How hot each field is --------------------------*- C++ -*-===//
//
// A field's heat is the sum over its accesses (from every TU, merged) of
// how often each runs: the execution count of its code region when a
// coverage profile covers its file, the static estimate (loops, call graph,
// cold code) otherwise. Plain data in, plain data out.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_HEAT_H
#define STRUCTLAYOUT_HEAT_H

#include "Facts.h"
#include "Profile.h"

#include <vector>

namespace structlayout {

/// A field with at least this share of its record's heat is hot, unless
/// `layout-hot-cold.HotShare` says otherwise.
constexpr unsigned DefaultHotSharePercent = 5;

struct RecordHeat {
  std::vector<double> Fields; ///< Parallel to RecordFacts::Fields.
  double Total = 0;
  bool Profiled = false; ///< Some access was weighed by the profile.
  bool any() const { return Total > 0; }
};

/// How often \p A runs: the profile's count where it covers the file.
double accessWeight(const FieldAccess &A, const CoverageProfile *Profile,
                    bool *FromProfile = nullptr);

RecordHeat recordHeat(const RecordFacts &R, const CoverageProfile *Profile);

/// Fields that have at least \p SharePercent of the record's heat; a record
/// used evenly across many fields has none.
std::vector<bool> hotFields(const RecordHeat &Heat, unsigned SharePercent);

/// Field indices by heat, hottest first, ties in declaration order.
std::vector<unsigned> heatRanking(const RecordHeat &Heat);

/// What --print-layout shows beside each field: `hot 16%`, `cold <1%`,
/// `cold 0%`; empty when the record has no access facts.
std::vector<std::string> heatMarks(const RecordFacts &R,
                                   const CoverageProfile *Profile,
                                   unsigned HotSharePercent);

} // namespace structlayout

#endif
