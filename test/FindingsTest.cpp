//===- FindingsTest.cpp - One finding per problem -------------------------===//
//
// The specialisations of a class template that waste the same bytes give
// one finding naming them all; one that differs keeps its own (issue 13,
// item 4). On every test triple.
//
//===----------------------------------------------------------------------===//

#include "PaddingCheck.h"
#include "TestSupport.h"

#include "gtest/gtest.h"

using namespace structlayout;
using namespace structlayout::test;

namespace {

const char *Code = R"cpp(
template <class T> struct Box { char tag; T value; char flags; };
Box<double> a;
Box<long long> b;
Box<short> c;
)cpp";

class FindingsPerTarget : public ::testing::TestWithParam<std::string> {};

TEST_P(FindingsPerTarget, SpecialisationsThatSayTheSameGiveOneFinding) {
  TUFacts Facts = factsFor(Code, GetParam());
  std::vector<Finding> Findings;
  for (const char *Name : {"Box<double>", "Box<long long>", "Box<short>"})
    for (Finding &F :
         runCheck<PaddingCheck>("layout-padding", record(Facts, Name)))
      Findings.push_back(std::move(F));
  // double and long long have the same size and alignment except where
  // double is 4-aligned in records (i686): then they differ, and stay two.
  RecordFacts Double = record(Facts, "Box<double>");
  RecordFacts Long = record(Facts, "Box<long long>");
  bool SameLayout = Double.Layouts.front().Size == Long.Layouts.front().Size;
  size_t Before = Findings.size();
  ASSERT_GE(Before, 2u);
  sortFindings(Findings);
  mergeRepeatedFindings(Findings);
  if (!SameLayout) {
    EXPECT_EQ(Findings.size(), Before);
    return;
  }
  EXPECT_EQ(Findings.size(), Before - 1);
  const Finding &Merged = Findings.front();
  EXPECT_EQ(Merged.RecordName, "Box<double>");
  const llvm::json::Array *Also = Merged.Details.getArray("also");
  ASSERT_NE(Also, nullptr);
  ASSERT_EQ(Also->size(), 1u);
  EXPECT_EQ((*Also)[0].getAsString(), "Box<long long>");
  EXPECT_NE(Merged.Notes.back().Message.find("'Box<long long>'"),
            std::string::npos);
  for (const Finding &F : Findings)
    EXPECT_NE(F.RecordName, "Box<long long>");
}

INSTANTIATE_TEST_SUITE_P(Targets, FindingsPerTarget,
                         ::testing::ValuesIn(allTriples()));

} // namespace
