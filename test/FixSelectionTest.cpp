//===- FixSelectionTest.cpp - Which fixes --fix applies, and the facts the
// fast rules read -----------------------------------------------------===//

#include "FixSelection.h"
#include "TestSupport.h"

#include "gtest/gtest.h"

using namespace structlayout;
using namespace structlayout::test;

namespace {

Finding reorder(const std::string &Check, const std::string &Key,
                uint64_t OldSize, uint64_t NewSize) {
  Finding F;
  F.Check = Check;
  F.RecordKey = Key;
  F.Fixes.emplace_back("a.h", 0, 1, "x");
  PredictedLayout P;
  P.Triple = "x86_64-pc-linux-gnu";
  P.OldSize = OldSize;
  P.Size = NewSize;
  F.Predicted.push_back(P);
  return F;
}

bool lastNoteSays(const Finding &F, llvm::StringRef Text) {
  return !F.Notes.empty() &&
         llvm::StringRef(F.Notes.back().Message).contains(Text);
}

} // namespace

TEST(FixSelection, ByDefaultOnlyWhatShrinksOrAligns) {
  std::vector<Finding> Fs = {reorder("layout-padding", "A", 24, 16),
                             reorder("layout-false-sharing", "B", 16, 128),
                             reorder("layout-hot-cold", "C", 96, 96),
                             reorder("layout-simd-alignment", "D", 48, 48)};
  selectFixes(Fs, GlobList(defaultFixChecks(/*Profiled=*/false)));
  EXPECT_FALSE(Fs[0].Fixes.empty());
  EXPECT_TRUE(Fs[1].Fixes.empty());
  EXPECT_TRUE(lastNoteSays(Fs[1], "it makes the record bigger; ask for it "
                                  "with --fix-checks=layout-false-sharing"));
  EXPECT_TRUE(Fs[2].Fixes.empty());
  EXPECT_TRUE(lastNoteSays(Fs[2], "static estimate"));
  EXPECT_FALSE(Fs[3].Fixes.empty());
  SizeChange Sizes = sizeChange(Fs);
  EXPECT_EQ(Sizes.Saved, 8u);
  EXPECT_EQ(Sizes.Added, 0u);
}

TEST(FixSelection, AProfileMakesHotColdADefault) {
  std::vector<Finding> Fs = {reorder("layout-hot-cold", "C", 96, 96)};
  selectFixes(Fs, GlobList(defaultFixChecks(/*Profiled=*/true)));
  EXPECT_FALSE(Fs[0].Fixes.empty());
}

TEST(FixSelection, OneChangePerRecordLeastSizeThenHotFirst) {
  std::vector<Finding> Fs = {reorder("layout-padding", "A", 96, 88),
                             reorder("layout-hot-cold", "A", 96, 88),
                             reorder("layout-false-sharing", "A", 96, 128),
                             reorder("layout-padding", "B", 24, 16),
                             reorder("layout-hot-cold", "B", 24, 24)};
  selectFixes(Fs, GlobList("layout-*"));
  EXPECT_TRUE(Fs[0].Fixes.empty());
  EXPECT_TRUE(lastNoteSays(Fs[0], "layout-hot-cold's change to this record "
                                  "is applied instead"));
  EXPECT_FALSE(Fs[1].Fixes.empty()); // As small, hot fields first.
  EXPECT_TRUE(Fs[2].Fixes.empty());
  EXPECT_FALSE(Fs[3].Fixes.empty()); // Smaller than hot-cold's.
  EXPECT_TRUE(Fs[4].Fixes.empty());
  SizeChange Sizes = sizeChange(Fs);
  EXPECT_EQ(Sizes.Saved, 16u);
  EXPECT_EQ(Sizes.Added, 0u);
}

// The fast rules' facts, on several targets.
TEST(FixFacts, InitialiserReadsFollowMemberFunctionsAndLambdas) {
  const char *Code = R"(
    struct W {
      int x_;
      double c_;
      int a_, b_, l_, o_;
      int rd2() const { return int(c_); }
      int rd() const { return rd2(); }
      int opaque() const;
      W() : x_(1), c_(2), a_(rd()), b_(x_), o_(opaque()) {}
      int m_ = [this] { return int(c_); }();
    };
    W w;
  )";
  for (const std::string &Triple :
       {"x86_64-linux-gnu", "i686-linux-gnu", "aarch64-linux-gnu"}) {
    RecordFacts R = record(factsFor(Code, Triple, false, true), "W");
    auto Reads = [&](const char *Field) {
      for (const FieldFacts &F : R.Fields)
        if (F.Name == Field)
          return F.InitReads;
      return std::vector<std::string>{"<no field>"};
    };
    EXPECT_EQ(Reads("a_"), std::vector<std::string>{"c_"}) << Triple;
    EXPECT_EQ(Reads("b_"), std::vector<std::string>{"x_"}) << Triple;
    EXPECT_EQ(Reads("o_"), std::vector<std::string>{InitReadsAll}) << Triple;
    EXPECT_EQ(Reads("m_"), std::vector<std::string>{"c_"}) << Triple;
    EXPECT_TRUE(Reads("l_").empty()) << Triple;
  }
}

TEST(FixFacts, FieldsStayBelowTheMemberTypesTheyName) {
  const char *Code = R"(
    struct R {
      char a;
      double d;
      using T = char;
      T t;
      enum Kind : char { One };
      Kind k;
      struct { char x; } inline_type;
      static constexpr int N = 3;
      char buf[N];
    };
    R r;
  )";
  for (const std::string &Triple : {"x86_64-linux-gnu", "i686-linux-gnu"}) {
    RecordFacts R = record(factsFor(Code, Triple), "R");
    ASSERT_EQ(R.Fields.size(), 6u);
    EXPECT_EQ(R.Fields[0].NamesMemberAfter, 0u); // a
    EXPECT_EQ(R.Fields[2].NamesMemberAfter, 2u); // t: below 'using T'
    EXPECT_EQ(R.Fields[3].NamesMemberAfter, 3u); // k: below 'enum Kind'
    EXPECT_EQ(R.Fields[4].NamesMemberAfter, 0u); // its own type
    EXPECT_EQ(R.Fields[5].NamesMemberAfter, 5u); // buf: below N
  }
}
