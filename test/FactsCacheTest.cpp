//===- FactsCacheTest.cpp - Cache keys, entries, eviction; the merge ------===//
//
// Every input of the extraction key changes it; an entry is found while
// the files it was read from keep their content and missed after; the least
// recently used entry is evicted first; the merge is order-independent and
// idempotent.
//
//===----------------------------------------------------------------------===//

#include "FactsCache.h"
#include "FactsFile.h"
#include "Merge.h"
#include "Runner.h"
#include "TestSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <functional>
#include <set>
#include <thread>

using namespace structlayout;
using namespace structlayout::test;

namespace {

TEST(FactsCache, EveryInputChangesTheKey) {
  clang::tooling::CompileCommand Cmd("/src", "a.c", {"clang", "-c", "a.c"},
                                     "a.o");
  RunOptions Run;
  ExtractOptions Extract;
  auto Key = [&] { return extractionKey("/src/a.c", Cmd, Run, Extract, 0, 1); };
  std::string Base = Key();
  EXPECT_EQ(Key(), Base);
  std::vector<std::pair<const char *, std::function<void()>>> Changes = {
      {"directory", [&] { Cmd.Directory = "/other"; }},
      {"file name", [&] { Cmd.Filename = "b.c"; }},
      {"command line", [&] { Cmd.CommandLine.push_back("-DX=1"); }},
      {"argument split", [&] { Cmd.CommandLine = {"clang -c", "a.c"}; }},
      {"extra args", [&] { Run.ExtraArgs = {"-DY"}; }},
      {"extra args before", [&] { Run.ExtraArgsBefore = {"-DY"}; }},
      {"resource dir", [&] { Run.ResourceDir = "/r"; }},
      {"cache line", [&] { Extract.CacheLineBytes = 128; }},
      {"target name", [&] { Extract.TargetName = "linux-arm64"; }},
      {"target rank", [&] { Extract.TargetRank = 1; }},
      {"bodies", [&] { Extract.SkipFunctionBodies = false; }},
      {"evidence", [&] { Extract.CollectEvidence = true; }},
      {"fix facts", [&] { Extract.FixFacts = false; }},
      {"thread starters", [&] { Extract.ThreadStarters = {"submit"}; }},
  };
  std::set<std::string> Seen = {Base};
  for (auto &[What, Change] : Changes) {
    clang::tooling::CompileCommand SavedCmd = Cmd;
    RunOptions SavedRun = Run;
    ExtractOptions SavedExtract = Extract;
    Change();
    EXPECT_TRUE(Seen.insert(Key()).second) << What;
    Cmd = SavedCmd;
    Run = SavedRun;
    Extract = SavedExtract;
  }
  EXPECT_NE(extractionKey("/src/b.c", Cmd, Run, Extract, 0, 1), Base);
  EXPECT_NE(extractionKey("/src/a.c", Cmd, Run, Extract, 1, 2), Base);
  EXPECT_NE(extractionKey("/src/a.c", Cmd, Run, Extract, 0, 2), Base);
}

class CacheDir : public testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("sl-cache", Root));
    Header = path("shared.h");
    write(Header, "struct S { char a; };\n");
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }
  std::string path(llvm::StringRef Name) {
    llvm::SmallString<256> P(Root);
    llvm::sys::path::append(P, Name);
    return P.str().str();
  }
  static void write(const std::string &Path, llvm::StringRef Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << Text;
  }
  static TUResult result(const std::string &File) {
    TUResult R;
    R.File = File;
    R.Facts.MainFile = File;
    R.Facts.Records.emplace_back();
    R.Facts.Records.back().Name = "S";
    return R;
  }
  unsigned entries() {
    unsigned N = 0;
    std::error_code EC;
    for (llvm::sys::fs::recursive_directory_iterator It(path("cache"), EC), End;
         It != End && !EC; It.increment(EC))
      N += llvm::StringRef(It->path()).ends_with(".entry");
    return N;
  }
  llvm::SmallString<256> Root;
  std::string Header;
};

