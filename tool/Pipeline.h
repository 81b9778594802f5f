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
#include "FactsDirectory.h"
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
  /// Facts kept between runs; none: every TU is parsed.
  FactsStore *Cache = nullptr;
  /// Read the TUs' facts from these directories (--facts) instead of
  /// parsing them.
  std::vector<std::string> FactsDirs;
  /// Write each TU's facts into this directory as it finishes
  /// (--facts-out); \p ToolVersion goes into them.
  std::string FactsOut;
  std::string ToolVersion;
  /// Test hook: uses the merge forgets (`hazards`, `initialisers`...).
  std::vector<std::string> IgnoreRules;
};

class Pipeline {
public:
  explicit Pipeline(PipelineOptions Options);

  /// Parses every TU once per target (extractAll's order), or reads its
  /// facts from the cache or the facts directories, and merges the facts
  /// as TUs finish: Results keep all but the facts.
  void extract();
  /// Options of the commands left out: (option, why) -> files.
  std::map<std::pair<std::string, std::string>, std::set<std::string>>
  leftOutArgs() const;
  /// Failures, the merged facts and the records the user asked about.
  void merge();
  /// The first facts file --facts-out could not write; success if none.
  llvm::Error factsOutError();
  /// Runs the checks; Findings are what NOLINT and --line-filter leave,
  /// sorted and fingerprinted.
  void check();
  /// Leaves out the findings \p Known has (by fingerprint), sets each
  /// finding's level, and, with fixes wanted, settles and verifies them.
  void finish(const std::set<std::string> &Known);

  bool anyError() const { return AnyError; }

  PipelineOptions Options;
  std::vector<TUResult> Results; ///< Without their facts (merged).
  /// Facts files that could not be used, one line each.
  std::vector<std::string> FactsProblems;
  std::vector<TUFailure> Failures;
  MergedFacts Merged;
  std::vector<const RecordFacts *> Records; ///< Those the user asked about.
  RunSummary Summary;
  std::vector<Finding> Findings;
  SourceCache Sources;
  FixPlan Plan;
  VerifyStats Verified;

private:
  /// Takes one TU's result, in the run's order.
  void take(TUResult R);
  void readFacts();
  bool wanted(const SourceLoc &Loc) const;
  const FileConfig *configOf(const std::string &File);
  void addOdrFindings(std::vector<Finding> &Out) const;

  llvm::Regex HeaderRegex, ExcludeHeaderRegex;
  std::set<std::string> MainFiles;
  std::vector<std::string> MainFileList;
  CheckContext Context;
  VerifyOptions Verify;
  FactsMerger Merger;
  std::string FactsOutError;
  bool AnyError = false;
};

} // namespace structlayout

#endif
