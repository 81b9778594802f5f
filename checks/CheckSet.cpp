//===- CheckSet.cpp - The enabled checks, configured ----------------------===//

#include "CheckSet.h"

#include "GlobList.h"

#include <set>

namespace structlayout {

static llvm::Error error(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

llvm::Expected<CheckSet> CheckSet::create(const Settings &S) {
  GlobList Globs(S.Checks.value_or(DefaultChecks));
  for (const std::string &Glob : Globs.positiveGlobs()) {
    bool Any = false;
    for (const CheckDescriptor &D : registeredChecks())
      Any |= GlobList::matches(Glob, D.Name);
    // Globs for other tools' checks (clang-tidy configs are often shared)
    // are fine; a layout-* name that matches nothing is a typo.
    if (!Any && llvm::StringRef(Glob).starts_with("layout-"))
      return error("unknown check '" + Glob + "' (see --list-checks)");
  }
  CheckSet Set;
  std::vector<std::string> Errors;
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
  for (const auto &[Key, Value] : S.CheckOptions) {
    std::string Check = llvm::StringRef(Key).split('.').first.str();
    if (CheckNames.count(Check) && !KnownOptions.count(Key))
      Errors.push_back("unknown option '" + Key + "'");
  }
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
