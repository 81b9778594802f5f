//===- FalseSharingTest.cpp - layout-false-sharing over plain facts
//--------===//
//
// Layouts from Clang, access facts (who writes which field) as plain data:
// the check reports contended fields on one line unless the same functions
// write them, predicts the fixed size, and knows types by their names.
//
//===----------------------------------------------------------------------===//

#include "FalseSharingCheck.h"
#include "TestSupport.h"

#include "gtest/gtest.h"

using namespace structlayout;
using namespace structlayout::test;

namespace {

const char *Code = R"(
  typedef struct { int locked; } spin_t;
  struct Q { _Atomic long head; _Atomic long tail; spin_t lock; long data; };
)";

std::vector<Finding> run(const RecordFacts &R, llvm::StringRef Contended = "",
                         bool Fixes = false) {
  CheckContext Context;
  Context.WantFixes = Fixes;
  return runCheck<FalseSharingCheck>(
      "layout-false-sharing", R,
      {{"layout-false-sharing.ContendedTypes", Contended.str()}}, Context);
}

TEST(FalseSharing, KnowsContendedTypesByName) {
  EXPECT_TRUE(
      FalseSharingCheck::isContended({"std::atomic<int>", "std::atomic"}, ""));
  EXPECT_TRUE(FalseSharingCheck::isContended({"pthread_mutex_t"}, ""));
  EXPECT_TRUE(FalseSharingCheck::isContended({"_Atomic"}, ""));
  EXPECT_FALSE(FalseSharingCheck::isContended({"long"}, ""));
  EXPECT_FALSE(FalseSharingCheck::isContended({"folly::SpinLock"}, ""));
  EXPECT_TRUE(FalseSharingCheck::isContended({"folly::SpinLock"},
                                             "absl::Mutex; folly::SpinLock"));
}

TEST(FalseSharing, TypeNamesComeFromClang) {
  TUFacts Facts = factsFor(Code, "x86_64-linux-gnu", /*C=*/true);
  RecordFacts Q = record(Facts, "Q");
  EXPECT_TRUE(llvm::is_contained(Q.Fields[0].TypeNames, "_Atomic"));
  EXPECT_TRUE(llvm::is_contained(Q.Fields[2].TypeNames, "spin_t"));
}

TEST(FalseSharing, DifferentWritersOnOneLineAreReported) {
  for (const std::string &Triple :
       {std::string("x86_64-linux-gnu"), std::string("i686-linux-gnu")}) {
    RecordFacts Q = record(factsFor(Code, Triple, true), "Q");
    Q.Fields[0].Writers = {"produce"};
    Q.Fields[1].Writers = {"consume"};
    std::vector<Finding> Out = run(Q);
    ASSERT_EQ(Out.size(), 1u) << Triple;
    EXPECT_NE(Out[0].Message.find("fields 'head' and 'tail'"),
              std::string::npos)
        << Out[0].Message;
    // The user's lock joins them once named.
    Out = run(Q, "spin_t");
    ASSERT_EQ(Out.size(), 1u);
    EXPECT_NE(Out[0].Message.find("'head', 'tail' and 'lock'"),
              std::string::npos)
        << Out[0].Message;
  }
}

TEST(FalseSharing, FieldsWrittenTogetherStayQuiet) {
  RecordFacts Q = record(factsFor(Code, "x86_64-linux-gnu", true), "Q");
  Q.Fields[0].Writers = {"update", "reset"};
  Q.Fields[1].Writers = {"reset", "update"};
  EXPECT_TRUE(run(Q).empty());
  // Unknown writers (bodies not seen) are not "together".
  Q.Fields[1].Writers.clear();
  EXPECT_EQ(run(Q).size(), 1u);
}

