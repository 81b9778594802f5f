//===- LinesTest.cpp - Expected cache lines per use, instance facts -------===//

#include "Lines.h"
#include "Heat.h"
#include "TestSupport.h"

#include "gtest/gtest.h"

using namespace structlayout;
using namespace structlayout::test;

namespace {

TEST(ExpectedLines, ArrayElementsOfAnOddStride) {
  // 144-byte elements, 8-aligned: starts at 144k mod 64 = 0, 16, 32, 48.
  uint64_t Step = startStep(ObjectPlacement::ArrayElement, 144, 8, 64);
  EXPECT_EQ(Step, 16u);
  // Hot bytes 64..124 touch two lines for three elements in four.
  EXPECT_DOUBLE_EQ(expectedLines({{64, 124}}, Step, 64), 1.75);
  // Hot first (0..24): two lines for one element in four.
  EXPECT_DOUBLE_EQ(expectedLines({{0, 24}}, Step, 64), 1.25);
  // Line-aligned as the old metric assumed: one line either way.
  EXPECT_DOUBLE_EQ(expectedLines({{64, 124}}, 64, 64), 1.0);
  // A 24-byte element: starts every 8 bytes.
  EXPECT_EQ(startStep(ObjectPlacement::ArrayElement, 24, 8, 64), 8u);
  // Starts 48 and 56 of the eight cross a line.
  EXPECT_DOUBLE_EQ(expectedLines({{0, 24}}, 8, 64), 1.25);
}

TEST(ExpectedLines, HeapAndAlone) {
  EXPECT_EQ(startStep(ObjectPlacement::Heap, 200, 8, 64), 16u);
  EXPECT_EQ(startStep(ObjectPlacement::Heap, 200, 64, 64), 64u);
  EXPECT_EQ(startStep(ObjectPlacement::Alone, 200, 4, 64), 4u);
  EXPECT_EQ(startStep(ObjectPlacement::Heap, 200, 8, 128), 16u);
  // Two ranges on one line count once.
  EXPECT_DOUBLE_EQ(expectedLines({{0, 8}, {8, 16}}, 64, 64), 1.0);
  EXPECT_DOUBLE_EQ(expectedLines({{0, 8}, {100, 108}}, 64, 64), 2.0);
  EXPECT_DOUBLE_EQ(expectedLines({}, 16, 64), 0.0);
}

TEST(InstanceFacts, ArraysContainersNodesAndSingletons) {
  const char *Code = R"(
    #include <vector>
    struct Elem { int a; };
    struct Held { int a; };
    struct Node { int key; Node *next; };
    struct Made { int a; };
    struct Ctx { int a; };
    Elem elems[256];
    std::vector<Held> held;
    Ctx ctx;
    void build(int n) {
      for (int i = 0; i < n; ++i) { Made *m = new Made; (void)m; }
      Ctx *c = new Ctx; (void)c;
    }
  )";
  TUFacts Facts = factsFor(Code, "x86_64-linux-gnu", false, true);
  EXPECT_TRUE(record(Facts, "Elem").Instances.InArray);
  EXPECT_TRUE(record(Facts, "Held").Instances.InArray);
  EXPECT_TRUE(record(Facts, "Node").Instances.IsNode);
  EXPECT_TRUE(record(Facts, "Made").Instances.AllocatedInLoop);
  RecordFacts Ctx = record(Facts, "Ctx");
  EXPECT_FALSE(manyInstances(Ctx));
  EXPECT_TRUE(Ctx.Instances.OnHeap);
  EXPECT_EQ(placementOf(Ctx), ObjectPlacement::Heap);
  EXPECT_EQ(placementOf(record(Facts, "Elem")), ObjectPlacement::ArrayElement);
}

TEST(TripCounts, ConstantBoundsAndFixedArrays) {
  const char *Code = R"(
    struct KV { long key; long value; char pad[48]; };
    struct Table { KV keys[2]; };
    long sum(Table &t, int n) {
      long s = 0;
      for (int i = 0; i < 2; ++i) s += t.keys[i].key;
      for (int i = 0; i < n; ++i) s += t.keys[i].value;
      for (int i = 10; i > 0; i -= 3) s += t.keys[0].key;
      return s;
    }
  )";
  TUFacts Facts = factsFor(Code, "x86_64-linux-gnu", false, true);
  RecordFacts KV = record(Facts, "KV");
  ASSERT_EQ(KV.Fields[0].Accesses.size(), 2u);
  EXPECT_EQ(KV.Fields[0].Accesses[0].TripCount, 2u);
  EXPECT_DOUBLE_EQ(KV.Fields[0].Accesses[0].StaticWeight, 2.0);
  // 10, 7, 4, 1.
  EXPECT_EQ(KV.Fields[0].Accesses[1].TripCount, 4u);
  // Bounds unknown, but the array holds 2.
  ASSERT_EQ(KV.Fields[1].Accesses.size(), 1u);
  EXPECT_EQ(KV.Fields[1].Accesses[0].TripCount, 2u);
  EXPECT_DOUBLE_EQ(KV.Fields[1].Accesses[0].StaticWeight, 10.0);
}

} // namespace
