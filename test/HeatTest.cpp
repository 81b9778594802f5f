//===- HeatTest.cpp - Access facts, the heat model, layout-hot-cold -------===//
//
// Access facts from real ASTs (loop depth, call graph, cold code, element
// accesses), the heat model and coverage profiles over plain data, and the
// hot-cold check over facts, on several targets.
//
//===----------------------------------------------------------------------===//

#include "Heat.h"
#include "AosToSoaCheck.h"
#include "HotColdCheck.h"
#include "Profile.h"
#include "TestSupport.h"

#include "llvm/Support/FormatVariadic.h"
#include "gtest/gtest.h"

using namespace structlayout;
using namespace structlayout::test;

namespace {

const FieldFacts &field(const RecordFacts &R, llvm::StringRef Name) {
  for (const FieldFacts &F : R.Fields)
    if (F.Name == Name)
      return F;
  ADD_FAILURE() << "no field " << Name.str();
  return R.Fields.front();
}

const char *Particles = R"(
  struct P { double x, y; char name[64]; double vx, vy; int id; };
  void dump(P *ps, int n);
  void step(P *ps, int n) {
    for (int i = 0; i < n; ++i) {
      ps[i].x += ps[i].vx;
      ps[i].y += ps[i].vy;
    }
  }
  void run(P *ps, int n) {
    for (int t = 0; t < 100; ++t)
      step(ps, n);
  }
  void dump(P *ps, int n) {
    for (int i = 0; i < n; ++i)
      (void)ps[i].name[0], (void)ps[i].id;
  }
  int main() { P ps[4] = {}; ps[0].id = 1; run(ps, 4); dump(ps, 4); }
)";

TEST(AccessFacts, LoopsCallersAndColdCode) {
  TUFacts Facts = factsFor(Particles, "x86_64-linux-gnu", false, true);
  RecordFacts R = record(Facts, "P");
  const FieldFacts &X = field(R, "x");
  ASSERT_EQ(X.Accesses.size(), 1u);
  EXPECT_EQ(X.Accesses[0].LoopDepth, 1u);
  EXPECT_EQ(X.Accesses[0].Function, "step");
  EXPECT_TRUE(X.Accesses[0].ThroughElement);
  EXPECT_EQ(X.Accesses[0].Sequence, "ps");
  // 10 for its loop (its bound is not a constant), times 100: step is
  // called from run's loop of 100.
  EXPECT_DOUBLE_EQ(X.Accesses[0].StaticWeight, 1000);
  // dump's loop is cold by name; main's set-up is cold too.
  const FieldFacts &Id = field(R, "id");
  ASSERT_EQ(Id.Accesses.size(), 2u);
  for (const FieldAccess &A : Id.Accesses)
    EXPECT_LE(A.StaticWeight, 1.0) << A.Function;
  EXPECT_TRUE(field(R, "vy").Accesses[0].ThroughElement);
}

TEST(AccessFacts, RangeForAndSteppedPointers) {
  TUFacts Facts = factsFor(R"(
    #include <vector>
    struct E { int a, b; };
    int sum(std::vector<E> &v, E *p, E *end, E *arr, int n) {
      int s = 0;
      for (E &e : v) s += e.a;
      for (; p != end; ++p) s += p->b;
      E one{}; s += one.b;
      for (int i = 0; i < n; ++i) { E *q = &arr[i]; s += q->a; }
      E *first = &arr[0];
      for (int i = 0; i < n; ++i) s += first->a;
      return s;
    })",
                           "x86_64-linux-gnu", false, true);
  RecordFacts R = record(Facts, "E");
  const std::vector<FieldAccess> &A = field(R, "a").Accesses;
  ASSERT_EQ(A.size(), 3u);
  EXPECT_TRUE(A[0].ThroughElement);
  EXPECT_EQ(A[0].Sequence, "v");
  // A pointer to this iteration's element, taken in the loop...
  EXPECT_TRUE(A[1].ThroughElement);
  EXPECT_EQ(A[1].Sequence, "arr");
  // ...but not one taken before it: the same element every time.
  EXPECT_FALSE(A[2].ThroughElement);
  const std::vector<FieldAccess> &B = field(R, "b").Accesses;
  ASSERT_EQ(B.size(), 2u);
  EXPECT_TRUE(B[0].ThroughElement);
  EXPECT_EQ(B[0].Sequence, "p");
  EXPECT_FALSE(B[1].ThroughElement);
  EXPECT_EQ(B[1].LoopDepth, 0u);
}

