//===- FactsTest.cpp - The extractor's numbers are Clang's ----------------===//
//
// For each target, the facts of a corpus of tricky records are turned into
// static_asserts on sizeof, alignof and offsetof, and compiled again for the
// same target: the compiler itself says whether the facts are right. The
// layout model must also reproduce each record it accepts.
//
//===----------------------------------------------------------------------===//

#include "LayoutModel.h"
#include "TestSupport.h"

#include "gtest/gtest.h"

#include <sstream>

using namespace structlayout;
using namespace structlayout::test;

namespace {

const char *CxxCorpus = R"cpp(
struct Plain { char a; double b; char c; int d; };
struct Bits { char c; unsigned x : 3; long l; unsigned y : 30; char z; };
struct ZeroWidth { char a : 3; int : 0; char b : 4; };
struct WideRun { unsigned long long a : 40; unsigned char b : 3; short s; };
struct MixedBits { char a; short b : 9; int c : 20; char d; };
struct __attribute__((packed)) Packed { char a; int b; short c; };
struct HoldsPacked { char x; Packed p; double d; };
struct Aligned { char a; alignas(16) int b; char c; };
struct alignas(32) OverAligned { char a; int b; };
#pragma pack(push, 2)
struct Pack2 { char a; int b; char c; double d; };
struct Pack2Bits { char a; int b : 5; int c : 30; };
#pragma pack(pop)
struct Empty {};
struct EmptyBase : Empty { char a; int b; };
struct Base { int x; char y; Base(); };
struct TailReuse : Base { char z; short w; };
struct PodBase { int x; char y; };
struct NoTailReuse : PodBase { char z; };
struct VBase { int v; };
struct Virtual : virtual VBase { char a; double d; };
struct Dynamic { virtual ~Dynamic(); char a; void *p; char b; };
struct NUA { [[no_unique_address]] Empty e; char a; int b; };
struct Flex { int n; char tag; double data[]; };
struct Anon { char a; union { int i; float f; }; char b; struct { short s; char t; } inner; };
struct Outer { struct Inner { char c; long l; } in; char tail; };
template <typename T> struct Box { char tag; T value; char tag2; };
Box<double> BoxD; Box<char> BoxC;
struct Arrays { char name[3]; double vals[2]; short s[5]; };
struct FnPtr { char a; void (*fn)(int); char b; };
union U { char c; double d; int i[3]; };
class Access { public: char a; double b; private: char c; double d; public: Access(); };
struct CacheGroups { int a; alignas(64) int hot; char b; alignas(64) long cold; };
struct Bool { bool a; long long b; bool c; };
struct LongDouble { char a; long double ld; char b; };
)cpp";

const char *CCorpus = R"c(
struct node { char tag; struct node *next; short s; };
typedef struct named_s { char a; double b; } Named;
struct flex { short n; char tag; int data[]; };
struct bits { unsigned a : 1; unsigned char b; unsigned c : 20; };
)c";

/// Records that can be reordered at all; the model must accept them.
const std::vector<std::string> MustBeModelled = {
    "Plain",     "Bits",        "ZeroWidth", "WideRun",      "MixedBits",
    "Packed",    "HoldsPacked", "Aligned",   "OverAligned",  "Pack2",
    "Pack2Bits", "EmptyBase",   "TailReuse", "NoTailReuse",  "Dynamic",
    "Flex",      "Anon",        "Outer",     "Outer::Inner", "Box<double>",
    "Box<char>", "Arrays",      "FnPtr",     "Access",       "CacheGroups",
    "Bool",      "LongDouble"};

std::string staticAsserts(const TUFacts &Facts) {
  std::ostringstream OS;
  for (const RecordFacts &Rec : Facts.Records) {
    if (Rec.IsAnonymous)
      continue;
    RecordFacts R = Rec;
    if (!R.IsCXX) // C needs the tag keyword.
      R.Name = std::string(toString(R.Kind)) + " " + R.Name;
    const TargetLayout &L = R.Layouts.front();
    OS << "_Static_assert(sizeof(" << R.Name << ") == " << L.Size << ", \""
       << R.Name << " size\");\n";
    OS << "_Static_assert(_Alignof(" << R.Name << ") == " << L.Align << ", \""
       << R.Name << " align\");\n";
    for (size_t I = 0; I < R.Fields.size(); ++I) {
      const FieldFacts &F = R.Fields[I];
      if (F.IsBitField || F.Name.empty() ||
          (F.Access != AccessKind::Public && F.Access != AccessKind::None))
        continue;
      OS << "_Static_assert(__builtin_offsetof(" << R.Name << ", " << F.Name
         << ") == " << L.Fields[I].OffsetBits / 8 << ", \"" << R.Name
         << "::" << F.Name << " offset\");\n";
    }
  }
  return OS.str();
}

class FactsPerTarget : public ::testing::TestWithParam<std::string> {};

TEST_P(FactsPerTarget, CxxFactsAgreeWithTheCompiler) {
  TUFacts Facts = factsFor(CxxCorpus, GetParam());
  ASSERT_GT(Facts.Records.size(), 30u);
  std::string Error;
  EXPECT_TRUE(compiles(std::string(CxxCorpus) + staticAsserts(Facts),
                       GetParam(), false, &Error))
      << Error;
}

