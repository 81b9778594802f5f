//===- Pipeline.cpp - One run: extract, merge, check, report, fix ---------===//

#include "Pipeline.h"
#include "Fingerprint.h"
#include "GlobList.h"
#include "LayoutModel.h"
#include "Nolint.h"
#include "StableFixes.h"
#include "llvm/ADT/StringExtras.h"

namespace structlayout {

Pipeline::Pipeline(PipelineOptions O)
    : Options(std::move(O)), HeaderRegex(Options.HeaderFilter),
      ExcludeHeaderRegex(Options.ExcludeHeaderFilter) {}

/// How a run extracts its facts: facts made otherwise are not its own.
static FactsMode modeOf(const ExtractOptions &Extract) {
  FactsMode Mode;
  Mode.FunctionBodies = !Extract.SkipFunctionBodies;
  Mode.Evidence = Extract.CollectEvidence;
  return Mode;
}

void Pipeline::extract() {
  if (!Options.FactsDirs.empty())
    return readFacts();
  RunOptions Run = Options.Run;
  Run.Store = Options.Cache;
  extractEach(*Options.Database, Options.Files, Run,
              [&](TUResult R) { take(std::move(R)); });
}

void Pipeline::take(TUResult R) {
  if (!Options.FactsOut.empty() && FactsOutError.empty())
    if (llvm::Error E = writeFactsDirectory(Options.FactsOut, {R},
                                            modeOf(Options.Run.Extract),
                                            Options.ToolVersion))
      FactsOutError = llvm::toString(std::move(E));
  if (!R.Failed) {
    if (Options.WantFixes)
      Verify.Baselines.push_back(
          {R.File, R.Target, R.Command, std::move(R.Facts.Evidence)});
    MainFiles.insert(R.Facts.MainFile);
    // The facts-out run runs no checks: nothing to merge.
    if (Options.FactsOut.empty())
      Merger.add(std::move(R.Facts));
  }
  R.Facts = TUFacts();
  Results.push_back(std::move(R));
}

llvm::Error Pipeline::factsOutError() {
  if (FactsOutError.empty())
    return llvm::Error::success();
  return llvm::createStringError(llvm::inconvertibleErrorCode(), FactsOutError);
}

/// The facts of every TU x command x target, in extractAll's order; a TU
/// the directories lack is a failed TU that says so.
void Pipeline::readFacts() {
  FactsDirectories Read = readFactsDirectories(
      Options.FactsDirs, modeOf(Options.Run.Extract), Options.Run.Jobs);
  FactsProblems = std::move(Read.Problems);
  std::vector<std::string> Targets;
  for (const TargetSpec &T : Options.Run.Targets)
    Targets.push_back(T.Name);
  if (Targets.empty())
    Targets.push_back("");
  std::string Where = "in '" + llvm::join(Options.FactsDirs, ",") + "'";
  for (const std::string &File : Options.Files) {
    auto First = Read.TUs.lower_bound({File, 0, ""});
    unsigned Commands =
        First != Read.TUs.end() && std::get<0>(First->first) == File
            ? First->second.Commands
            : 1;
    for (unsigned Command = 0; Command < Commands; ++Command)
      for (const std::string &Target : Targets) {
        auto It = Read.TUs.find({File, Command, Target});
        if (It != Read.TUs.end()) {
          take(std::move(It->second));
          continue;
        }
        TUResult Missing;
        Missing.File = File;
        Missing.Target = Target;
        Missing.Command = Command;
        Missing.Commands = Commands;
        Missing.Failed = true;
        Missing.Error =
            "no facts for '" + File + "'" +
            (Commands > 1 ? " (compile command " + std::to_string(Command + 1) +
                                " of " + std::to_string(Commands) + ")"
                          : std::string()) +
            (Target.empty() ? std::string() : " for " + Target) + " " + Where +
            " (extract them with --facts-out)";
        take(std::move(Missing));
      }
  }
}

std::map<std::pair<std::string, std::string>, std::set<std::string>>
Pipeline::leftOutArgs() const {
  std::map<std::pair<std::string, std::string>, std::set<std::string>> Out;
  for (const TUResult &R : Results) {
    for (const std::string &A : R.UnknownArgs)
      Out[{A, "Clang does not know it"}].insert(R.File);
    for (const auto &[A, Why] : R.RejectedArgs)
      Out[{A, "Clang rejects it (" + Why + ")"}].insert(R.File);
  }
  return Out;
}

/// The uses a test asks the merge to forget.
static void ignoreRules(std::vector<RecordFacts> &Records,
                        const std::vector<std::string> &Rules) {
  auto Ignored = [&](llvm::StringRef Rule) {
    return llvm::is_contained(Rules, Rule);
  };
  for (RecordFacts &R : Records) {
    for (FieldFacts &F : R.Fields) {
      if (Ignored("init-reads"))
        F.InitReads.clear();
      if (Ignored("member-types"))
        F.NamesMemberAfter = 0;
    }
    if (Ignored("initialisers"))
      R.InitSites.clear();
    if (Ignored("hazards"))
      R.Hazards.clear();
  }
}

void Pipeline::merge() {
  std::set<std::pair<std::string, unsigned>> Configurations;
  for (const TUResult &R : Results)
    Configurations.insert({R.File, R.Command});
  Summary.TUs = Configurations.size();
  for (TUResult &R : Results)
    if (R.Failed)
      Failures.push_back({R.File, R.Error});
  Summary.FailedTUs = Failures.size();
  Merged = std::move(Merger).finish();
  ignoreRules(Merged.Records, Options.IgnoreRules);
  for (const RecordFacts &R : Merged.Records)
    if (wanted(R.Loc))
      Records.push_back(&R);
}

/// Records the user asked about: main files and headers the filter keeps.
/// An empty header filter (clang-tidy --dump-config's default) takes no
/// header, as in clang-tidy.
bool Pipeline::wanted(const SourceLoc &Loc) const {
  return MainFiles.count(Loc.File) ||
         (!Options.HeaderFilter.empty() && HeaderRegex.match(Loc.File) &&
          !(!Options.ExcludeHeaderFilter.empty() &&
            ExcludeHeaderRegex.match(Loc.File)));
}

/// A record is checked as its defining file's configuration says.
const FileConfig *Pipeline::configOf(const std::string &File) {
  auto C = Options.Configs->forFile(File);
  if (C)
    return *C;
  llvm::errs() << "error: " << llvm::toString(C.takeError())
               << " (its directory is checked as the sources')\n";
  return Options.Root;
}

void Pipeline::addOdrFindings(std::vector<Finding> &Out) const {
  for (const LayoutConflict &C : Merged.Conflicts) {
    if (!wanted(C.Loc))
      continue;
    Finding F;
    F.Check = "layout-odr";
    F.Subject = "odr";
    F.Loc = C.Loc;
    F.RecordName = C.RecordName;
    F.Message = "'" + C.RecordName + "' has different layouts on " + C.Triple +
                ": " + std::to_string(C.FirstSize) + " bytes in " + C.FirstTU +
                ", " + std::to_string(C.SecondSize) + " bytes in " +
                C.SecondTU + "; the first is analysed";
    F.Details["target"] = C.Triple;
    Out.push_back(std::move(F));
  }
}

void Pipeline::check() {
  MainFileList.assign(MainFiles.begin(), MainFiles.end());
  Context.WantFixes = Options.WantFixes;
  Context.Profile = Options.Profile;
  Context.Fix.SubsetRun = Options.SubsetRun || !Failures.empty();
  Context.Fix.MainFiles = &MainFileList;
  Context.SourceRoot = Options.SourcesDir;
  Context.indexFacts(Merged);
  std::vector<Finding> All;
  for (const RecordFacts *R : Records) {
    configOf(R->Loc.File)->Checks.run(*R, Context, All);
    for (const TargetLayout &L : R->Layouts) {
      if (R->Fields.empty())
        continue;
      auto Model = LayoutModel::create(*R, L);
      if (!Model) {
        llvm::consumeError(Model.takeError());
        ++Summary.RecordsNotModelled;
      }
    }
  }
  Summary.RecordsAnalysed = Records.size();
  addOdrFindings(All);

  NolintIndex Nolint(Sources);
  std::set<std::string> FindingFiles;
  for (Finding &F : All) {
    if (Options.Lines && !Options.Lines->passes(F.Loc.File, F.Loc.Line))
      continue;
    FindingFiles.insert(F.Loc.File);
    if (Nolint.suppresses(F.Loc.File, F.Loc.Line, F.Check))
      ++Summary.Suppressed;
    else
      Findings.push_back(std::move(F));
  }
  // NOLINT comments gone wrong in those files, as clang-tidy reports them.
  auto IsCheck = [](llvm::StringRef Name) {
    return llvm::any_of(registeredChecks(), [&](const CheckDescriptor &D) {
      return GlobList::matches(Name, D.Name);
    });
  };
  for (const std::string &File : FindingFiles)
    for (Finding &F : Nolint.problems(File, IsCheck))
      Findings.push_back(std::move(F));
  sortFindings(Findings);
  assignFingerprints(Findings, Options.Scope->root());
}

void Pipeline::finish(const std::set<std::string> &Known) {
  llvm::erase_if(Findings, [&](const Finding &F) {
    bool InBaseline = Known.count(F.Fingerprint);
    Summary.Baselined += InBaseline;
    return InBaseline;
  });
  std::set<std::string> Flagged;
  for (Finding &F : Findings) {
    if (configOf(F.Loc.File)->AsErrors.contains(F.Check))
      F.Level = Severity::Error;
    AnyError |= F.Level == Severity::Error; // An unmatched NOLINTBEGIN too.
    if (!F.RecordKey.empty())
      Flagged.insert(F.RecordKey);
    if (F.Check == "layout-padding")
      if (const llvm::json::Value *V = F.Details.get("bytes_saved"))
        Summary.BytesSaved += V->getAsUINT64().value_or(0);
  }
  Summary.RecordsFlagged = Flagged.size();
  if (!Options.WantFixes)
    return;
  Verify.Database = Options.Database;
  Verify.Run = Options.Run;
  for (const RecordFacts &R : Merged.Records)
    Verify.Original[{R.USR, R.Loc.File}] = &R;
  keepFixesInScope(Findings, *Options.Scope);
  settleFixes(Findings, Records, Options.Root->Checks, Context,
              GlobList(Options.FixChecks));
  Plan = verifyFixes(Findings, Verify, Verified);
}

} // namespace structlayout
