//===- RelayoutTest.cpp - Facts after a change, as Clang lays them out ----===//
//
// What a second run would see must be what Clang gives the rewritten code:
// a record reordered, and records that hold it by value (directly, in an
// array, under #pragma pack), on every target.
//
//===----------------------------------------------------------------------===//

#include "Relayout.h"
#include "TestSupport.h"

#include "gtest/gtest.h"

using namespace structlayout;
using namespace structlayout::test;

namespace {

const char *Holders = R"(
struct Outer { char x; Inner in[2]; short s; Inner one; int z; };
#pragma pack(push, 4)
struct Packed { char x; Inner in; char y; };
#pragma pack(pop)
struct Derived : Inner { char q; };
)";

std::string code(const char *InnerBody) {
  return std::string("struct Inner { ") + InnerBody + " };" + Holders;
}

void expectSameLayout(const RecordFacts &Want, const RecordFacts &Got) {
  ASSERT_EQ(Want.Fields.size(), Got.Fields.size());
  for (size_t I = 0; I < Want.Fields.size(); ++I)
    EXPECT_EQ(Want.Fields[I].Name, Got.Fields[I].Name) << Want.Name;
  ASSERT_EQ(Want.Layouts.size(), Got.Layouts.size());
  for (size_t T = 0; T < Want.Layouts.size(); ++T) {
    const TargetLayout &W = Want.Layouts[T], &G = Got.Layouts[T];
    EXPECT_EQ(W.Size, G.Size) << Want.Name << " on " << W.Triple;
    EXPECT_EQ(W.Align, G.Align) << Want.Name << " on " << W.Triple;
    for (size_t I = 0; I < W.Fields.size(); ++I) {
      EXPECT_EQ(W.Fields[I].OffsetBits, G.Fields[I].OffsetBits)
          << Want.Name << "::" << Want.Fields[I].Name << " on " << W.Triple;
      EXPECT_EQ(W.Fields[I].SizeBytes, G.Fields[I].SizeBytes)
          << Want.Name << "::" << Want.Fields[I].Name << " on " << W.Triple;
      EXPECT_EQ(W.Fields[I].AlignBytes, G.Fields[I].AlignBytes)
          << Want.Name << "::" << Want.Fields[I].Name << " on " << W.Triple;
    }
  }
}

} // namespace

TEST(Relayout, ReorderedAndHeldRecordsAreWhatClangLaysOut) {
  for (const std::string &Triple : allTriples()) {
    SCOPED_TRACE(Triple);
    TUFacts Before = factsFor(code("char a; double b; char c;"), Triple);
    TUFacts After = factsFor(code("char a; char c; double b;"), Triple);
    RecordFacts Inner = record(Before, "Inner");

    auto Reordered = reorderedRecord(Inner, {0, 2, 1});
    ASSERT_TRUE(Reordered);
    expectSameLayout(record(After, "Inner"), *Reordered);

    const TargetLayout &Was = Inner.Layouts.front();
    const TargetLayout &Now = Reordered->Layouts.front();
    HeldChanges Changes;
    Changes[Inner.key()][Was.Triple] = {Was.Size, Was.Align, Now.Size,
                                        Now.Align};
    for (const char *Holder : {"Outer", "Packed"}) {
      auto Held = withHeldRecords(record(Before, Holder), Changes);
      ASSERT_TRUE(Held) << Holder;
      expectSameLayout(record(After, Holder), *Held);
    }
    // A changed base moves every field: no prediction.
    EXPECT_FALSE(withHeldRecords(record(Before, "Derived"), Changes));
  }
}

TEST(Relayout, AnOrderThatSplitsABitFieldRunHasNoFacts) {
  TUFacts Facts = factsFor("struct B { int a : 3; int b : 5; char c; };",
                           "x86_64-pc-linux-gnu");
  EXPECT_FALSE(reorderedRecord(record(Facts, "B"), {0, 2, 1}));
  EXPECT_TRUE(reorderedRecord(record(Facts, "B"), {2, 0, 1}));
}
