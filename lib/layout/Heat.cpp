//===- Heat.cpp - How hot each field is -----------------------------------===//

#include "Heat.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Error.h"

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

TestPaths::TestPaths(llvm::StringRef Globs) : Text(Globs.str()) {
  llvm::SmallVector<llvm::StringRef> Parts;
  Globs.split(Parts, ';', -1, false);
  for (llvm::StringRef P : Parts)
    if (auto G = llvm::GlobPattern::create(P.trim()))
      Patterns.push_back(std::move(*G));
    else
      llvm::consumeError(G.takeError());
}

bool TestPaths::matches(llvm::StringRef File, llvm::StringRef Root) const {
  // Below the project's root: a project that lives in /home/u/test/ is not
  // all tests. A file outside it (a system or sibling folder) by its last
  // three components.
  if (Root.empty()) // No project to be below: nothing is known as tests.
    return false;
  llvm::StringRef Below = File;
  if (File.starts_with(Root) && File.drop_front(Root.size()).starts_with("/"))
    Below = File.drop_front(Root.size());
  else
    for (int Parts = 0, I = int(File.size()) - 1; I >= 0; --I)
      if (File[I] == '/' && ++Parts == 4) {
        Below = File.drop_front(I);
        break;
      }
  return llvm::any_of(
      Patterns, [&](const llvm::GlobPattern &G) { return G.match(Below); });
}

bool inTestCode(const RecordFacts &R, const TestPaths &Tests,
                llvm::StringRef Root) {
  return Tests.matches(R.Loc.File, Root) ||
         (R.IsTemplateSpecialisation && !R.SeenIn.empty() &&
          Tests.matches(R.SeenIn, Root));
}

RecordHeat recordHeat(const RecordFacts &R, const CoverageProfile *Profile,
                      const TestPaths &Tests, llvm::StringRef Root) {
  RecordHeat Out;
  Out.Fields.assign(R.Fields.size(), 0);
  for (size_t I = 0; I < R.Fields.size(); ++I)
    for (const FieldAccess &A : R.Fields[I].Accesses) {
      if (Tests.matches(A.Loc.File, Root))
        continue;
      bool FromProfile = false;
      Out.Fields[I] += accessWeight(A, Profile, &FromProfile);
      Out.Profiled |= FromProfile;
    }
  Out.Total = std::accumulate(Out.Fields.begin(), Out.Fields.end(), 0.0);
  return Out;
}

static bool walkedAsElements(const RecordFacts &R) {
  return llvm::any_of(R.Fields, [](const FieldFacts &F) {
    return llvm::any_of(F.Accesses, [](const FieldAccess &A) {
      return A.ThroughElement && A.TripCount != 1;
    });
  });
}

bool manyInstances(const RecordFacts &R) {
  // One per thread (a worker's state, an I/O thread's queue): as many as
  // the machine has cores, which stay in cache.
  if (!R.ThreadSlots.empty())
    return false;
  return R.Instances.many() || walkedAsElements(R);
}

ObjectPlacement placementOf(const RecordFacts &R) {
  if (R.Instances.InArray || walkedAsElements(R))
    return ObjectPlacement::ArrayElement;
  return R.Instances.OnHeap || R.Instances.HeldByPointers
             ? ObjectPlacement::Heap
             : ObjectPlacement::Alone;
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
