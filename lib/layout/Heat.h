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

#include "Lines.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/GlobPattern.h"

#include <vector>

namespace structlayout {

/// Test code, by path: `layout-hot-cold.TestPaths` and friends.
inline constexpr const char *DefaultTestPaths =
    "*/test/*;*/tests/*;*/testing/*;*/unittests/*;*/unittest/*;*_test.c*;"
    "*_tests.c*;*_unittest.c*;*-test.c*;*/test_*.c*;*/test-*.c*";

/// Files whose code heats no record: a test that loops over a library's
/// record says nothing about the library's hot paths.
class TestPaths {
public:
  /// \p Globs: `;`-separated.
  explicit TestPaths(llvm::StringRef Globs = DefaultTestPaths);
  /// Whether \p File is test code, its path matched below the project's
  /// \p Root (the directory the sources share): `/tests/a.c`. Without a
  /// root, nothing is.
  bool matches(llvm::StringRef File, llvm::StringRef Root) const;
  const std::string &text() const { return Text; }

private:
  std::string Text;
  std::vector<llvm::GlobPattern> Patterns;
};

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

/// Accesses in test code (below \p Root) do not count.
RecordHeat recordHeat(const RecordFacts &R, const CoverageProfile *Profile,
                      const TestPaths &Tests = TestPaths(),
                      llvm::StringRef Root = "");

/// A record of test code: defined in it, or a specialisation only a test
/// instantiates. Its performance is not the project's.
bool inTestCode(const RecordFacts &R, const TestPaths &Tests,
                llvm::StringRef Root);

/// Whether the program has many objects of \p R: held in arrays or
/// containers, linked as nodes, allocated in loops, or walked as elements;
/// not when it is one per thread.
bool manyInstances(const RecordFacts &R);

/// Where an object of \p R starts, for the expected lines it touches.
ObjectPlacement placementOf(const RecordFacts &R);

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
