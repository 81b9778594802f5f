//===- Heat.cpp - How hot each field is -----------------------------------===//

#include "Heat.h"

#include <algorithm>
#include <numeric>
#include <string>

namespace structlayout {

double accessWeight(const FieldAccess &A, const CoverageProfile *Profile,
                    bool *FromProfile) {
  if (Profile)
    if (std::optional<uint64_t> Count =
            Profile->count(A.Loc.File, A.Loc.Line, A.Loc.Column)) {
      if (FromProfile)
        *FromProfile = true;
      return double(*Count);
    }
  return A.StaticWeight;
}

RecordHeat recordHeat(const RecordFacts &R, const CoverageProfile *Profile) {
  RecordHeat Out;
  Out.Fields.assign(R.Fields.size(), 0);
  for (size_t I = 0; I < R.Fields.size(); ++I)
    for (const FieldAccess &A : R.Fields[I].Accesses) {
      bool FromProfile = false;
      Out.Fields[I] += accessWeight(A, Profile, &FromProfile);
      Out.Profiled |= FromProfile;
    }
  Out.Total = std::accumulate(Out.Fields.begin(), Out.Fields.end(), 0.0);
  return Out;
}

std::vector<unsigned> heatRanking(const RecordHeat &Heat) {
  std::vector<unsigned> Order(Heat.Fields.size());
  std::iota(Order.begin(), Order.end(), 0);
  std::stable_sort(Order.begin(), Order.end(), [&](unsigned A, unsigned B) {
    return Heat.Fields[A] > Heat.Fields[B];
  });
  return Order;
}

std::vector<bool> hotFields(const RecordHeat &Heat, unsigned SharePercent) {
  std::vector<bool> Hot(Heat.Fields.size(), false);
  for (size_t I = 0; I < Hot.size(); ++I)
    Hot[I] = Heat.Fields[I] > 0 &&
             Heat.Fields[I] * 100 >= Heat.Total * std::min(SharePercent, 100u);
  return Hot;
}

std::vector<std::string> heatMarks(const RecordFacts &R,
                                   const CoverageProfile *Profile,
                                   unsigned HotSharePercent) {
  RecordHeat Heat = recordHeat(R, Profile);
  if (!Heat.any())
    return {};
  std::vector<bool> Hot = hotFields(Heat, HotSharePercent);
  std::vector<std::string> Marks;
  for (size_t I = 0; I < Hot.size(); ++I) {
    double Percent = Heat.Fields[I] * 100 / Heat.Total;
    std::string Share = Percent > 0 && Percent < 1
                            ? "<1%"
                            : std::to_string(unsigned(Percent)) + "%";
    Marks.push_back((Hot[I] ? "hot " : "cold ") + Share);
  }
  return Marks;
}

} // namespace structlayout
