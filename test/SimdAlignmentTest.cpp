//===- SimdAlignmentTest.cpp - layout-simd-alignment over plain facts -----===//

#include "SimdAlignmentCheck.h"
#include "TestSupport.h"

#include "gtest/gtest.h"

using namespace structlayout;
using namespace structlayout::test;

namespace {

std::vector<Finding> run(const RecordFacts &R, uint64_t MinAlign = 16) {
  return runCheck<SimdAlignmentCheck>(
      "layout-simd-alignment", R,
      {{"layout-simd-alignment.MinAlignBytes", std::to_string(MinAlign)}});
}

const char *Code = R"(
  typedef float v4 __attribute__((vector_size(16)));
  typedef float v8 __attribute__((vector_size(32)));
  struct __attribute__((packed)) P { short id; v4 q; };
  struct N { short id; v4 q; };
  #pragma pack(push, 8)
  struct Q { char c; v8 w; };
  #pragma pack(pop)
  struct __attribute__((aligned(32))) A { float f[8]; };
)";

TEST(SimdAlignment, PackedVectorsAreReportedOnEveryTarget) {
  for (const std::string &Triple : allTriples()) {
    TUFacts Facts = factsFor(Code, Triple, /*C=*/true);
    std::vector<Finding> P = run(record(Facts, "P"));
    // Where the compiler puts q in a normal record is what it needs: 16 on
    // most targets, 8 on armv7 (AAPCS), which is below MinAlignBytes.
    uint64_t Needs = record(Facts, "N").Layouts[0].Fields[1].OffsetBits / 8;
    if (Needs < 16) {
      EXPECT_TRUE(P.empty()) << Triple;
      continue;
    }
    ASSERT_EQ(P.size(), 1u) << Triple;
    EXPECT_NE(P[0].Message.find("needs 16-byte alignment"), std::string::npos)
        << P[0].Message;
    EXPECT_NE(P[0].Message.find("at offset 2"), std::string::npos)
        << P[0].Message;
    EXPECT_TRUE(run(record(Facts, "N")).empty()) << Triple;
  }
}

TEST(SimdAlignment, PragmaPackBelowTheVectorsAlignment) {
  TUFacts Facts = factsFor(Code, "x86_64-linux-gnu", true);
  std::vector<Finding> Q = run(record(Facts, "Q"));
  ASSERT_EQ(Q.size(), 1u);
  EXPECT_NE(Q[0].Message.find("needs 32-byte alignment"), std::string::npos);
  EXPECT_NE(Q[0].Message.find("at offset 8"), std::string::npos)
      << Q[0].Message;
  // A higher threshold leaves 32-byte needs alone.
  EXPECT_TRUE(run(record(Facts, "Q"), 64).empty());
}

TEST(SimdAlignment, UnalignedAllocationsAreReportedWhereTheyAre) {
  TUFacts Facts = factsFor(Code, "x86_64-linux-gnu", true);
  RecordFacts A = record(Facts, "A");
  EXPECT_TRUE(run(A).empty());
  A.UnalignedAllocations.push_back({{"main.c", 7, 3, 90}, "malloc() result"});
  std::vector<Finding> Out = run(A);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0].Loc.Line, 7u);
  EXPECT_NE(Out[0].Message.find("needs 32-byte alignment"), std::string::npos);
}

} // namespace
