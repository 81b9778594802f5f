//===- FalseSharingCheck.cpp - layout-false-sharing -----------------------===//
//
// What: fields that different threads write by nature (atomics, locks,
// condition variables, semaphores, and types named in ContendedTypes) that
// sit on one cache line of some target: a write by one core invalidates the
// line in every other core's cache. Fields written only by the same
// functions are taken to be written together and stay quiet. Also: an
// alignas(64)-style field alignment below a target's cache-line size.
// Fix: alignas(line) on each contended field after the first, so each starts
// its own line; the message says how much the record grows.
//
//===----------------------------------------------------------------------===//

#include "FalseSharingCheck.h"

#include "LayoutModel.h"
#include "Reorder.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <set>

namespace structlayout {

/// Locks: what striped arrays of them and the lock rules below know.
static const llvm::StringRef LockNames[] = {"pthread_mutex_t",
                                            "std::mutex",
                                            "std::timed_mutex",
                                            "std::recursive_mutex",
                                            "std::recursive_timed_mutex",
                                            "std::shared_mutex",
                                            "std::shared_timed_mutex",
                                            "mtx_t",
                                            "pthread_spinlock_t",
                                            "pthread_rwlock_t"};

/// Contended besides the locks.
static const llvm::StringRef BuiltinContended[] = {
    "_Atomic",
    "std::atomic",
    "std::atomic_flag",
    "std::atomic_ref",
    "std::condition_variable",
    "std::condition_variable_any",
    "std::counting_semaphore",
    "std::binary_semaphore",
    "std::latch",
    "std::barrier",
    "pthread_cond_t",
    "pthread_barrier_t",
    "sem_t",
    "cnd_t",
    "atomic_flag",
};

FalseSharingCheck::FalseSharingCheck(CheckOptionsView &Options)
    : LayoutCheck("layout-false-sharing"),
      ContendedTypes(Options.getString("ContendedTypes", "")),
      CacheLineBytes(Options.get("CacheLineBytes", 0)),
      AlignMacro(Options.getString("AlignMacro", "")),
      Tests(Options.getString("TestPaths", DefaultTestPaths)) {
  MinImpact = Options.getImpact("MinSeverity", Impact::Low);
}

void FalseSharingCheck::storeOptions(OptionMap &Out) const {
  Out[Name + ".ContendedTypes"] = ContendedTypes;
  Out[Name + ".CacheLineBytes"] = std::to_string(CacheLineBytes);
  Out[Name + ".AlignMacro"] = AlignMacro;
  Out[Name + ".TestPaths"] = Tests.text();
  Out[Name + ".MinSeverity"] = toString(MinImpact);
}

bool FalseSharingCheck::isContended(const std::vector<std::string> &TypeNames,
                                    llvm::StringRef Extra) {
  llvm::SmallVector<llvm::StringRef> User;
  Extra.split(User, ';', -1, false);
  for (const std::string &N : TypeNames) {
    if (llvm::is_contained(BuiltinContended, llvm::StringRef(N)) ||
        llvm::is_contained(LockNames, llvm::StringRef(N)))
      return true;
    for (llvm::StringRef U : User)
      if (U.trim() == N)
        return true;
  }
  return false;
}

namespace {

/// The first and last cache line a field touches.
std::pair<uint64_t, uint64_t> lines(const FieldLayout &F, uint64_t Line) {
  uint64_t Begin = F.OffsetBits / 8;
  uint64_t End = Begin + std::max<uint64_t>(F.SizeBytes, 1) - 1;
  return {Begin / Line, End / Line};
}

bool hasName(const FieldFacts &F,
             std::initializer_list<llvm::StringRef> Names) {
  for (const std::string &N : F.TypeNames)
    if (llvm::is_contained(Names, llvm::StringRef(N)))
      return true;
  return false;
}

bool hasLockName(const std::vector<std::string> &TypeNames) {
  return llvm::any_of(TypeNames, [](const std::string &N) {
    return llvm::is_contained(LockNames, llvm::StringRef(N));
  });
}

bool isConditionVariable(const FieldFacts &F) {
  return hasName(F, {"pthread_cond_t", "std::condition_variable",
                     "std::condition_variable_any", "cnd_t"});
}

bool isLock(const FieldFacts &F) { return hasLockName(F.TypeNames); }

/// A condition variable is waited on and signalled under a mutex: with
/// that mutex, or with another condition variable of a record that has
/// one, it is not a rival for the line (the mutex serialises them).
bool guardedTogether(const FieldFacts &A, const FieldFacts &B, bool HasLock) {
  auto Pair = [&](const FieldFacts &X, const FieldFacts &Y) {
    return isConditionVariable(X) &&
           (isLock(Y) || (isConditionVariable(Y) && HasLock));
  };
  return Pair(A, B) || Pair(B, A);
}

/// Written by the same functions, all of them seen: one thread's data.
bool writtenTogether(const FieldFacts &A, const FieldFacts &B) {
  if (A.Writers.empty() || B.Writers.empty())
    return false;
  std::vector<std::string> X = A.Writers, Y = B.Writers;
  std::sort(X.begin(), X.end());
  std::sort(Y.begin(), Y.end());
  return X == Y;
}

/// A lock \p R holds: a field of a lock type, or a field of a record
/// that holds one (a `port::Mutex` wrapping a `std::mutex`); null if none.
const FieldFacts *heldLock(const RecordFacts &R, const CheckContext &Context,
                           unsigned Depth = 0) {
  for (const FieldFacts &F : R.Fields) {
    if (isLock(F))
      return &F;
    if (F.HeldRecordKey.empty() || Depth >= 2)
      continue;
    // The key is the USR, '@' and the defining place.
    auto It = Context.ByUSR.find(
        F.HeldRecordKey.substr(0, F.HeldRecordKey.rfind('@')));
    if (It != Context.ByUSR.end() && heldLock(*It->second, Context, Depth + 1))
      return &F;
  }
  return nullptr;
}

std::string quoted(const std::vector<std::string> &Names) {
  std::string Out;
  for (size_t I = 0; I < Names.size(); ++I)
    Out += (I == 0                  ? "'"
            : I + 1 == Names.size() ? " and '"
                                    : ", '") +
           Names[I] + "'";
  return Out;
}

} // namespace

void FalseSharingCheck::checkReadMostly(const RecordFacts &R,
                                        const CheckContext &Context,
                                        std::vector<Finding> &Out) const {
  for (unsigned C = 0; C < R.Fields.size(); ++C) {
    const FieldFacts &Hot = R.Fields[C];
    // Lock-free fields only: readers of a lock's data take the lock anyway.
    if (Hot.IsBitField || Hot.Writers.empty() ||
        !isContended(Hot.TypeNames, ContendedTypes) || isLock(Hot) ||
        isConditionVariable(Hot) ||
        hasName(Hot,
                {"sem_t", "std::counting_semaphore", "std::binary_semaphore",
                 "std::latch", "std::barrier", "pthread_spinlock_t",
                 "pthread_rwlock_t", "pthread_barrier_t"}))
      continue;
    for (const TargetLayout &L : R.Layouts) {
      auto [H0, H1] = lines(L.Fields[C], lineOf(L));
      std::vector<std::string> Names;
      const FieldFacts *Example = nullptr;
      for (unsigned I = 0; I < R.Fields.size(); ++I) {
        const FieldFacts &F = R.Fields[I];
        if (I == C || F.IsBitField || F.Readers.empty() || !F.Writers.empty() ||
            isContended(F.TypeNames, ContendedTypes))
          continue;
        // Read only on the writer's own thread, whose cache has the line
        // anyway: by the functions that write the atomic, or by code the
        // thread model puts on no other thread.
        // Read mostly where the atomic is written: that code pulls the
        // line in for its own write anyway.
        double Reads = 0, ByWriters = 0;
        for (const FieldAccess &A : F.Accesses) {
          Reads += A.StaticWeight;
          if (llvm::is_contained(Hot.Writers, A.Function))
            ByWriters += A.StaticWeight;
        }
        if (Reads > 0 && ByWriters * 2 >= Reads)
          continue;
        std::optional<bool> Concurrent =
            Context.Threads.concurrent(Hot.Writers, F.Readers);
        if (Concurrent
                ? !*Concurrent
                : llvm::all_of(F.Readers, [&](const std::string &Reader) {
                    return llvm::is_contained(Hot.Writers, Reader);
                  }))
          continue;
        auto [F0, F1] = lines(L.Fields[I], lineOf(L));
        if (F1 < H0 || H1 < F0)
          continue;
        Names.push_back(F.Name);
        if (!Example)
          Example = &F;
      }
      if (Names.empty())
        continue;
      Finding D = finding(R, Hot.Loc);
      D.Subject = "written:" + Hot.Name;
      D.Message =
          llvm::formatv("'{0}' ({1}) is written by {2} while read-mostly "
                        "{3} {4} its {5}-byte cache line on {6}: each "
                        "write evicts {7} from the readers' caches",
                        Hot.Name, Hot.TypeName, llvm::join(Hot.Writers, ", "),
                        quoted(Names), Names.size() == 1 ? "shares" : "share",
                        lineOf(L), L.Target, Names.size() == 1 ? "it" : "them")
              .str();
      D.Notes.push_back(
          {Example->Loc,
           "'" + Example->Name + "' is read in " +
               llvm::join(Example->Readers, ", ") +
               " and written only in constructors or set-up code"});
      D.Notes.push_back(
          {Hot.Loc, "give '" + Hot.Name +
                        "' a cache line of its own (align it, and the field "
                        "after it, to the line), or move the read-mostly "
                        "fields away from it"});
      D.NoFixReason = "moving read-mostly fields is a design choice";
      D.Details["target"] = L.Target;
      D.Details["read_mostly"] = llvm::json::Array(Names);
      report(std::move(D), Impact::Medium, Out);
      break;
    }
  }
}

void FalseSharingCheck::checkSlots(const RecordFacts &R,
                                   const CheckContext &Context,
                                   std::vector<Finding> &Out) const {
  for (unsigned I = 0; I < R.Fields.size(); ++I) {
    const FieldFacts &F = R.Fields[I];
    if (!F.IsSlotContainer || F.ArrayElements == 1)
      continue;
    // Why its elements belong to different threads.
    std::string Why;
    auto It = Context.ByUSR.find(F.ElementUSR);
    const RecordFacts *Element =
        F.ElementUSR.empty() || It == Context.ByUSR.end() ? nullptr
                                                          : It->second;
    // Written at a thread's own index; or locks side by side (striping),
    // which different threads take at once. Atomics alone may be
    // read-mostly (a table of start states indexed by the kind of search).
    if (F.IndexedByThread)
      Why = "it is indexed by a thread or CPU id where it is written";
    else if (hasLockName(F.ElementTypeNames))
      Why = "its elements are locks that different threads take";
    else if (Element)
      if (const FieldFacts *Lock = heldLock(*Element, Context))
        Why = "each element holds the lock '" + Lock->Name + "' (" +
              Lock->TypeName + ")";
    if (Why.empty())
      continue;

    std::string On;
    uint64_t Bytes = 0, Line = 0;
    const TargetLayout *First = nullptr;
    for (const TargetLayout &L : R.Layouts) {
      uint64_t E = L.Fields[I].ElementBytes;
      uint64_t Align = 0;
      if (Element)
        for (const TargetLayout &EL : Element->Layouts)
          if (EL.Triple == L.Triple)
            Align = EL.Align;
      if (!E || (E % lineOf(L) == 0 && Align % lineOf(L) == 0))
        continue;
      On += (On.empty() ? "" : ", ") + L.Target;
      if (!First) {
        First = &L;
        Bytes = E;
        Line = lineOf(L);
      }
    }
    if (!First)
      continue;
    Finding D = finding(R, F.Loc);
    D.Subject = "per-thread:" + F.Name;
    D.Message = llvm::formatv("'{0}' holds {1} ({2}), but its {3}-byte "
                              "elements share {4}-byte cache lines on {5}: "
                              "false sharing between threads",
                              F.Name,
                              F.IndexedByThread
                                  ? "one element per thread"
                                  : "elements that different threads lock",
                              Why, Bytes, Line, On)
                    .str();
    std::string Element0 =
        F.ElementTypeNames.empty() ? "the element" : F.ElementTypeNames[0];
    D.Notes.push_back(
        {F.Loc,
         Element ? llvm::formatv("align '{0}' to the cache line (`struct "
                                 "{1}({2}) ...`) so each element fills whole "
                                 "lines",
                                 Element->Name,
                                 R.IsCXX ? "alignas" : "_Alignas", Line)
                       .str()
                 : llvm::formatv("wrap {0} in a struct aligned to {1} bytes so "
                                 "each element fills whole lines",
                                 Element0, Line)
                       .str()});
    D.NoFixReason = "the element type is shared by all its uses; align it by "
                    "hand";
    D.Details["target"] = First->Target;
    D.Details["element_bytes"] = Bytes;
    D.Details["cache_line"] = Line;
    report(std::move(D), Impact::High, Out);
  }
}

void FalseSharingCheck::checkThreadSlots(const RecordFacts &R,
                                         const CheckContext &Context,
                                         std::vector<Finding> &Out) const {
  // An element handed to a thread is its own only if the thread writes
  // it; else (arguments it reads) no line is fought over.
  auto WrittenByThreads = [&] {
    for (const FieldFacts &F : R.Fields) {
      if (F.Writers.empty())
        continue;
      std::optional<std::set<std::string>> On =
          Context.Threads.threadsOf(F.Writers);
      if (!On || llvm::any_of(
                     *On, [](const std::string &T) { return T != MainThread; }))
        return true;
    }
    return false;
  };
  std::vector<const PerThreadSlots *> Slots;
  bool Written =
      llvm::any_of(R.ThreadSlots,
                   [](const PerThreadSlots &S) { return S.HandedToThread; }) &&
      WrittenByThreads();
  for (const PerThreadSlots &S : R.ThreadSlots)
    if (!S.HandedToThread || Written)
      Slots.push_back(&S);
  if (Slots.empty())
    return;
  std::string On;
  const TargetLayout *First = nullptr;
  for (const TargetLayout &L : R.Layouts) {
    if (L.Size % lineOf(L) == 0 && L.Align % lineOf(L) == 0)
      continue;
    On += (On.empty() ? "" : ", ") + L.Target;
    if (!First)
      First = &L;
  }
  if (!First)
    return;
  Finding D = finding(R, R.Loc);
  D.Subject = "per-thread-element";
  D.Message =
      llvm::formatv("'{0}' is {1} one element per thread, but its "
                    "{2}-byte elements share {3}-byte cache lines on "
                    "{4}: false sharing between threads",
                    R.Name, "written as", First->Size, lineOf(*First), On)
          .str();
  for (const PerThreadSlots *S : Slots)
    D.Notes.push_back(
        {S->Loc,
         "'" + S->Array + "[" + S->Index + "]' " +
             (S->HandedToThread ? "is handed to a thread that writes it"
                                : "is written at a thread's own index")});
  D.Notes.push_back(
      {R.Loc,
       llvm::formatv("align '{0}' to the cache line (`{1}({2})` on "
                     "it, or on a wrapper the array holds) so each "
                     "element fills whole lines",
                     R.Name, R.IsCXX ? "alignas" : "_Alignas", lineOf(*First))
           .str()});
  D.NoFixReason = "the element type is shared by all its uses; align it by "
                  "hand";
  D.Details["target"] = First->Target;
  D.Details["element_bytes"] = First->Size;
  D.Details["cache_line"] = lineOf(*First);
  D.Details["array"] = Slots.front()->Array;
  report(std::move(D), Impact::High, Out);
}

void FalseSharingCheck::check(const RecordFacts &R, const CheckContext &Context,
                              std::vector<Finding> &Out) const {
  if (R.Kind == RecordKind::Union || R.Layouts.empty() ||
      inTestCode(R, Tests, Context.SourceRoot))
    return;
  checkSlots(R, Context, Out);
  checkReadMostly(R, Context, Out);
  checkThreadSlots(R, Context, Out);
  auto LineOf = [&](const TargetLayout &L) { return lineOf(L); };
  uint64_t WidestLine = 0;
  for (const TargetLayout &L : R.Layouts)
    WidestLine = std::max(WidestLine, LineOf(L));

  // alignas(64) where some target has 128-byte lines.
  for (const FieldFacts &F : R.Fields) {
    if (F.ExplicitAlign < 64)
      continue;
    for (const TargetLayout &L : R.Layouts) {
      if (F.ExplicitAlign >= LineOf(L))
        continue;
      Finding D = finding(R, F.Loc);
      D.Subject = "under-aligned:" + F.Name;
      D.Message = llvm::formatv("'{0}' is aligned to {1} bytes, less than the "
                                "{2}-byte cache line of {3}: it can share a "
                                "line with the fields before it there",
                                F.Name, F.ExplicitAlign, LineOf(L), L.Target)
                      .str();
      D.Notes.push_back(
          {F.Loc, R.IsCXX ? "align to "
                            "std::hardware_destructive_interference_size, or "
                            "to the largest line of your targets"
                          : "align to the largest cache line of your targets"});
      D.Details["target"] = L.Target;
      D.Details["alignment"] = F.ExplicitAlign;
      D.Details["cache_line"] = LineOf(L);
      report(std::move(D), Impact::Low, Out);
      break;
    }
  }

  std::vector<unsigned> Contended;
  for (unsigned I = 0; I < R.Fields.size(); ++I)
    if (!R.Fields[I].IsBitField &&
        isContended(R.Fields[I].TypeNames, ContendedTypes))
      Contended.push_back(I);
  if (Contended.size() < 2)
    return;

  bool HasLock = llvm::any_of(R.Fields, isLock);
  // Rivals: written on two threads at once where the program's threads
  // are known; else by different functions.
  auto Rivals = [&](unsigned A, unsigned B) {
    if (guardedTogether(R.Fields[A], R.Fields[B], HasLock))
      return false;
    if (std::optional<bool> Concurrent = Context.Threads.concurrent(
            R.Fields[A].Writers, R.Fields[B].Writers))
      return *Concurrent;
    return !writtenTogether(R.Fields[A], R.Fields[B]);
  };
  auto ShareLine = [&](uint64_t OffsetA, uint64_t SizeA, uint64_t OffsetB,
                       uint64_t SizeB, uint64_t Line) {
    uint64_t A0 = OffsetA / 8 / Line,
             A1 = (OffsetA / 8 + std::max<uint64_t>(SizeA, 1) - 1) / Line;
    uint64_t B0 = OffsetB / 8 / Line,
             B1 = (OffsetB / 8 + std::max<uint64_t>(SizeB, 1) - 1) / Line;
    return !(A1 < B0 || B1 < A0);
  };
  // Rival pairs that share a line, on each target; on the first target
  // that has any, the groups of fields linked by shared lines.
  std::vector<unsigned> GroupOf(R.Fields.size());
  std::iota(GroupOf.begin(), GroupOf.end(), 0);
  std::function<unsigned(unsigned)> Root = [&](unsigned I) {
    return GroupOf[I] == I ? I : GroupOf[I] = Root(GroupOf[I]);
  };
  std::vector<bool> Involved(R.Fields.size(), false);
  std::vector<std::string> Targets;
  uint64_t FirstLine = 0;
  const TargetLayout *First = nullptr;
  for (const TargetLayout &L : R.Layouts) {
    bool Any = false;
    uint64_t Line = LineOf(L);
    for (size_t A = 0; A < Contended.size(); ++A)
      for (size_t B = A + 1; B < Contended.size(); ++B) {
        const FieldLayout &LA = L.Fields[Contended[A]],
                          &LB = L.Fields[Contended[B]];
        if (!ShareLine(LA.OffsetBits, LA.SizeBytes, LB.OffsetBits, LB.SizeBytes,
                       Line) ||
            !Rivals(Contended[A], Contended[B]))
          continue;
        Any = true;
        if (!First || First == &L) {
          Involved[Contended[A]] = Involved[Contended[B]] = true;
          GroupOf[Root(Contended[B])] = Root(Contended[A]);
          First = &L;
          FirstLine = Line;
        }
      }
    if (Any)
      Targets.push_back(L.Target);
  }
  if (!First)
    return;

  std::vector<unsigned> Fields;
  std::vector<std::string> Names;
  std::map<unsigned, std::vector<std::string>> Groups;
  // Sure when every field's writers were seen; a field nobody was seen
  // writing may be written by one thread only.
  bool Unseen = false;
  for (unsigned I = 0; I < R.Fields.size(); ++I)
    if (Involved[I]) {
      Unseen |= R.Fields[I].Writers.empty();
      Fields.push_back(I);
      Names.push_back(R.Fields[I].Name);
      Groups[Root(I)].push_back(R.Fields[I].Name);
    }
  std::string GroupText;
  for (auto &[Root, Members] : Groups)
    GroupText += (GroupText.empty() ? "" : ", and ") + quoted(Members);
  Finding F = finding(R, R.Loc);
  F.Subject = "shared-lines";
  std::string On;
  for (size_t I = 0; I < Targets.size(); ++I)
    On += (I == 0 ? "" : I + 1 == Targets.size() ? " and " : ", ") + Targets[I];
  F.Message = llvm::formatv("fields {0} of {1} '{2}' can be written by "
                            "different threads and share {3} {4}-byte cache "
                            "line{5} on {6}: false sharing",
                            GroupText, toString(R.Kind), R.Name,
                            Groups.size() == 1 ? "a" : "their", FirstLine,
                            Groups.size() == 1 ? "" : "s", On)
                  .str();
  for (unsigned I : Fields) {
    const FieldFacts &Field = R.Fields[I];
    std::string Writers = Field.Writers.empty()
                              ? "no writer seen in this run"
                              : "written in " + llvm::join(Field.Writers, ", ");
    if (std::optional<std::set<std::string>> On =
            Context.Threads.threadsOf(Field.Writers);
        On && !On->empty())
      Writers += " (on thread" + std::string(On->size() == 1 ? " " : "s ") +
                 quoted({On->begin(), On->end()}) + ")";
    F.Notes.push_back(
        {Field.Loc,
         llvm::formatv("'{0}' ({1}) at offset {2} on {3}: {4}", Field.Name,
                       Field.TypeName, First->Fields[I].OffsetBits / 8,
                       First->Target, Writers)
             .str()});
  }

  // The fix: each involved field after the first starts its own line. The
  // standard's constant where the library has it and it covers every
  // target's line; else the widest line, or the user's macro.
  bool Standard = R.IsCXX && AlignMacro.empty();
  for (const TargetLayout &L : R.Layouts)
    Standard &= L.InterferenceBytes >= lineOf(L);
  std::string Align =
      !AlignMacro.empty() ? AlignMacro
      : Standard ? "alignas(std::hardware_destructive_interference_size)"
      : R.IsCXX  ? llvm::formatv("alignas({0})", WidestLine).str()
                 : llvm::formatv("_Alignas({0})", WidestLine).str();
  // Which fields get it: the later field of every rival pair still on one
  // line, until no pair is left on any target (one edit for them all).
  RecordModels Modelled = RecordModels::create(R);
  auto Widen = [&](size_t T, const std::vector<unsigned> &Aligned) {
    LayoutModel M = Modelled.Models[T];
    const TargetLayout &L = *Modelled.Layouts[T];
    for (unsigned I : Aligned)
      M = M.withFieldAlignment(I, Standard ? L.InterferenceBytes : WidestLine);
    return M;
  };
  std::vector<unsigned> Aligned;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (size_t T = 0; T < Modelled.Models.size(); ++T) {
      std::vector<unsigned> Units(Modelled.Models[T].units().size());
      std::iota(Units.begin(), Units.end(), 0);
      Placement P = Widen(T, Aligned).placeAll(Units);
      const TargetLayout &L = *Modelled.Layouts[T];
      for (size_t A = 0; A < Contended.size(); ++A)
        for (size_t B = A + 1; B < Contended.size(); ++B) {
          unsigned FA = Contended[A], FB = Contended[B];
          if (llvm::is_contained(Aligned, FB) || !Involved[FA] ||
              !Involved[FB] ||
              !ShareLine(P.FieldOffsetsBits[FA], L.Fields[FA].SizeBytes,
                         P.FieldOffsetsBits[FB], L.Fields[FB].SizeBytes,
                         LineOf(L)) ||
              !Rivals(FA, FB))
            continue;
          Aligned.push_back(FB);
          Changed = true;
        }
    }
  }
  if (Modelled.empty()) // No prediction: each field after the first.
    Aligned.assign(Fields.begin() + 1, Fields.end());
  llvm::sort(Aligned);
  std::vector<std::string> AlignedNames;
  for (unsigned I : Aligned)
    AlignedNames.push_back(R.Fields[I].Name);
  std::string Growth;
  llvm::json::Array Sizes;
  for (size_t T = 0; T < Modelled.Models.size(); ++T) {
    const TargetLayout &L = *Modelled.Layouts[T];
    std::vector<unsigned> Units(Modelled.Models[T].units().size());
    std::iota(Units.begin(), Units.end(), 0);
    uint64_t NewSize = Widen(T, Aligned).placeAll(Units).SizeBytes;
    Growth +=
        llvm::formatv("{0}{1} -> {2} bytes on {3}", Growth.empty() ? "" : ", ",
                      L.Size, NewSize, L.Target)
            .str();
    Sizes.push_back(llvm::json::Object{{"target", L.Target},
                                       {"triple", L.Triple},
                                       {"size", L.Size},
                                       {"fixed_size", NewSize}});
  }
  F.Notes.push_back(
      {R.Loc, "give each its own cache line with " + Align + " on " +
                  quoted(AlignedNames) +
                  (Growth.empty() ? "" : ": the record grows, " + Growth)});
  F.Details["target"] = First->Target;
  F.Details["fields"] = llvm::json::Array(Names);
  F.Details["cache_line"] = FirstLine;
  F.Details["targets"] = std::move(Sizes);

