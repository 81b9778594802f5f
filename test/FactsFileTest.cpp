//===- FactsFileTest.cpp - Facts files: round trips and bad files ---------===//
//
// Every field of a hand-filled TU (none at its default) and real facts from
// each triple survive a write and a read byte for byte; files of another
// version, truncated or corrupt are refused with a reason.
//
//===----------------------------------------------------------------------===//

#include "FactsFile.h"
#include "CheckSet.h"
#include "Merge.h"
#include "TestSupport.h"

#include "gtest/gtest.h"

#include <limits>

using namespace structlayout;
using namespace structlayout::test;

namespace {

SourceLoc loc(const std::string &File, unsigned N) {
  return {File, N, N + 1, N + 2};
}

/// A TU with every field of every struct set, none to its default value.
TUResult everyField() {
  TUResult R;
  R.File = "/src/a.c";
  R.Target = "linux-arm64";
  R.Command = 2;
  R.Commands = 0; // Its default is 1.
  R.Failed = true;
  R.Error = "cannot parse";
  R.UnknownArgs = {"-fgcc-only"};
  R.RejectedArgs = {{"-mabi=x", "unsupported"}};
  TUFacts &T = R.Facts;
  T.MainFile = "/src/a.c";
  T.Command = 3;
  T.DefinedFunctions = {"main", "f"};
  T.OpaqueFirstMembers = {"c:@S@P"};
  T.CallGraph.Calls = {{"main", "f", true}};
  T.CallGraph.Roots = {{"worker", "pthread_create", loc("/src/a.c", 9), true}};
  T.CallGraph.AddressTaken = {{"void (*)(int)", "cb"}};
  T.CallGraph.IndirectCalls = {{"main", "void (*)(int)"}};
  T.Evidence.Files = {"/src/a.c", "/src/a.h"};
  T.Evidence.Diagnostics = {{true, 42, loc("/src/a.h", 3), "oops"}};
  T.Evidence.Inits = {
      {"c:@S@S", loc("/src/a.c", 4), {{"a", "1"}, {"b", "<zero>"}}}};

  RecordFacts Rec;
  Rec.USR = "c:@S@S";
  Rec.Name = "S";
  Rec.Spelling = "struct S";
  Rec.Kind = RecordKind::Union;
  Rec.IsCXX = Rec.IsAnonymous = Rec.IsTemplateSpecialisation = true;
  Rec.IsPacked = Rec.HasPragmaPack = Rec.HasVirtualBases = Rec.InMacro = true;
  Rec.Loc = loc("/src/a.h", 1);
  Rec.Span = {1, 99};
  Rec.BodySpan = {5, 98};
  Rec.SeenIn = "/src/a.c";
  Rec.IsExternC = Rec.InCxxExternCHeader = true;
  Rec.FieldsDifferByTarget = Rec.FirstMemberIsBase = true;
  Rec.Hazards = {{Hazard::LayoutContract, loc("/src/a.c", 7), "why", "T"}};
  InitSite Site;
  Site.Kind = InitSite::Designated;
  Site.Loc = loc("/src/a.c", 8);
  Site.FieldOf = {1, 0};
  Site.Elements = {{10, 11}, {12, 13}};
  Site.Texts = {"1", "2"};
  Site.Trailers = {{{11, 12}, ",", " // c", true}, {{13, 14}, "", "", false}};
  Site.StrandedComment = true;
  Rec.InitSites = {Site};
  Rec.UnalignedAllocations = {{loc("/src/a.c", 5), "malloc", 16}};
  Rec.OpaqueCalls = {{loc("/src/a.c", 6), "ext"}};
  Rec.ContainedKeys = {"c:@S@In"};
  Rec.TemplateKey = "c:@ST>1#T@V";
  Rec.Instances = {true, true, true, true, true};
  Rec.ThreadSlots = {{loc("/src/a.c", 11), "slots", "id", true}};

  FieldFacts F;
  F.Name = "x";
  F.TypeName = "int";
  F.Access = AccessKind::Protected;
  F.IsBitField = F.IsFlexibleArray = F.IsAnonymousRecord = true;
  F.IsNoUniqueAddress = F.SharesDeclGroup = F.InMacro = true;
  F.BitWidth = 3;
  F.ExplicitAlign = 64;
  F.Loc = loc("/src/a.h", 2);
  F.DeclSpan = {20, 30};
  F.PPRegion = 1;
  F.NamesMemberAfter = 2;
  F.ImplicitInit = "0";
  F.InitReads = {InitReadsAll};
  F.FullSpan = {18, 31};
  // Latin-1, not UTF-8: every byte must come back.
  F.FullText = "int x; /* caf\xe9 */";
  F.DeclSpec = "int";
  F.Declarator = "x";
  F.TypeNames = {"int", "myint"};
  F.ArrayElements = std::numeric_limits<uint64_t>::max();
  F.IsSlotContainer = F.IsVector = F.IndexedByThread = true;
  F.ElementTypeNames = {"E"};
  F.ElementUSR = "c:@S@E";
  F.HeldRecordKey = "c:@S@H";
  F.Writers = {"w"};
  F.Readers = {"r"};
  FieldAccess A;
  A.Loc = loc("/src/a.c", 12);
  A.Function = "main::(lambda at a.c:3:5)";
  A.LoopDepth = 2;
  A.StaticWeight = 0.1; // Its default is 1; not exact in binary.
  A.LoopLoc = loc("/src/a.c", 11);
  A.ThroughElement = true;
  A.Sequence = "sys->items";
  A.TripCount = 1000;
  F.Accesses = {A};
  Rec.Fields = {F, FieldFacts()};

  TargetLayout L;
  L.Triple = "aarch64-linux-gnu";
  L.Target = "linux-arm64";
  L.TargetRank = 1;
  L.MicrosoftLayout = L.HasOwnVFPtr = L.HasOwnVBPtr = true;
  L.PointerBytes = 4;
  L.CacheLineBytes = 128;
  L.InterferenceBytes = 256;
  L.Size = 24;
  L.Align = 8;
  L.DataSize = 20;
  L.FieldsBegin = 8;
  L.BasesEnd = 1;
  L.VBPtrOffset = 4;
  L.Bases = {{"B", true, true, 0, 1}};
  FieldLayout FL;
  FL.OffsetBits = 65;
  FL.SizeBytes = 4;
  FL.AlignBytes = 0; // Its default is 1.
  FL.ElementBytes = 2;
  FL.NaturalAlignBytes = 0;
  FL.StorageUnitBits = 32;
  FL.BitAlignBits = 8;
  FL.BitFieldMayPad = false; // Its default is true.
  L.Fields = {FL, FieldLayout()};
  Rec.Layouts = {L};
  T.Records = {Rec};
  return R;
}

FactsFile fileOf(TUResult R) {
  FactsFile F;
  F.ToolVersion = "9.9";
  F.Mode.FunctionBodies = F.Mode.Evidence = true;
  F.TU = std::move(R);
  return F;
}

TEST(FactsFile, EveryFieldSurvivesARoundTrip) {
  std::string Text = writeFactsFile(fileOf(everyField()));
  auto Read = readFactsFile(Text);
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(writeFactsFile(*Read), Text);
  EXPECT_EQ(Read->ToolVersion, "9.9");
  EXPECT_TRUE(Read->Mode.Evidence);
  const TUResult &R = Read->TU;
  EXPECT_EQ(R.Commands, 0u);
  EXPECT_EQ(R.RejectedArgs.front().second, "unsupported");
  const RecordFacts &Rec = R.Facts.Records.at(0);
  EXPECT_EQ(Rec.Kind, RecordKind::Union);
  EXPECT_TRUE(Rec.Instances.OnHeap);
  EXPECT_EQ(Rec.InitSites.at(0).Trailers.at(0).Comment, " // c");
  EXPECT_TRUE(Rec.InitSites.at(0).Trailers.at(0).CodeAfter);
  const FieldFacts &F = Rec.Fields.at(0);
  EXPECT_EQ(F.FullText, "int x; /* caf\xe9 */");
  EXPECT_EQ(F.Access, AccessKind::Protected);
  EXPECT_EQ(F.ArrayElements, std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(F.Accesses.at(0).StaticWeight, 0.1);
  EXPECT_EQ(F.Accesses.at(0).TripCount, 1000u);
  EXPECT_EQ(Rec.Fields.at(1).Name, "");
  const FieldLayout &L = Rec.Layouts.at(0).Fields.at(0);
  EXPECT_EQ(L.AlignBytes, 0u);
  EXPECT_FALSE(L.BitFieldMayPad);
  EXPECT_EQ(Rec.Layouts.at(0).Fields.at(1).AlignBytes, 1u);
  EXPECT_TRUE(Rec.Layouts.at(0).Fields.at(1).BitFieldMayPad);
  EXPECT_EQ(R.Facts.Evidence.Inits.at(0).Values.at(1).second, "<zero>");
  EXPECT_TRUE(R.Facts.CallGraph.Calls.at(0).BeforeThreads);
  EXPECT_EQ(R.Facts.CallGraph.Roots.at(0).Loc.Offset, 11u);

  // Each field at a default is left out, and a default read back.
  std::string Empty = writeFactsFile(fileOf(TUResult()));
  EXPECT_EQ(Empty.find("\"commands\""), std::string::npos);
  auto Defaults = readFactsFile(Empty);
  ASSERT_TRUE(bool(Defaults));
  EXPECT_EQ(Defaults->TU.Commands, 1u);
}

TEST(FactsFile, EveryKeyIsWrittenWhenNoFieldIsAtItsDefault) {
  // A field the file format forgets would be missing here: the hand-filled
  // TU sets all of them, so each struct's keys all appear.
  std::string Text = writeFactsFile(fileOf(everyField()));
  for (const char *Key :
       {"\"static_weight\"", "\"trip_count\"", "\"bit_field_may_pad\"",
        "\"interference_size\"", "\"thread_slots\"", "\"opaque_calls\"",
        "\"held_record_key\"", "\"indexed_by_thread\"", "\"code_after\"",
        "\"stranded_comment\"", "\"opaque_first_members\"",
        "\"indirect_calls\"", "\"rejected_args\"", "\"hex\""})
    EXPECT_NE(Text.find(Key), std::string::npos) << Key;
}

class FactsFilePerTarget : public testing::TestWithParam<std::string> {};

TEST_P(FactsFilePerTarget, RealFactsGiveTheSameFindingsAfterARoundTrip) {
  const char *Code = R"(
    #include <stddef.h>
    struct item { char tag; double weight; char flag; int count; };
    struct item items[128];
    double total(void) {
      double sum = 0;
      for (int i = 0; i < 128; i++) sum += items[i].weight * items[i].count;
      return sum;
    }
    struct hdr { char kind; long len; char pad; };
    _Static_assert(offsetof(struct hdr, len) >= 4, "wire format");
  )";
  TUResult R;
  R.File = "/src/input.c";
  R.Facts = factsFor(Code, GetParam(), /*C=*/true, /*Bodies=*/true);
  ASSERT_FALSE(R.Facts.Records.empty());
  std::string Text = writeFactsFile(fileOf(R));
  auto Read = readFactsFile(Text);
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(writeFactsFile(*Read), Text);

  auto Findings = [](TUFacts Facts) {
    Settings S;
    S.Checks.push_back({"-*,layout-*", "test"});
    auto Set = CheckSet::create(S);
    EXPECT_TRUE(bool(Set));
    MergedFacts M = mergeFacts({std::move(Facts)});
    CheckContext Context;
    Context.indexFacts(M);
    std::vector<Finding> Out;
    for (const RecordFacts &Rec : M.Records)
      Set->run(Rec, Context, Out);
    std::string All;
    for (const Finding &F : Out)
      All += F.Check + " " + F.Message + "\n";
    return All;
  };
  std::string Before = Findings(R.Facts);
  EXPECT_NE(Before, "");
  EXPECT_EQ(Findings(Read->TU.Facts), Before);
}

INSTANTIATE_TEST_SUITE_P(Triples, FactsFilePerTarget,
                         testing::ValuesIn(allTriples()));

TEST(FactsFile, BadFilesAreRefusedWithAReason) {
  std::string Text = writeFactsFile(fileOf(everyField()));
  auto Message = [](llvm::StringRef Bad) {
    auto Read = readFactsFile(Bad);
    EXPECT_FALSE(bool(Read));
    return Read ? std::string() : llvm::toString(Read.takeError());
  };
  EXPECT_NE(Message(Text.substr(0, Text.size() / 2)).find("truncated"),
            std::string::npos);
  std::string Other = Text;
  Other.replace(Other.find("\"version\":1"), 11, "\"version\":7");
  EXPECT_NE(Message(Other).find("version 7"), std::string::npos);
  EXPECT_NE(Message("{\"records\": []}").find("not a struct-layout facts"),
            std::string::npos);
  std::string Corrupt = Text;
  Corrupt.replace(Corrupt.find("\"trip_count\":1000"), 17,
                  "\"trip_count\":\"x\"");
  EXPECT_NE(Message(Corrupt).find("trip_count' is not a count"),
            std::string::npos);
}

} // namespace
