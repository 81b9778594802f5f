//===- Pipeline.h - One run: extract, merge, check, report, fix -*- C++ -*-===//
//
// DESIGN.md section 2: the run is one object that the command line, the
// facts cache and sharded runs share. Each stage fills the members the next
// one reads; the driver prints between them. It sits in tool/ because it
// calls the checks.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_PIPELINE_H
#define STRUCTLAYOUT_PIPELINE_H

#include "ConfiguredChecks.h"
#include "Emitters.h"
#include "FileScope.h"
#include "FixPlan.h"
#include "LayoutCheck.h"
#include "LineFilter.h"
#include "Merge.h"
#include "Profile.h"
#include "Runner.h"
#include "SourceCache.h"
#include "Verify.h"

#include "llvm/Support/Regex.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace structlayout {

struct PipelineOptions {
  const clang::tooling::CompilationDatabase *Database = nullptr;
  std::vector<std::string> Files; ///< The sources to analyse.
  /// Some source of the database is not analysed (or an entry could not be
  /// used): a header record may have uses this run does not see.
  bool SubsetRun = false;
  RunOptions Run;
  ConfiguredChecks *Configs = nullptr;
  const FileConfig *Root = nullptr; ///< The sources' directory's config.
  std::string SourcesDir;
  /// Headers whose records are reported (besides main files').
  std::string HeaderFilter, ExcludeHeaderFilter;
  const LineFilter *Lines = nullptr;
  const CoverageProfile *Profile = nullptr;
  bool WantFixes = false;
  std::string FixChecks; ///< A glob list: the checks whose fixes apply.
  const FileScope *Scope = nullptr;
  /// Test hook: uses the merge forgets (`hazards`, `initialisers`...).
  std::vector<std::string> IgnoreRules;
};

class Pipeline {
public:
  explicit Pipeline(PipelineOptions Options);

  /// Parses every TU once per target (extractAll's order) into Results.
  void extract();
  /// Options of the commands left out: (option, why) -> files.
  std::map<std::pair<std::string, std::string>, std::set<std::string>>
  leftOutArgs() const;
  /// Failures, the merged facts and the records the user asked about.
  void merge();
  /// Runs the checks; Findings are what NOLINT and --line-filter leave,
  /// sorted and fingerprinted.
  void check();
  /// Leaves out the findings \p Known has (by fingerprint), sets each
  /// finding's level, and, with fixes wanted, settles and verifies them.
  void finish(const std::set<std::string> &Known);

  bool anyError() const { return AnyError; }

  PipelineOptions Options;
  std::vector<TUResult> Results;
  std::vector<TUFailure> Failures;
  MergedFacts Merged;
  std::vector<const RecordFacts *> Records; ///< Those the user asked about.
  RunSummary Summary;
  std::vector<Finding> Findings;
  SourceCache Sources;
  FixPlan Plan;
  VerifyStats Verified;

private:
  bool wanted(const SourceLoc &Loc) const;
  const FileConfig *configOf(const std::string &File);
  void addOdrFindings(std::vector<Finding> &Out) const;

  llvm::Regex HeaderRegex, ExcludeHeaderRegex;
  std::set<std::string> MainFiles;
  std::vector<std::string> MainFileList;
  CheckContext Context;
  VerifyOptions Verify;
  bool AnyError = false;
};

} // namespace structlayout

#endif