TEST(FalseSharing, AConditionVariableWithItsMutexStaysQuiet) {
  const char *Pool = R"(
    typedef union { char b[40]; long a; } pthread_mutex_t;
    typedef union { char b[48]; long long a; } pthread_cond_t;
    struct P { pthread_mutex_t mutex; pthread_cond_t cond; _Atomic int jobs; };
  )";
  RecordFacts P = record(factsFor(Pool, "x86_64-linux-gnu", true), "P");
  P.Fields[0].Writers = {"submit", "worker"};
  P.Fields[1].Writers = {"submit", "worker", "shutdown"};
  P.Fields[2].Writers = {"stats"};
  std::vector<Finding> Out = run(P);
  // cond spans bytes 40..87, jobs at 88: they share the second line.
  ASSERT_EQ(Out.size(), 1u) << "the atomic still contends with the cond";
  EXPECT_NE(Out[0].Message.find("fields 'cond' and 'jobs'"), std::string::npos)
      << Out[0].Message;
  P.Fields[2].Writers = {"submit", "worker"}; // together with the mutex
  P.Fields[2].TypeNames = {"int"};
  EXPECT_TRUE(run(P).empty());
}

TEST(FalseSharing, ConditionVariablesOfOneMutexStayQuiet) {
  // zstd's POOL_ctx: a queue mutex and its push and pop conditions.
  const char *Pool = R"(
    typedef union { char b[40]; long a; } pthread_mutex_t;
    typedef union { char b[48]; long long a; } pthread_cond_t;
    struct Q { pthread_cond_t push; pthread_cond_t pop; pthread_mutex_t m; };
    struct NoLock { pthread_cond_t push; pthread_cond_t pop; };
  )";
  TUFacts Facts = factsFor(Pool, "x86_64-linux-gnu", true);
  RecordFacts Q = record(Facts, "Q");
  Q.Fields[0].Writers = {"add"};
  Q.Fields[1].Writers = {"take"};
  EXPECT_TRUE(run(Q).empty());
  RecordFacts NoLock = record(Facts, "NoLock");
  NoLock.Fields[0].Writers = {"add"};
  NoLock.Fields[1].Writers = {"take"};
  EXPECT_EQ(run(NoLock).size(), 1u) << "no mutex in sight: reported";
}

TEST(FalseSharing, ReadMostlyNeighboursOfAWrittenAtomic) {
  const char *Code = R"(
    struct Obj { _Atomic int refs; const char *name; long size; };
  )";
  RecordFacts Obj = record(factsFor(Code, "x86_64-linux-gnu", true), "Obj");
  Obj.Fields[0].Writers = {"obj_ref"};
  Obj.Fields[1].Readers = {"obj_name"};
  Obj.Fields[2].Readers = {"obj_size"};
  std::vector<Finding> Out = run(Obj);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_NE(Out[0].Message.find("read-mostly 'name' and 'size' share"),
            std::string::npos)
      << Out[0].Message;
  Obj.Fields[2].Writers = {"obj_resize"}; // written too: not read-mostly
  Out = run(Obj);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_NE(Out[0].Message.find("read-mostly 'name' shares"), std::string::npos)
      << Out[0].Message;
  Obj.Fields[0].Writers.clear(); // an atomic nobody writes: quiet
  EXPECT_TRUE(run(Obj).empty());
}

TEST(FalseSharing, FixAlignsTheSecondFieldAndPredictsTheSize) {
  RecordFacts Q = record(factsFor(Code, "x86_64-linux-gnu", true), "Q");
  std::vector<Finding> Out = run(Q, "", /*Fixes=*/true);
  ASSERT_EQ(Out.size(), 1u);
  ASSERT_EQ(Out[0].Fixes.size(), 1u);
  EXPECT_EQ(Out[0].Fixes[0].getReplacementText(), "_Alignas(64) ");
  const llvm::json::Array *Sizes = Out[0].Details.getArray("targets");
  ASSERT_TRUE(Sizes);
  uint64_t Fixed = *(*Sizes)[0].getAsObject()->getInteger("fixed_size");
  // What Clang says of the record with the alignas added.
  std::string Aligned = "typedef struct { int locked; } spin_t;\n"
                        "struct Q { _Atomic long head; _Alignas(64) _Atomic "
                        "long tail; spin_t lock; long data; };\n"
                        "_Static_assert(sizeof(struct Q) == " +
                        std::to_string(Fixed) + ", \"predicted\");";
  std::string Error;
  EXPECT_TRUE(compiles(Aligned, "x86_64-linux-gnu", true, &Error)) << Error;
}

} // namespace
