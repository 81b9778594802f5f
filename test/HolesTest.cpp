//===- HolesTest.cpp - Holes, bit holes, padding, pahole's picture --------===//

#include "Holes.h"
#include "Emitters.h"
#include "TestSupport.h"

#include "gtest/gtest.h"

using namespace structlayout;
using namespace structlayout::test;

namespace {

TEST(Holes, ByteHolesBitHolesAndTailPadding) {
  const RecordFacts &R =
      record(factsFor("struct S { char a; long b; unsigned c : 3; char d; };",
                      "x86_64-linux-gnu"),
             "S");
  HoleSummary H = findHoles(R, R.Layouts[0]);
  ASSERT_EQ(H.Holes.size(), 2u);
  EXPECT_EQ(H.Holes[0].OffsetBits, 8u);
  EXPECT_EQ(H.Holes[0].SizeBits, 56u);
  EXPECT_EQ(H.Holes[0].AfterField, 0);
  EXPECT_TRUE(H.Holes[1].isBitHole());
  EXPECT_EQ(H.Holes[1].SizeBits, 5u);
  EXPECT_EQ(H.TailPaddingBits, 6u * 8);
  EXPECT_EQ(H.MemberBytes, 10u);
  EXPECT_EQ(H.BitFieldBits, 3u);
}

TEST(Holes, UnionsHaveOnlyTailPadding) {
  const RecordFacts &R = record(
      factsFor("union U { char c[5]; int i; };", "x86_64-linux-gnu"), "U");
  HoleSummary H = findHoles(R, R.Layouts[0]);
  EXPECT_TRUE(H.Holes.empty());
  EXPECT_EQ(H.TailPaddingBits, 3u * 8);
}

TEST(Holes, PrintLayoutSpeaksPahole) {
  const RecordFacts &R =
      record(factsFor("struct S { char a; long b; unsigned c : 3; char d; char "
                      "big[60]; int after; };",
                      "x86_64-linux-gnu"),
             "S");
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  printLayout(OS, R, R.Layouts[0]);
  EXPECT_NE(Out.find("struct S {"), std::string::npos) << Out;
  EXPECT_NE(Out.find("/* XXX 7 bytes hole, try to pack */"), std::string::npos)
      << Out;
  EXPECT_NE(Out.find("/* XXX 5 bits hole, try to pack */"), std::string::npos)
      << Out;
  EXPECT_NE(Out.find("--- cacheline 1 boundary (64 bytes) was 16 bytes ago"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("/* size: 88, cachelines: 2, members: 6 */"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("/* XXX 2 bytes hole, try to pack */"), std::string::npos)
      << Out;
  EXPECT_NE(Out.find("/* padding: 4 */"), std::string::npos) << Out;
  EXPECT_NE(Out.find("char                       big[60];"), std::string::npos)
      << Out;
}

} // namespace
