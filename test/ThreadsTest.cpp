//===- ThreadsTest.cpp - Thread entries, reachability, per-thread slots ---===//
//
// Thread entries and the call graph from real ASTs (pthread_create,
// std::thread with lambdas, OpenMP, calls through pointers, calls before
// threads start), the thread model over plain call graphs, and per-thread
// slot detection, on several targets.
//
//===----------------------------------------------------------------------===//

#include "Threads.h"
#include "Merge.h"
#include "TestSupport.h"

#include "gtest/gtest.h"

using namespace structlayout;
using namespace structlayout::test;

namespace {

// Declared here, not from <pthread.h>: the same code for every triple.
const char *PthreadDecls = R"(
  typedef unsigned long pthread_t;
  int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);
  int sched_getcpu(void);
)";

const char *Workers = R"(
  struct counter { long hits; long misses; };
  struct counter per_thread[16];
  struct stats { long produced; long consumed; long started; long cfg; };
  struct stats st;
  struct kinds { struct counter start[4]; };
  struct kinds table;
  static void note(void) { st.produced++; }
  static void *producer(void *arg) {
    long id = (long)arg;
    for (int i = 0; i < 100; i++) { per_thread[id].hits++; note(); }
    return 0;
  }
  static void *consumer(void *arg) { (void)arg; st.consumed++; return 0; }
  static void configure(void) { st.cfg = 1; }
  void search(int anchored) { table.start[anchored].misses++; }
  int main(void) {
    configure();
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
      pthread_create(&t[i], 0, producer, (void *)(long)i);
    pthread_create(&t[0], 0, consumer, 0);
    st.started = 1;
    search(0);
    return 0;
  }
)";

TEST(ThreadFacts, EntriesCallsAndStartsOnEveryTarget) {
  for (const std::string &Triple : allTriples()) {
    SCOPED_TRACE(Triple);
    TUFacts Facts =
        factsFor(std::string(PthreadDecls) + Workers, Triple, true, true);
    const CallGraphFacts &G = Facts.CallGraph;
    std::set<std::string> Roots;
    for (const CallGraphFacts::Root &R : G.Roots) {
      Roots.insert(R.Function);
      EXPECT_EQ(R.How, "pthread_create");
      EXPECT_EQ(R.Many, R.Function == "producer");
    }
    EXPECT_EQ(Roots, (std::set<std::string>{"producer", "consumer"}));
    ThreadModel Threads(G);
    ASSERT_TRUE(Threads.known());
    EXPECT_EQ(*Threads.threadsOf("note"), std::set<std::string>{"producer"});
    EXPECT_EQ(*Threads.threadsOf("search"), std::set<std::string>{"main"});
    // configure() runs before main starts any thread.
    EXPECT_TRUE(Threads.threadsOf("configure")->empty());

    RecordFacts St = record(Facts, "stats");
    // produced (via note, on producer threads) and consumed: rivals.
    EXPECT_EQ(Threads.concurrent(St.Fields[0].Writers, St.Fields[1].Writers),
              std::optional<bool>(true));
    // cfg is written only before threads start.
    EXPECT_EQ(Threads.concurrent(St.Fields[3].Writers, St.Fields[1].Writers),
              std::optional<bool>(false));
    // started: written by main after it starts threads.
    EXPECT_EQ(St.Fields[2].Writers, std::vector<std::string>{"main"});

    // per_thread[id], id from the entry's parameter: one slot per thread.
    RecordFacts Counter = record(Facts, "counter");
    ASSERT_EQ(Counter.ThreadSlots.size(), 1u);
    EXPECT_EQ(Counter.ThreadSlots[0].Array, "per_thread");
    EXPECT_EQ(Counter.ThreadSlots[0].Index, "id");
    // table.start[anchored]: indexed by the kind of search, not a thread.
    RecordFacts Kinds = record(Facts, "kinds");
    EXPECT_FALSE(Kinds.Fields[0].IndexedByThread);
  }
}

