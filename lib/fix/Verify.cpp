//===- Verify.cpp - Clang confirms every fix before it is written ---------===//

#include "Verify.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <set>

namespace structlayout {
namespace {

using clang::tooling::Replacement;

std::string at(const SourceLoc &L) {
  return llvm::formatv("{0}:{1}", llvm::sys::path::filename(L.File), L.Line)
      .str();
}

/// One edit of the plan, where it is in the old text and in the new one.
struct Edit {
  unsigned OldBegin, OldEnd, NewBegin, NewEnd;
  Finding *Owner;
};

/// The plan of one round: the rewritten files and who wrote what where.
class Round {
public:
  Round(const FixPlan &Plan, std::vector<Finding> &Findings) {
    std::map<std::tuple<std::string, unsigned, unsigned, std::string>,
             Finding *>
        OwnerOf;
    for (Finding &F : Findings)
      for (const Replacement &R : F.Fixes)
        OwnerOf.try_emplace({R.getFilePath().str(), R.getOffset(),
                             R.getLength(), R.getReplacementText().str()},
                            &F);
    for (const Finding *F : Plan.Fixed)
      Fixed.push_back(const_cast<Finding *>(F));
    for (const auto &[Path, Reps] : Plan.Files) {
      auto Text = fixedText(Path, Reps);
      if (!Text) {
        Unreadable[Path] = llvm::toString(Text.takeError());
        continue;
      }
      Texts->emplace(Path, std::move(*Text));
      long Shift = 0;
      for (const Replacement &R : Reps) {
        Edit E;
        E.OldBegin = R.getOffset();
        E.OldEnd = R.getOffset() + R.getLength();
        E.NewBegin = R.getOffset() + Shift;
        E.NewEnd = E.NewBegin + R.getReplacementText().size();
        Shift += long(R.getReplacementText().size()) - long(R.getLength());
        E.Owner = OwnerOf.at(
            {Path, R.getOffset(), R.getLength(), R.getReplacementText().str()});
        Edits[Path].push_back(E);
      }
    }
  }

  /// The fix whose edit is at \p Offset of \p File (the new text when
  /// \p New), else the one whose edit comes last before it.
  Finding *ownerAt(const std::string &File, unsigned Offset, bool New) const {
    auto It = Edits.find(File);
    if (It == Edits.end())
      return nullptr;
    Finding *Before = nullptr;
    for (const Edit &E : It->second) {
      unsigned Begin = New ? E.NewBegin : E.OldBegin;
      unsigned End = New ? E.NewEnd : E.OldEnd;
      if (Offset >= Begin && Offset <= End)
        return E.Owner;
      if (Begin <= Offset)
        Before = E.Owner;
    }
    return Before;
  }

  /// The fixes with edits in files \p Files (sorted).
  std::vector<Finding *> touching(const std::vector<std::string> &Files) const {
    std::vector<Finding *> Out;
    for (const auto &[Path, List] : Edits)
      if (std::binary_search(Files.begin(), Files.end(), Path))
        for (const Edit &E : List)
          if (!llvm::is_contained(Out, E.Owner))
            Out.push_back(E.Owner);
    return Out;
  }

  /// What a TU reads of this round's rewrite: its rewritten files and their
  /// new texts' hashes; empty if it reads none.
  std::string signature(const std::vector<std::string> &Files) const {
    std::string S;
    for (const auto &[Path, Text] : *Texts)
      if (std::binary_search(Files.begin(), Files.end(), Path))
        S += Path + "=" + std::to_string(llvm::xxh3_64bits(Text)) + ";";
    return S;
  }