TEST(AccessFacts, OnlyLoopsThatStepThroughElements) {
  TUFacts Facts = factsFor(R"(
    struct J { int consumed, size; };
    void block();
    void wait(J *jobs, int id) {
      while (jobs[id].consumed < jobs[id].size) block();   // one element
    }
    int names(J **stores, int n) {
      int s = 0;
      for (int i = 0; i < n; ++i) s += stores[i]->size;    // pointers
      return s;
    }
    int outer(J *p, J *end, int k) {
      int s = 0;
      for (; p < end; ++p) {
        int t = 0;
        do { s += p->consumed; } while (++t < k);          // p steps outside
      }
      return s;
    })",
                           "x86_64-linux-gnu", false, true);
  RecordFacts R = record(Facts, "J");
  for (const FieldAccess &A : field(R, "size").Accesses)
    EXPECT_FALSE(A.ThroughElement) << A.Function;
  const std::vector<FieldAccess> &C = field(R, "consumed").Accesses;
  ASSERT_EQ(C.size(), 2u);
  EXPECT_FALSE(C[0].ThroughElement);
  EXPECT_TRUE(C[1].ThroughElement);
  EXPECT_EQ(C[1].LoopDepth, 2u);
  EXPECT_EQ(C[1].LoopLoc.Line, 14u) << "the loop that steps p";
}

TEST(Heat, SharesRankingAndHotFields) {
  RecordFacts R;
  for (const char *Name : {"a", "b", "c", "d"}) {
    FieldFacts F;
    F.Name = Name;
    R.Fields.push_back(F);
  }
  auto Access = [](double W) {
    FieldAccess A;
    A.StaticWeight = W;
    return A;
  };
  R.Fields[1].Accesses = {Access(50), Access(40)};
  R.Fields[2].Accesses = {Access(9)};
  R.Fields[3].Accesses = {Access(1)};
  RecordHeat Heat = recordHeat(R, nullptr);
  EXPECT_DOUBLE_EQ(Heat.Total, 100);
  EXPECT_EQ(heatRanking(Heat), (std::vector<unsigned>{1, 2, 3, 0}));
  EXPECT_EQ(hotFields(Heat, 5), (std::vector<bool>{false, true, true, false}));
  EXPECT_EQ(hotFields(Heat, 50),
            (std::vector<bool>{false, true, false, false}));
  EXPECT_EQ(
      heatMarks(R, nullptr, 5),
      (std::vector<std::string>{"cold 0%", "hot 90%", "hot 9%", "cold 1%"}));
}

TEST(Profile, CountsOfTheRegionThatHoldsAPosition) {
  auto P = CoverageProfile::parse(R"({"type": "llvm.coverage.json.export",
    "version": "2.0.1", "data": [{"files": [{"filename": "/src/./a.c",
    "segments": [[3, 10, 5, true, true, false], [5, 2, 0, true, true, false],
                 [6, 1, 0, false, false, false], [8, 1, 700, true, true, false]]}]}]})",
                                  "p.json");
  ASSERT_TRUE(bool(P)) << llvm::toString(P.takeError());
  EXPECT_EQ(P->count("/src/a.c", 4, 1), 5u);
  EXPECT_EQ(P->count("/src/a.c", 5, 7), 0u); // A region that never ran.
  EXPECT_EQ(P->count("/src/a.c", 7, 1), 0u); // No count: not code.
  EXPECT_EQ(P->count("/src/a.c", 9, 3), 700u);
  EXPECT_EQ(P->count("/src/a.c", 1, 1), 0u); // Before any region.
  EXPECT_FALSE(P->count("/src/b.c", 4, 1));  // Not in the profile.

  // The profile decides where it covers the file.
  RecordFacts R;
  FieldFacts F;
  FieldAccess A;
  A.Loc.File = "/src/a.c";
  A.Loc.Line = 5;
  A.Loc.Column = 9;
  A.StaticWeight = 1000; // In a loop, statically; it never ran.
  F.Accesses = {A};
  R.Fields = {F};
  EXPECT_DOUBLE_EQ(recordHeat(R, &*P).Total, 0);
  EXPECT_DOUBLE_EQ(recordHeat(R, nullptr).Total, 1000);
}

TEST(Profile, BadInputIsNamed) {
  for (const char *Bad :
       {"{", "{\"data\": 3}", "{\"data\": [{\"files\": [{\"filename\": 1}]}]}",
        "{\"data\": [{\"files\": [{\"filename\": \"a\", \"segments\": "
        "[[1, 2]]}]}]}"}) {
    auto P = CoverageProfile::parse(Bad, "cov.json");
    ASSERT_FALSE(bool(P)) << Bad;
    EXPECT_NE(llvm::toString(P.takeError()).find("bad profile 'cov.json'"),
              std::string::npos);
  }
  auto Missing = CoverageProfile::load("/nonexistent/cov.json");
  ASSERT_FALSE(bool(Missing));
  EXPECT_NE(llvm::toString(Missing.takeError())
                .find("cannot read profile '/nonexistent/cov.json'"),
            std::string::npos);
}