TEST(ThreadFacts, LambdasOnStdThreadAreEntries) {
  const char *Code = R"(
    namespace std { class thread { public:
      template <class F> explicit thread(F &&f) { f(); } void join() {} }; }
    struct Ring { long head; long tail; };
    Ring ring;
    int main() {
      std::thread a([] { ring.head++; });
      std::thread b([] { ring.tail++; });
      a.join(); b.join();
    }
  )";
  TUFacts Facts = factsFor(Code, "x86_64-linux-gnu", false, true);
  ThreadModel Threads(Facts.CallGraph);
  RecordFacts R = record(Facts, "Ring");
  ASSERT_EQ(R.Fields[0].Writers.size(), 1u);
  EXPECT_TRUE(Threads.isRoot(R.Fields[0].Writers[0]));
  EXPECT_EQ(Threads.how(R.Fields[0].Writers[0]), "std::thread");
  EXPECT_EQ(Threads.concurrent(R.Fields[0].Writers, R.Fields[1].Writers),
            std::optional<bool>(true));
}

TEST(ThreadFacts, CallsThroughPointersReachTheirTargets) {
  const char *Code = R"(
    typedef unsigned long pthread_t;
    int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);
    struct S { long a; long b; } s;
    typedef void (*handler)(void);
    static void on_read(void) { s.a++; }
    static void on_write(void) { s.b++; }
    static handler table[2] = {on_read, on_write};
    static void *loop(void *p) { table[(long)p](); return 0; }
    int main(void) { pthread_t t; pthread_create(&t, 0, loop, 0);
                     s.b++; return 0; }
  )";
  TUFacts Facts = factsFor(Code, "x86_64-linux-gnu", true, true);
  ThreadModel Threads(Facts.CallGraph);
  EXPECT_EQ(*Threads.threadsOf("on_read"), std::set<std::string>{"loop"});
  EXPECT_EQ(*Threads.threadsOf("on_write"), std::set<std::string>{"loop"});
}

TEST(ThreadModel, OverPlainFacts) {
  CallGraphFacts G;
  // No thread started: the model knows nothing and says so.
  EXPECT_FALSE(ThreadModel(G).known());
  EXPECT_EQ(ThreadModel(G).concurrent({"a"}, {"b"}), std::nullopt);
  G.Roots.push_back({"worker", "std::thread", {}, true});
  G.Calls.push_back({"worker", "step", false});
  G.Calls.push_back({"main", "init", true});
  G.Calls.push_back({"main", "serve", false});
  G.Calls.push_back({"lib_entry", "helper", false});
  ThreadModel T(G);
  EXPECT_EQ(T.concurrent({"step"}, {"serve"}), std::optional<bool>(true));
  // Instances of one entry writing both: true sharing, not false.
  EXPECT_EQ(T.concurrent({"step"}, {"worker"}), std::optional<bool>(false));
  EXPECT_EQ(T.concurrent({"init"}, {"serve"}), std::optional<bool>(false));
  // Nothing reaches a library entry: unknown.
  EXPECT_EQ(T.concurrent({"helper"}, {"serve"}), std::nullopt);
  // Merging is order-independent and idempotent.
  CallGraphFacts A = G, B;
  B.merge(G);
  B.merge(G);
  EXPECT_EQ(B.Calls.size(), A.Calls.size());
  EXPECT_EQ(B.Roots.size(), A.Roots.size());
}

TEST(ThreadFacts, SlotsBehindPointersAndCpuIds) {
  const char *Code = R"(
    void *calloc(unsigned long, unsigned long);
    int sched_getcpu(void);
    struct stat { long ops; };
    struct pool { struct stat *per_worker; long cpu_hits[8]; };
    struct pool P;
    void setup(int n) { P.per_worker = (struct stat *)calloc(n, sizeof(struct stat)); }
    void record_op(int worker_id) { P.per_worker[worker_id].ops++; }
    void on_cpu(void) { P.cpu_hits[sched_getcpu()]++; }
  )";
  for (const std::string &Triple : allTriples()) {
    SCOPED_TRACE(Triple);
    TUFacts Facts = factsFor(Code, Triple, true, true);
    RecordFacts Stat = record(Facts, "stat");
    ASSERT_EQ(Stat.ThreadSlots.size(), 1u);
    EXPECT_EQ(Stat.ThreadSlots[0].Array, "P.per_worker");
    EXPECT_TRUE(Stat.Instances.InArray);
    EXPECT_TRUE(Stat.Instances.OnHeap);
    EXPECT_TRUE(record(Facts, "pool").Fields[1].IndexedByThread);
  }
}

} // namespace