TEST_P(FactsPerTarget, CFactsAgreeWithTheCompiler) {
  TUFacts Facts = factsFor(CCorpus, GetParam(), /*C=*/true);
  ASSERT_EQ(Facts.Records.size(), 4u);
  std::string Error;
  EXPECT_TRUE(compiles(std::string(CCorpus) + staticAsserts(Facts), GetParam(),
                       true, &Error))
      << Error;
}

TEST_P(FactsPerTarget, ModelReproducesEveryReorderableRecord) {
  TUFacts Facts = factsFor(CxxCorpus, GetParam());
  for (const std::string &Name : MustBeModelled) {
    const RecordFacts &R = record(Facts, Name);
    if (R.Layouts.empty())
      continue;
    auto Model = LayoutModel::create(R, R.Layouts.front());
    EXPECT_TRUE(bool(Model))
        << Name << " on " << GetParam() << ": "
        << (Model ? "" : llvm::toString(Model.takeError()));
    if (!Model)
      llvm::consumeError(Model.takeError());
  }
}

TEST_P(FactsPerTarget, UnionsAndVirtualBasesAreNotReordered) {
  TUFacts Facts = factsFor(CxxCorpus, GetParam());
  for (const char *Name : {"U", "Virtual"}) {
    auto Model = LayoutModel::create(record(Facts, Name),
                                     record(Facts, Name).Layouts.front());
    EXPECT_FALSE(bool(Model)) << Name;
    if (!Model)
      llvm::consumeError(Model.takeError());
  }
}

INSTANTIATE_TEST_SUITE_P(AllTargets, FactsPerTarget,
                         ::testing::ValuesIn(allTriples()));

// Known ABI differences, stated independently of Clang.
TEST(Facts, DoubleAlignmentDiffersOnI686) {
  const char *Code = "struct S { char c; double d; };";
  EXPECT_EQ(record(factsFor(Code, "x86_64-linux-gnu"), "S").Layouts[0].Size,
            16u);
  EXPECT_EQ(record(factsFor(Code, "i686-linux-gnu"), "S").Layouts[0].Size, 12u);
  EXPECT_EQ(
      record(factsFor(Code, "x86_64-pc-windows-msvc"), "S").Layouts[0].Size,
      16u);
}

TEST(Facts, BitFieldOffsetsFollowEachAbi) {
  // SysV packs bit-fields of different types into one unit; MSVC starts a
  // new unit when the declared type's size changes.
  const char *Code = "struct S { char a : 4; int b : 4; };";
  const RecordFacts &SysV = record(factsFor(Code, "x86_64-linux-gnu"), "S");
  EXPECT_EQ(SysV.Layouts[0].Fields[1].OffsetBits, 4u);
  EXPECT_EQ(SysV.Layouts[0].Size, 4u);
  const RecordFacts &Ms = record(factsFor(Code, "x86_64-pc-windows-msvc"), "S");
  EXPECT_EQ(Ms.Layouts[0].Fields[1].OffsetBits, 32u);
  EXPECT_EQ(Ms.Layouts[0].Size, 8u);
}

TEST(Facts, FieldsCarryWhatARewriteNeeds) {
  const char *Code =
      "struct S {\n  int a, b;\n  char c = 1;\n  int d = a + 1;\n"
      "  double e[];\n};";
  const RecordFacts &S = record(factsFor(Code, "x86_64-linux-gnu"), "S");
  ASSERT_EQ(S.Fields.size(), 5u);
  EXPECT_TRUE(S.Fields[0].SharesDeclGroup);
  EXPECT_TRUE(S.Fields[1].SharesDeclGroup);
  EXPECT_FALSE(S.Fields[2].SharesDeclGroup);
  EXPECT_EQ(S.Fields[3].InitReads, std::vector<std::string>{"a"});
  EXPECT_TRUE(S.Fields[4].IsFlexibleArray);
  // `char c = 1;` spans from `char` to the semicolon.
  std::string Text(Code);
  EXPECT_EQ(Text.substr(S.Fields[2].DeclSpan.Begin,
                        S.Fields[2].DeclSpan.End - S.Fields[2].DeclSpan.Begin),
            "char c = 1;");
  EXPECT_EQ(S.Loc.Line, 1u);
  EXPECT_EQ(S.Fields[2].Loc.Line, 3u);
}

TEST(Facts, ConstructorInitialisersThatReadMembersAreRecorded) {
  const char *Code = "struct S { int a; int b; S() : a(1), b(a * 2) {} };";
  const RecordFacts &S = record(factsFor(Code, "x86_64-linux-gnu"), "S");
  EXPECT_EQ(S.Fields[1].InitReads, std::vector<std::string>{"a"});
}

TEST(Facts, SystemHeadersAndDependentTemplatesAreSkipped) {
  const char *Code = "# 1 \"/usr/include/sys.h\" 1 3\nstruct Sys { char a; "
                     "double b; };\n# 3 \"input.cc\" 2\n"
                     "template <class T> struct Dep { T t; char c; };\n"
                     "struct Mine { char a; };";
  TUFacts Facts = factsFor(Code, "x86_64-linux-gnu");
  ASSERT_EQ(Facts.Records.size(), 1u);
  EXPECT_EQ(Facts.Records[0].Name, "Mine");
}

} // namespace