std::vector<Finding> runHotCold(const RecordFacts &R) {
  return runCheck<HotColdCheck>("layout-hot-cold", R);
}

TEST(HotCold, SpreadHotFieldsOnEveryTargetAndTheQuietOnes) {
  for (const char *Triple :
       {"x86_64-linux-gnu", "i686-linux-gnu", "aarch64-linux-gnu"}) {
    TUFacts Facts = factsFor(std::string(Particles) + R"(
      struct Small { int hot; char name[20]; int also; };
      int f(Small *s, int n) { int t = 0; for (int i = 0; i < n; ++i) t += s[i].hot + s[i].also; return t; }
      struct Whole { double a[4]; char name[64]; double b[4]; };
      double g(Whole *w, int n) {
        double t = 0;
        for (int i = 0; i < n; ++i) t += w[i].a[0] + w[i].name[0] + w[i].b[0];
        return t;
      })",
                             Triple, false, true);
    std::vector<Finding> P = runHotCold(record(Facts, "P"));
    ASSERT_EQ(P.size(), 1u) << Triple;
    EXPECT_NE(P[0].Message.find("hot fields 'x', 'y', 'vx', 'vy'"),
              std::string::npos)
        << P[0].Message;
    // Elements of an array of P start at multiples of 8 or 16 bytes, not
    // on lines: the expected lines per element, now and hot first.
    EXPECT_NE(P[0].Message.find("fewer lines per element of an array: 2."),
              std::string::npos)
        << P[0].Message;
    EXPECT_NE(P[0].Message.find(" -> 1."), std::string::npos) << P[0].Message;
    // Smaller than a line, or used whole: quiet.
    EXPECT_TRUE(runHotCold(record(Facts, "Small")).empty()) << Triple;
    EXPECT_TRUE(runHotCold(record(Facts, "Whole")).empty()) << Triple;
  }
}

// The same record and the same hot loop: one object of it (a server's
// state) stays quiet, an array of them is reported. Heat from a test file
// counts for nothing; what only main calls once is cold.
TEST(HotCold, InstancesTestCodeAndOneShotFunctions) {
  const char *Record = R"(
    struct Conn { long fd; char buf[120]; long reads; char name[64]; long writes; };
    void serve(struct Conn *c, int n) {
      for (int i = 0; i < n; ++i) { c->reads++; c->writes++; c->fd++; }
    }
  )";
  for (const char *Triple : {"x86_64-linux-gnu", "aarch64-linux-gnu"}) {
    SCOPED_TRACE(Triple);
    TUFacts One = factsFor(std::string(Record) + "struct Conn server;", Triple,
                           true, true);
    RecordFacts Single = record(One, "Conn");
    EXPECT_FALSE(manyInstances(Single));
    EXPECT_TRUE(runHotCold(Single).empty());
    TUFacts Many = factsFor(std::string(Record) + "struct Conn conns[1024];",
                            Triple, true, true);
    RecordFacts Table = record(Many, "Conn");
    EXPECT_TRUE(manyInstances(Table));
    EXPECT_EQ(runHotCold(Table).size(), 1u);
    // The same accesses, from a test file: no heat at all.
    RecordFacts FromTests = Table;
    for (FieldFacts &F : FromTests.Fields)
      for (FieldAccess &A : F.Accesses)
        A.Loc.File = "/src/tests/conn_test.c";
    FromTests.Loc.File = "/src/lib/conn.h";
    EXPECT_FALSE(recordHeat(FromTests, nullptr, TestPaths(), "/src").any());
    EXPECT_TRUE(recordHeat(FromTests, nullptr).any()); // No root: no tests.
    CheckContext InProject;
    InProject.SourceRoot = "/src";
    EXPECT_TRUE(
        runCheck<HotColdCheck>("layout-hot-cold", FromTests, {}, InProject)
            .empty());
    // Below the project's root: a project that lives in a folder called
    // test is not all tests.
    EXPECT_FALSE(
        TestPaths().matches("/home/u/test/proj/lib/a.c", "/home/u/test/proj"));
    EXPECT_TRUE(TestPaths().matches("/home/u/test/proj/tests/a.c",
                                    "/home/u/test/proj"));
    EXPECT_TRUE(TestPaths().matches("/p/db/db_test.cc", "/p"));
    // A record only a test instantiates is test code.
    RecordFacts Spec = Table;
    Spec.IsTemplateSpecialisation = true;
    Spec.SeenIn = "/p/db/skiplist_test.cc";
    Spec.Loc.File = "/p/db/skiplist.h";
    EXPECT_TRUE(inTestCode(Spec, TestPaths(), "/p"));
    Spec.IsTemplateSpecialisation = false;
    EXPECT_FALSE(inTestCode(Spec, TestPaths(), "/p"));
  }
  // parse_config runs once, from main: a tenth; its loop has no constant
  // bound, so 10 * 0.1. step runs in main's loop of 1000.
  TUFacts Facts = factsFor(R"(
    struct S { int a; int b; };
    void parse_config(struct S *s, int n) { for (int i = 0; i < n; ++i) s->a++; }
    void step(struct S *s) { s->b++; }
    int main(void) {
      struct S s = {0, 0};
      parse_config(&s, 3);
      for (int t = 0; t < 1000; ++t) step(&s);
      return s.b;
    })",
                           "x86_64-linux-gnu", true, true);
  RecordFacts S = record(Facts, "S");
  EXPECT_DOUBLE_EQ(S.Fields[0].Accesses[0].StaticWeight, 1.0);
  EXPECT_DOUBLE_EQ(S.Fields[1].Accesses[0].StaticWeight, 1000.0);
}

} // namespace