  if (Context.WantFixes) {
    std::string Why = unsafeToRealign(R, Context.Fix);
    if (Why.empty() && R.IsTemplateSpecialisation)
      Why = "it is a class template specialisation; align the fields in "
            "the template";
    if (Why.empty() && Modelled.Models.size() != R.Layouts.size())
      Why = "its layout can't be predicted on every target";
    // Over-aligned, an object that malloc or pre-C++17 new allocates
    // would be misaligned: undefined behaviour.
    for (const RecordFacts::Allocation &A : R.UnalignedAllocations)
      if (Why.empty() && A.GuaranteedAlign < WidestLine)
        Why = llvm::formatv("objects of it are allocated by {0} at {1}:{2}, "
                            "which only guarantees {3}-byte alignment: "
                            "over-aligned, they would be misaligned; pad the "
                            "fields apart by hand, or allocate with alignment",
                            A.How, llvm::sys::path::filename(A.Loc.File),
                            A.Loc.Line, A.GuaranteedAlign)
                  .str();
    for (unsigned I : Aligned)
      if (Why.empty() && R.Fields[I].SharesDeclGroup)
        Why = "'" + R.Fields[I].Name +
              "' shares its declaration with other fields";
    if (Why.empty()) {
      for (unsigned I : Aligned)
        F.Fixes.emplace_back(R.Loc.File, R.Fields[I].DeclSpan.Begin, 0,
                             Align + " ");
      std::vector<unsigned> Order(R.Fields.size());
      std::iota(Order.begin(), Order.end(), 0);
      for (size_t T = 0; T < Modelled.Models.size(); ++T) {
        LayoutModel Wide = Widen(T, Aligned);
        std::vector<unsigned> Units(Wide.units().size());
        std::iota(Units.begin(), Units.end(), 0);
        Placement P = Wide.placeAll(Units);
        F.Predicted.push_back(predictedLayout(
            R, *Modelled.Layouts[T], P.SizeBytes,
            std::max(Modelled.Layouts[T]->Align, Wide.recordAlign()), Order,
            P.FieldOffsetsBits));
      }
    } else {
      F.NoFixReason = Why;
      F.Notes.push_back({R.Loc, "no automatic fix: " + Why});
    }
  }
  report(std::move(F), Unseen ? Impact::Medium : Impact::High, Out);
}

} // namespace structlayout