TEST_F(CacheDir, AnEntryLivesWhileItsFilesKeepTheirContent) {
  FactsCache Cache(path("cache"), "tool 1", 1 << 20);
  EXPECT_FALSE(Cache.find("k"));
  Cache.keep("k", result("/src/a.c"), {Header});
  auto Found = Cache.find("k");
  ASSERT_TRUE(Found);
  EXPECT_EQ(Found->Facts.Records.at(0).Name, "S");
  // Another build of the tool has other entries.
  FactsCache Other(path("cache"), "tool 2", 1 << 20);
  EXPECT_FALSE(Other.find("k"));
  // A file read changes: a new run (which reads it afresh) misses.
  write(Header, "struct S { char a; long b; };\n");
  FactsCache Later(path("cache"), "tool 1", 1 << 20);
  EXPECT_FALSE(Later.find("k"));
  // Failed TUs and TUs that read __DATE__ are not kept.
  TUResult Failed = result("/src/b.c");
  Failed.Failed = true;
  Later.keep("failed", Failed, {Header});
  EXPECT_FALSE(Later.find("failed"));
  std::string Stamp = path("stamp.h");
  write(Stamp, "const char *built = __DATE__;\n");
  Later.keep("stamp", result("/src/c.c"), {Header, Stamp});
  EXPECT_FALSE(Later.find("stamp"));
  EXPECT_EQ(Later.problems().size(), 0u);
}

TEST_F(CacheDir, TheLeastRecentlyUsedEntryGoesFirst) {
  // An entry's size, and that of the record all of them share.
  FactsCache Sizer(path("sizer"), "tool", 1 << 20);
  Sizer.keep("a", result("/src/a.c"), {Header});
  uint64_t EntrySize = 0, RecordSize = 0;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(path("sizer"), EC), End;
       It != End && !EC; It.increment(EC)) {
    llvm::StringRef Name(It->path());
    if (Name.ends_with(".entry"))
      llvm::sys::fs::file_size(Name, EntrySize);
    if (Name.ends_with(".record"))
      llvm::sys::fs::file_size(Name, RecordSize);
  }
  ASSERT_GT(EntrySize, 0u);
  ASSERT_GT(RecordSize, 0u);

  // Room for two entries and the record at 90 %, not for three.
  FactsCache Cache(path("cache"), "tool",
                   (2 * EntrySize + RecordSize) * 10 / 9 + 1);
  for (const char *Key : {"a", "b", "c"}) {
    Cache.keep(Key, result("/src/a.c"), {Header});
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(Cache.find("a")); // Used again: now the most recent.
  EXPECT_EQ(Cache.trim(), 1u);
  EXPECT_EQ(entries(), 2u);
  EXPECT_TRUE(Cache.find("a"));
  EXPECT_FALSE(Cache.find("b"));
  EXPECT_TRUE(Cache.find("c"));
  EXPECT_EQ(Cache.trim(), 0u);
}

/// The merged records, as the facts file writes them: every field compared.
std::string text(const MergedFacts &M) {
  FactsFile F;
  F.TU.Facts.Records = M.Records;
  F.TU.Facts.CallGraph = M.CallGraph;
  std::string Out = writeFactsFile(F);
  for (const LayoutConflict &C : M.Conflicts)
    Out += C.RecordName + " " + C.Triple + "\n";
  return Out;
}

TEST(Merge, IsOrderIndependentAndIdempotent) {
  const char *Header = R"(
    struct shared { char a; double b; char c; };
  )";
  std::string A = std::string(Header) + R"(
    struct shared s1;
    void touch(struct shared *s) { for (int i = 0; i < 9; i++) s->a++; }
  )";
  std::string B = std::string(Header) + R"(
    struct shared s2[128];
    double sum(void) { double t = 0; for (int i = 0; i < 128; i++) t += s2[i].b; return t; }
  )";
  std::string C = R"(struct other { char x; long y; };
    struct other o;)";
  for (const std::string &Triple : allTriples()) {
    TUFacts FA = factsFor(A, Triple, true, true);
    TUFacts FB = factsFor(B, Triple, true, true);
    TUFacts FC = factsFor(C, Triple, true, true);
    FA.MainFile = "/src/a.c";
    FB.MainFile = "/src/b.c";
    FC.MainFile = "/src/c.c";
    std::string Forward = text(mergeFacts({FA, FB, FC}));
    EXPECT_EQ(text(mergeFacts({FC, FB, FA})), Forward) << Triple;
    EXPECT_EQ(text(mergeFacts({FB, FA, FC})), Forward) << Triple;
    EXPECT_EQ(text(mergeFacts({FA, FB, FC, FA, FB, FC})), Forward) << Triple;
  }
}

} // namespace