namespace {

TEST(AosToSoa, RareAndWholeLoopsStayQuiet) {
  TUFacts Facts = factsFor(R"(
    struct B { double x, y, z, vx, vy, vz, m; char name[40]; };
    void drift(B *b, int n) { for (int i = 0; i < n; ++i) b[i].x += b[i].vx; }
    double all(B *b, int n) {
      double s = 0;
      for (int i = 0; i < n; ++i)
        s += b[i].x + b[i].y + b[i].z + b[i].vx + b[i].vy + b[i].vz + b[i].m + b[i].name[0];
      return s;
    })",
                           "x86_64-linux-gnu", false, true);
  RecordFacts R = record(Facts, "B");
  std::vector<Finding> Out = runCheck<AosToSoaCheck>("layout-aos-to-soa", R);
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_NE(Out[0].Message.find("uses 'x', 'vx' of each 'B': 16 of 96 bytes"),
            std::string::npos)
      << Out[0].Message;
  // A share threshold above what the loop uses: quiet.
  EXPECT_TRUE(
      runCheck<AosToSoaCheck>("layout-aos-to-soa", R,
                              {{"layout-aos-to-soa.MaxUsedPercent", "10"}})
          .empty());
  // A profile in which drift never ran: its loop is not hot.
  FieldAccess X = R.Fields[0].Accesses[0];
  auto P = CoverageProfile::parse(
      llvm::formatv(R"({{"data": [{{"files": [{{"filename": "{0}",
        "segments": [[1, 1, 0, true, true, false], [4, 1, 9, true, true, false]]}]}]})",
                    X.Loc.File)
          .str(),
      "p.json");
  ASSERT_TRUE(bool(P));
  CheckContext Context;
  Context.Profile = &*P;
  EXPECT_TRUE(
      runCheck<AosToSoaCheck>("layout-aos-to-soa", R, {}, Context).empty());
}

} // namespace

namespace {

TEST(HotCold, FieldsUsedTogetherEndUpTogether) {
  // a and c are read by one loop, b by another, equally often: the order
  // keeps a and c next to each other, then b, then the cold ones.
  TUFacts Facts = factsFor(R"(
    struct S { long a; char big[64]; long b; char more[64]; long c; };
    long f(S *s, int n) { long t = 0; for (int i = 0; i < n; ++i) t += s[i].a + s[i].c; return t; }
    long g(S *s, int n) { long t = 0; for (int i = 0; i < n; ++i) t += s[i].b; return t; }
  )",
                           "x86_64-linux-gnu", false, true);
  std::vector<Finding> Out = runHotCold(record(Facts, "S"));
  ASSERT_EQ(Out.size(), 1u);
  const llvm::json::Array *Order = Out[0].Details.getArray("suggested_order");
  ASSERT_TRUE(Order);
  std::vector<std::string> Names;
  for (const llvm::json::Value &V : *Order)
    Names.push_back(V.getAsString()->str());
  EXPECT_EQ(Names, (std::vector<std::string>{"a", "c", "b", "big", "more"}));
}

} // namespace

namespace {

TEST(AccessFacts, ListWalksAreNotArrays) {
  TUFacts Facts = factsFor(R"(
    struct N { int key; N *next; char pad[64]; };
    int find(N *p, int k) {
      for (; p; p = p->next)
        if (p->key == k) return 1;
      return 0;
    }
    int sum(N *p, int n) {
      int s = 0;
      for (N *e = p + n; p != e; p = p + 1) s += p->key;
      return s;
    })",
                           "x86_64-linux-gnu", false, true);
  const std::vector<FieldAccess> &K = field(record(Facts, "N"), "key").Accesses;
  ASSERT_EQ(K.size(), 2u);
  EXPECT_FALSE(K[0].ThroughElement) << "a list, not an array";
  EXPECT_TRUE(K[1].ThroughElement);
}

} // namespace
