//===- Findings.cpp - What the checks report ------------------------------===//

#include "Findings.h"

#include <algorithm>
#include <tuple>

namespace structlayout {

void sortFindings(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     return std::tie(A.Loc.File, A.Loc.Line, A.Loc.Column,
                                     A.RecordName, A.Check, A.Message) <
                            std::tie(B.Loc.File, B.Loc.Line, B.Loc.Column,
                                     B.RecordName, B.Check, B.Message);
                   });
}

} // namespace structlayout