  std::shared_ptr<std::map<std::string, std::string>> Texts =
      std::make_shared<std::map<std::string, std::string>>();
  std::map<std::string, std::string> Unreadable;
  std::map<std::string, std::vector<Edit>> Edits;
  std::vector<Finding *> Fixed;
};

/// The first reason each fix fails, in the order found.
class Failures {
public:
  void add(Finding *F, const std::string &Why) {
    if (F && !Reasons.count(F)) {
      Reasons[F] = Why;
      Order.push_back(F);
    }
  }
  void add(const std::vector<Finding *> &Fs, const std::string &Why) {
    for (Finding *F : Fs)
      add(F, Why);
  }
  bool empty() const { return Order.empty(); }
  std::map<Finding *, std::string> Reasons;
  std::vector<Finding *> Order;
};

/// What an initialisation gives, whatever record it is of (an anonymous
/// record's USR names its place, which a rewrite may move).
std::string meaningKey(const InitMeaning &M) {
  std::string K;
  for (const auto &[Field, Value] : M.Values)
    K += "\x1f" + Field + "\x1e" + Value;
  return K;
}

/// The record a prediction is about, in a rewritten TU: by USR, or, for
/// a record whose USR names its place (anonymous ones), the one record of
/// its file with the same fields.
const RecordFacts *findRecord(const TUFacts &Facts, const PredictedLayout &P) {
  std::vector<std::string> Want = P.Fields;
  std::sort(Want.begin(), Want.end());
  const RecordFacts *Alike = nullptr;
  unsigned Count = 0;
  for (const RecordFacts &R : Facts.Records) {
    if (R.Loc.File != P.File)
      continue;
    if (R.USR == P.USR)
      return &R;
    std::vector<std::string> Names;
    for (const FieldFacts &F : R.Fields)
      Names.push_back(F.Name);
    std::sort(Names.begin(), Names.end());
    if (R.IsAnonymous && Names == Want && ++Count == 1)
      Alike = &R;
  }
  return Count == 1 ? Alike : nullptr;
}

int indexOf(const RecordFacts &R, const std::string &Name) {
  for (size_t I = 0; I < R.Fields.size(); ++I)
    if (R.Fields[I].Name == Name)
      return I;
  return -1;
}

/// Why \p Got is not the layout \p Want predicted; empty if it is.
std::string layoutMismatch(const PredictedLayout &Want,
                           const RecordFacts &Got) {
  const TargetLayout &L = Got.Layouts.front();
  std::string On = " on " + Want.Target;
  if (L.Size != Want.Size)
    return llvm::formatv("Clang lays out '{0}' in {1} bytes{2}, not the "
                         "predicted {3}",
                         Want.RecordName, L.Size, On, Want.Size);
  if (Want.Align && L.Align != Want.Align)
    return llvm::formatv("Clang aligns '{0}' to {1} bytes{2}, not the "
                         "predicted {3}",
                         Want.RecordName, L.Align, On, Want.Align);
  std::vector<std::string> Names;
  for (const FieldFacts &F : Got.Fields)
    Names.push_back(F.Name);
  if (Names != Want.Fields)
    return "the rewritten '" + Want.RecordName +
           "' does not declare its fields in the predicted order";
  for (size_t I = 0; I < Want.OffsetsBits.size(); ++I)
    if (L.Fields[I].OffsetBits != Want.OffsetsBits[I])
      return llvm::formatv("Clang puts '{0}' at bit {1}{2}, not the "
                           "predicted {3}",
                           Want.Fields[I], L.Fields[I].OffsetBits, On,
                           Want.OffsetsBits[I]);
  return "";
}

/// Why the new order of \p Now initialises a member before one its
/// initialiser reads, where \p Before did not; empty if it doesn't.
std::string initOrderBroken(const RecordFacts &Now, const RecordFacts &Before) {
  for (size_t I = 0; I < Now.Fields.size(); ++I) {
    const FieldFacts &F = Now.Fields[I];
    int WasAt = indexOf(Before, F.Name);
    for (const std::string &Read : F.InitReads) {
      for (size_t J = I + 1; J < Now.Fields.size(); ++J) {
        const FieldFacts &G = Now.Fields[J];
        bool Reads = Read == InitReadsAll || G.Name == Read;
        int GWasAt = indexOf(Before, G.Name);
        if (!Reads || G.Name.empty() || WasAt < 0 || GWasAt < 0 ||
            GWasAt > WasAt)
          continue;
        if (Read == InitReadsAll)
          return "the initialiser of '" + F.Name +
                 "' calls a member function whose body this TU can't see, "
                 "and '" +
                 G.Name + "' would be initialised after it";
        return "the initialiser of '" + F.Name + "' reads '" + G.Name +
               "', which would be initialised after it";
      }
    }
  }
  return "";
}

/// A rewritten initialisation that no longer gives its fields what it did:
/// the first field that differs, if one list of \p After is like it.
std::string meaningChange(const InitMeaning &Old,
                          const std::vector<const InitMeaning *> &After) {
  std::string Why = "the rewrite changes what the initialisation at " +
                    at(Old.Loc) + " gives its fields";
  for (const InitMeaning *New : After) {
    if (New->RecordUSR != Old.RecordUSR || New->Loc.File != Old.Loc.File ||
        New->Values.size() != Old.Values.size())
      continue;
    for (size_t I = 0; I < Old.Values.size(); ++I)
      if (Old.Values[I].first == New->Values[I].first &&
          Old.Values[I].second != New->Values[I].second)
        return Why + " ('" + Old.Values[I].first + "' would get '" +
               New->Values[I].second + "', not '" + Old.Values[I].second + "')";
  }
  return Why;
}

/// Whether \p Text names \p Name as a whole identifier.
bool mentions(llvm::StringRef Text, llvm::StringRef Name) {
  auto IsIdent = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  for (size_t At = Text.find(Name); At != llvm::StringRef::npos;
       At = Text.find(Name, At + 1)) {
    size_t End = At + Name.size();
    if ((At == 0 || !IsIdent(Text[At - 1])) &&
        (End == Text.size() || !IsIdent(Text[End])))
      return true;
  }
  return false;
}

/// The fixes a diagnostic outside every edit is about: those whose record
/// it names, else all that could be (the TU reads their edits).
std::vector<Finding *> named(const std::vector<Finding *> &Suspects,
                             llvm::StringRef Message) {
  std::vector<Finding *> Named;
  for (Finding *F : Suspects) {
    llvm::StringRef Name = llvm::StringRef(F->RecordName).split('<').first;
    Name = Name.rsplit("::").second.empty() ? Name : Name.rsplit("::").second;
    if (!Name.empty() && mentions(Message, Name))
      Named.push_back(F);
  }
  return Named.empty() ? Suspects : Named;
}

void compareTU(const TUBaseline &Base, const TUResult &Now, const Round &R,
               const VerifyOptions &Options, Failures &Fail,
               std::set<std::pair<Finding *, size_t>> &Verified) {
  const TUEvidence &Old = Base.Evidence;
  const TUEvidence &New = Now.Facts.Evidence;
  std::vector<Finding *> Suspects = R.touching(Old.Files);
  std::string TU = llvm::sys::path::filename(Base.File).str() +
                   (Base.Target.empty() ? "" : " for " + Base.Target);

  // 1. No new error or warning.
  std::map<std::string, int> Count;
  for (const ParseDiagnostic &D : Old.Diagnostics)
    ++Count[D.key()];
  bool NewError = false;
  for (const ParseDiagnostic &D : New.Diagnostics) {
    if (--Count[D.key()] >= 0)
      continue;
    NewError |= D.IsError;
    std::string Why = std::string(D.IsError ? "the rewritten code does not "
                                              "compile in "
                                            : "the rewritten code gets a new "
                                              "warning in ") +
                      (D.Loc.File.empty() ? TU : at(D.Loc)) + ": " + D.Message;
    if (!D.Loc.File.empty() && D.Loc.File != Base.File)
      Why += " (parsing " + TU + ")";
    if (Finding *F = R.ownerAt(D.Loc.File, D.Loc.Offset, /*New=*/true))
      Fail.add(F, Why);
    else
      Fail.add(named(Suspects, D.Message), Why);
  }
  if (Now.Failed) {
    if (!NewError)
      Fail.add(Suspects, "the rewritten code does not compile: " + Now.Error);
    return;
  }

  // 2. The predicted layouts.
  for (Finding *F : R.Fixed)
    for (size_t K = 0; K < F->Predicted.size(); ++K) {
      const PredictedLayout &P = F->Predicted[K];
      const RecordFacts *Got = findRecord(Now.Facts, P);
      if (!Got || Got->Layouts.empty() ||
          Got->Layouts.front().Triple != P.Triple)
        continue;
      Verified.insert({F, K});
      if (std::string Why = layoutMismatch(P, *Got); !Why.empty())
        Fail.add(F, Why);
      auto Was = Options.Original.find({P.USR, P.File});
      if (Was != Options.Original.end())
        if (std::string Why = initOrderBroken(*Got, *Was->second); !Why.empty())
          Fail.add(F, Why);
    }

  // 3. Every initialisation gives each field what it gave.
  std::map<std::string, std::vector<const InitMeaning *>> Unmatched;
  for (const InitMeaning &M : New.Inits)
    Unmatched[meaningKey(M)].push_back(&M);
  std::vector<const InitMeaning *> Lost;
  for (const InitMeaning &M : Old.Inits) {
    auto It = Unmatched.find(meaningKey(M));
    if (It != Unmatched.end() && !It->second.empty())
      It->second.pop_back();
    else
      Lost.push_back(&M);
  }
  if (Lost.empty())
    return;
  std::vector<const InitMeaning *> Gained;
  for (const auto &[Key, List] : Unmatched)
    Gained.insert(Gained.end(), List.begin(), List.end());
  for (const InitMeaning *M : Lost) {
    std::string Why = meaningChange(*M, Gained);
    Finding *Owner = nullptr;
    for (Finding *F : R.Fixed)
      for (const PredictedLayout &P : F->Predicted)
        if (P.USR == M->RecordUSR && !Owner)
          Owner = F;
    if (!Owner)
      Owner = R.ownerAt(M->Loc.File, M->Loc.Offset, /*New=*/false);
    if (Owner)
      Fail.add(Owner, Why);
    else
      Fail.add(Suspects, Why);
  }
}

} // namespace

FixPlan verifyFixes(std::vector<Finding> &Findings,
                    const VerifyOptions &Options, VerifyStats &Stats) {
  std::map<std::tuple<std::string, unsigned, std::string>, const TUBaseline *>
      Baseline;
  for (const TUBaseline &B : Options.Baselines)
    Baseline[{B.File, B.Command, B.Target}] = &B;
  // What each TU was last confirmed with: a TU that reads the same
  // rewritten texts as then need not be parsed again.
  std::map<std::string, std::string> Confirmed;
  std::set<std::pair<Finding *, size_t>> Verified;

  for (;;) {
    FixPlan Plan = planFixes(Findings);
    Round R(Plan, Findings);
    Failures Fail;
    for (const auto &[Path, Why] : R.Unreadable)
      Fail.add(R.touching({Path}), Why);

    std::vector<std::string> Files;
    std::map<std::string, std::string> Signature;
    for (const TUBaseline &B : Options.Baselines) {
      std::string S = R.signature(B.Evidence.Files);
      if (S.empty() || Confirmed[B.File] == S ||
          llvm::is_contained(Files, B.File))
        continue;
      Files.push_back(B.File);
      Signature[B.File] = S;
    }
    if (Fail.empty() && Files.empty())
      return Plan;
    ++Stats.Rounds;

    RunOptions Run = Options.Run;
    Run.Overlay = R.Texts;
    Run.Progress = nullptr;
    std::vector<TUResult> Results = extractAll(*Options.Database, Files, Run);
    Stats.Parses += Results.size();
    std::set<std::string> FailedTUs;
    for (const TUResult &Now : Results) {
      auto It = Baseline.find({Now.File, Now.Command, Now.Target});
      if (It == Baseline.end())
        continue;
      size_t Before = Fail.Order.size();
      compareTU(*It->second, Now, R, Options, Fail, Verified);
      if (Fail.Order.size() != Before)
        FailedTUs.insert(Now.File);
    }
    for (const std::string &F : Files)
      if (!FailedTUs.count(F))
        Confirmed[F] = Signature[F];
    // A prediction no TU could check is not confirmed.
    if (Fail.empty())
      for (Finding *F : R.Fixed)
        for (size_t K = 0; K < F->Predicted.size(); ++K)
          if (!Verified.count({F, K}))
            Fail.add(F, "no TU lays out '" + F->Predicted[K].RecordName +
                            "' for " + F->Predicted[K].Target +
                            ", so its new layout can't be confirmed");
    if (Fail.empty())
      return Plan;
    for (Finding *F : Fail.Order) {
      ++Stats.Dropped;
      F->Fixes.clear();
      F->Predicted.clear();
      F->NoFixReason = Fail.Reasons[F];
      F->Notes.push_back({F->Loc, "no automatic fix: " + F->NoFixReason});
    }
  }
}

} // namespace structlayout
