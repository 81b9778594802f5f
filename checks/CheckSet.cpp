//===- CheckSet.cpp - The enabled checks, configured ----------------------===//

#include "CheckSet.h"

#include "GlobList.h"

#include <set>

namespace structlayout {

static llvm::Error error(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// The closest check name to \p Glob, for "did you mean".
static std::string closestCheck(llvm::StringRef Glob) {
  std::string Best;
  unsigned BestDistance = 4;
  for (const CheckDescriptor &D : registeredChecks()) {
    unsigned Distance = Glob.edit_distance(D.Name);
    if (Distance < BestDistance) {
      BestDistance = Distance;
      Best = D.Name;
    }
  }
  return Best;
}

std::vector<std::string> unknownChecks(const std::vector<SourcedGlobs> &Parts,
                                       llvm::StringRef What) {
  std::vector<std::string> Out;
  for (const SourcedGlobs &Part : Parts)
    for (const std::string &Glob : GlobList(Part.Globs).positiveGlobs()) {
      bool Any = false;
      for (const CheckDescriptor &D : registeredChecks())
        Any |= GlobList::matches(Glob, D.Name);
      // Globs for other tools' checks (clang-tidy configs are shared) are
      // fine; a layout-* name that matches nothing is a typo.
      if (Any || !llvm::StringRef(Glob).starts_with("layout-"))
        continue;
      std::string Message = "unknown check '" + Glob + "'";
      if (std::string Near = closestCheck(Glob); !Near.empty())
        Message += "; did you mean '" + Near + "'";
      Message +=
          " (" + What.str() + " in " + Part.Source + "; see --list-checks)";
      Out.push_back(Message);
    }
  return Out;
}

CheckSet CheckSet::build(const Settings &S, std::vector<std::string> &Errors) {
  size_t First = Errors.size();
  GlobList Globs(S.checks());
  // A typo in WarningsAsErrors would switch a CI gate off: an error too.
  for (auto [Parts, What] : {std::pair{&S.Checks, "Checks"},
                             {&S.WarningsAsErrors, "WarningsAsErrors"}})
    for (std::string &Unknown : unknownChecks(*Parts, What))
      Errors.push_back(std::move(Unknown));
  CheckSet Set;
  std::set<std::string> KnownOptions;
  std::set<std::string> CheckNames;
  for (const CheckDescriptor &D : registeredChecks()) {
    CheckNames.insert(D.Name);
    CheckOptionsView View(D.Name, S.CheckOptions, Errors);
    std::unique_ptr<LayoutCheck> Check = D.Create(View);
    for (const std::string &O : View.known())
      KnownOptions.insert(std::string(D.Name) + "." + O);
    if (Globs.contains(D.Name))
      Set.Checks.push_back(std::move(Check));
  }
  for (const char *Own : OwnSettings)
    KnownOptions.insert(OwnOptionPrefix + std::string(Own));
  CheckNames.insert(llvm::StringRef(OwnOptionPrefix).drop_back().str());
  for (const auto &[Key, Value] : S.CheckOptions) {
    std::string Check = llvm::StringRef(Key).split('.').first.str();
    if (CheckNames.count(Check) && !KnownOptions.count(Key))
      Errors.push_back("unknown option '" + Key + "'");
  }
  // An option's error names the file and line that set it.
  for (size_t I = First; I < Errors.size(); ++I)
    for (const auto &[Key, Source] : S.OptionSources)
      if (llvm::StringRef(Errors[I]).contains("'" + Key + "'")) {
        Errors[I] += " (" + Source + ")";
        break;
      }
  return Set;
}

llvm::Expected<CheckSet> CheckSet::create(const Settings &S) {
  std::vector<std::string> Errors;
  CheckSet Set = build(S, Errors);
  if (!Errors.empty())
    return error(Errors.front());
  return Set;
}

bool CheckSet::needsFunctionBodies() const {
  return llvm::any_of(Checks, [](const std::unique_ptr<LayoutCheck> &C) {
    return C->needsFunctionBodies();
  });
}

std::vector<std::string> CheckSet::names() const {
  std::vector<std::string> Out;
  for (const auto &C : Checks)
    Out.push_back(C->name().str());
  return Out;
}

void CheckContext::indexRecords(const std::vector<RecordFacts> &Records) {
  for (const RecordFacts &R : Records) {
    if (R.IsTemplateSpecialisation)
      Specialisations[R.TemplateKey].push_back(&R);
    if (!R.USR.empty())
      ByUSR.emplace(R.USR, &R);
  }
}

void CheckContext::indexFacts(const MergedFacts &Merged) {
  indexRecords(Merged.Records);
  Threads = ThreadModel(Merged.CallGraph);
}

void CheckSet::run(const RecordFacts &Record, const CheckContext &Context,
                   std::vector<Finding> &Out) const {
  for (const auto &C : Checks)
    C->check(Record, Context, Out);
}

OptionMap CheckSet::options() const {
  OptionMap Out;
  for (const auto &C : Checks)
    C->storeOptions(Out);
  return Out;
}

} // namespace structlayout
