//===- main.cpp - struct-layout: the command line
//--------------------------===//
//
// Thin driver: options and config in, TUs parsed in parallel into facts,
// facts merged, checks run, findings filtered and printed, fixes written.
// Exit codes:
//   0  no errors;
//   1  findings promoted to errors (--warnings-as-errors);
//   2  usage or config error, nothing analysed (an unwritable
//      --export-fixes or --export-soa path included);
//   3  some TU could not be analysed;
//   4  fixes not written: a file was read-only, in a read-only directory,
//      changed meanwhile, or the disk was full; no file was changed;
//   5  an interrupted --fix left its journal: nothing analysed until
//      `--fix-recover` restores the files (or --fix-recover failed).
// A test hook may end a commit with 99 (STRUCT_LAYOUT_TEST_COMMIT_STOP_AFTER).
//
//===----------------------------------------------------------------------===//

#include "ApplyFixes.h"
#include "Baseline.h"
#include "CheckSet.h"
#include "CommandLine.h"
#include "Config.h"
#include "ConfigLookup.h"
#include "ConfiguredChecks.h"
#include "Emitters.h"
#include "ExportSoa.h"
#include "FactsCache.h"
#include "FileIO.h"
#include "FileScope.h"
#include "Fingerprint.h"
#include "FixSelection.h"
#include "GlobList.h"
#include "Heat.h"
#include "Journal.h"
#include "LayoutModel.h"
#include "LineFilter.h"
#include "Merge.h"
#include "Pipeline.h"
#include "Profile.h"
#include "SourceCache.h"

#include "clang/Basic/Version.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <set>

#ifndef STRUCTLAYOUT_RESOURCE_DIR
#define STRUCTLAYOUT_RESOURCE_DIR ""
#endif
#ifndef STRUCTLAYOUT_VERSION
#define STRUCTLAYOUT_VERSION "0"
#endif
#ifndef STRUCTLAYOUT_DOCS_URL
#define STRUCTLAYOUT_DOCS_URL ""
#endif

using namespace structlayout;
namespace cl = llvm::cl;

enum ExitCode {
  ExitOk = 0,
  ExitFindings = 1,
  ExitUsage = 2,
  ExitTUFailed = 3,
  ExitNotWritten = ExitFixesNotWritten,
  ExitInterrupted = 5
};

static cl::OptionCategory Category("struct-layout options");

static cl::opt<std::string> BuildPath(
    "p", cl::desc("Build directory with compile_commands.json (or its path)"),
    cl::value_desc("build-dir"), cl::cat(Category));
static cl::list<std::string> SourcePaths(
    cl::Positional,
    cl::desc("[<source> ...] files, or regexes over the database's files as "
             "run-clang-tidy takes them (default: the whole database)"),
    cl::cat(Category));
static cl::opt<std::string> Exclude(
    "exclude",
    cl::desc("Regex: leave out the database's files whose path it matches"),
    cl::value_desc("regex"), cl::cat(Category));
static cl::opt<std::string>
    Checks("checks",
           cl::desc("Comma-separated globs of checks, appended to the "
                    "configuration's (as clang-tidy): '-*,layout-padding', "
                    "'-layout-hot-cold' (default: layout-*)"),
           cl::cat(Category));
static cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Regex: report records in headers whose path matches (main "
             "files are always reported; default: .*, system headers never)"),
    cl::cat(Category));
static cl::opt<std::string> ExcludeHeaderFilter(
    "exclude-header-filter",
    cl::desc("Regex: do not report records in headers whose path matches, "
             "even when --header-filter does"),
    cl::cat(Category));
static cl::opt<std::string> ConfigFile(
    "config-file",
    cl::desc("Read the configuration from this file (clang-tidy's format) "
             "instead of the nearest .struct-layout.yaml or .clang-tidy "
             "above each source"),
    cl::cat(Category));
static cl::opt<std::string> InlineConfig(
    "config",
    cl::desc("The configuration as YAML, as clang-tidy's --config: "
             "--config=\"{Checks: '-*,layout-padding'}\""),
    cl::cat(Category));
static cl::opt<bool> VerifyConfig(
    "verify-config",
    cl::desc("Check the configuration of every source (unknown keys, checks "
             "and options, bad values) and exit: 1 if it has errors"),
    cl::cat(Category));
static cl::opt<bool> ExplainConfig(
    "explain-config",
    cl::desc("For each enabled check, say which config file or option "
             "enabled it, and exit"),
    cl::cat(Category));
static cl::opt<std::string> LineFilterJson(
    "line-filter",
    cl::desc("Report only findings on these lines, as clang-tidy's: "
             "[{\"name\":\"file.cpp\",\"lines\":[[1,3],[5,7]]},...]"),
    cl::cat(Category));
static cl::opt<std::string>
    Format("format",
           cl::desc("text, json (docs/struct-layout.schema.json) "
                    "or sarif (SARIF 2.1.0, for code scanning)"),
           cl::init("text"), cl::cat(Category));
static cl::opt<std::string>
    Output("output",
           cl::desc("Write the findings to this file (default: stdout)"),
           cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string> Baseline(
    "baseline",
    cl::desc("Findings already in this baseline (--write-baseline's file, "
             "or a SARIF log of an earlier run) are not reported and do not "
             "fail the run"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Write every finding of this run to a baseline file"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<bool> ShowProgress(
    "progress",
    cl::desc("A line on stderr for each TU ('[k/N] path'), even when stderr "
             "is not a terminal (default: a line every 10 s there)"),
    cl::cat(Category));
static cl::opt<unsigned> Jobs("j", cl::desc("Parallel TUs (0: all cores)"),
                              cl::init(0), cl::Prefix, cl::cat(Category));
static cl::opt<bool> Quiet("quiet",
                           cl::desc("No progress and no summary on stderr"),
                           cl::cat(Category));
static cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Globs of checks whose warnings are errors (exit code 1)"),
    cl::cat(Category));
static cl::opt<std::string> PrintLayout(
    "print-layout", cl::ValueOptional,
    cl::desc("Print records whose name matches REGEX (all if empty) as "
             "pahole does, instead of diagnostics"),
    cl::value_desc("REGEX"), cl::cat(Category));
static cl::list<std::string>
    ExtraArgs("extra-arg", cl::desc("Argument to append to compile commands"),
              cl::cat(Category));
static cl::list<std::string>
    ExtraArgsBefore("extra-arg-before",
                    cl::desc("Argument to prepend to compile commands"),
                    cl::cat(Category));
static cl::list<std::string> RemoveArgs(
    "remove-arg",
    cl::desc("Drop an option, with its values, from every compile command: "
             "its spelling or a glob (-mabi=, -W*), as clangd's "
             "CompileFlags: Remove"),
    cl::value_desc("FLAG"), cl::cat(Category));
static cl::opt<bool> ListChecks("list-checks",
                                cl::desc("List the enabled checks and exit"),
                                cl::cat(Category));
static cl::opt<bool>
    DumpConfig("dump-config",
               cl::desc("Print the effective configuration and exit"),
               cl::cat(Category));
static cl::opt<bool> WithBodies(
    "parse-function-bodies",
    cl::desc("Parse function bodies (slower; sees templates instantiated "
             "only inside functions)"),
    cl::cat(Category));
static cl::opt<bool> Fix("fix",
                         cl::desc("Apply the safe fixes in place, each file "
                                  "written atomically"),
                         cl::cat(Category));
static cl::opt<bool>
    FixDryRun("fix-dry-run",
              cl::desc("Print what --fix would change, as a unified diff"),
              cl::cat(Category));
static cl::opt<bool> FixRecover(
    "fix-recover",
    cl::desc("Restore the files of an interrupted --fix from its journal in "
             "the build directory, then exit"),
    cl::cat(Category));
static cl::opt<std::string> FixRoot(
    "fix-root",
    cl::desc("Write fixes only to files under this directory (default: the "
             "git work tree holding the build directory, else the directory "
             "the database's files share)"),
    cl::value_desc("dir"), cl::cat(Category));
static cl::opt<std::string> PublicHeaders(
    "public-headers",
    cl::desc("Regex of installed header paths: their records are reported, "
             "never fixed (a reorder would change the ABI)"),
    cl::value_desc("regex"), cl::cat(Category));
static cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the safe fixes as YAML for clang-apply-replacements"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string> FixChecks(
    "fix-checks",
    cl::desc("Globs of checks whose fixes --fix applies (default: "
             "layout-padding,layout-simd-alignment, and layout-hot-cold with "
             "--profile; layout-false-sharing's make records bigger)"),
    cl::value_desc("globs"), cl::cat(Category));
static cl::opt<std::string> Targets(
    "target",
    cl::desc("Analyse for these targets, each TU parsed once per target: "
             "presets (linux-x86_64, linux-i686, linux-aarch64, linux-armv7, "
             "windows-x64, windows-x86, macos-arm64, macos-x86_64, wasm32, "
             "linux-ppc64le, portable) or triples, comma-separated "
             "(default: each compile command's own)"),
    cl::value_desc("targets"), cl::cat(Category));
static cl::opt<bool>
    ListTargets("list-targets",
                cl::desc("List the --target presets (name, triple, cache "
                         "line) and exit"),
                cl::cat(Category));
static cl::opt<unsigned> CacheLineSize(
    "cache-line-bytes",
    cl::desc("Cache-line size in bytes for every target (default: the "
             "target's, 64 or 128)"),
    cl::init(0), cl::cat(Category));
static cl::opt<std::string> ProfileFile(
    "profile",
    cl::desc("Execution counts that decide which fields are hot: the JSON of "
             "'llvm-cov export -format=text' for a run of the program built "
             "with -fprofile-instr-generate -fcoverage-mapping"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string> ExportSoaDir(
    "export-soa",
    cl::desc("Write a struct-of-arrays header (type, conversions, the loop "
             "rewritten) for each layout-aos-to-soa suggestion into this "
             "directory"),
    cl::value_desc("dir"), cl::cat(Category));
static cl::opt<cl::boolOrDefault>
    UseColor("use-color", cl::desc("Colour diagnostics (default: on a tty)"),
             cl::cat(Category));

static cl::opt<std::string>
    CacheDir("cache-dir",
             cl::desc("Keep each TU's facts here between runs (default: "
                      ".struct-layout-cache in the build directory)"),
             cl::value_desc("dir"), cl::cat(Category));
static cl::opt<bool> NoCache("no-cache",
                             cl::desc("Parse every TU; keep no facts"),
                             cl::cat(Category));
static cl::opt<unsigned> CacheLimit(
    "cache-limit",
    cl::desc("Size of the facts cache in MiB; the least recently used "
             "entries go beyond it (default: 1024)"),
    cl::init(1024), cl::cat(Category));
static cl::opt<std::string>
    Shard("shard",
          cl::desc("Extract only the K-th of N slices of the TUs (K counts "
                   "from 1), with --facts-out"),
          cl::value_desc("K/N"), cl::cat(Category));
static cl::opt<std::string> FactsOut(
    "facts-out",
    cl::desc("Write each TU's facts into this directory and stop; give it "
             "the checks and fix options of the run with --facts that reads "
             "them"),
    cl::value_desc("dir"), cl::cat(Category));
static cl::list<std::string> FactsDirs(
    "facts", cl::CommaSeparated,
    cl::desc("Read the TUs' facts from these directories (written by "
             "--facts-out) instead of parsing; -p still names the database"),
    cl::value_desc("dir,..."), cl::cat(Category));

static cl::list<std::string> TestIgnoreRules(
    "test-ignore-rule", cl::Hidden, cl::CommaSeparated,
    cl::desc("For tests: the fast safety rules miss what they would catch "
             "(init-reads, member-types, initialisers, hazards), so that "
             "verification has to"),
    cl::cat(Category));

static int usageError(const llvm::Twine &Message) {
  llvm::errs() << "error: " << Message << "\n";
  return ExitUsage;
}

/// The directory the sources share, where the config lookup starts.
static std::string commonDirectory(const std::vector<std::string> &Files) {
  if (Files.empty())
    return ".";
  std::string Common = llvm::sys::path::parent_path(Files.front()).str();
  for (const std::string &F : Files)
    while (!Common.empty() && !llvm::StringRef(F).starts_with(Common + "/"))
      Common = llvm::sys::path::parent_path(Common).str();
  return Common.empty() ? "/" : Common;
}

/// Assembly, CUDA and Fortran sources: no records Clang can give us.
static bool isSkipped(llvm::StringRef Path) {
  return !skippedSourceKind(Path).empty();
}

/// One note per kind of source left out, with how many and the first.
static void noteSkipped(const std::vector<std::string> &Paths) {
  std::map<std::string, std::pair<unsigned, std::string>> Kinds;
  for (const std::string &P : Paths) {
    llvm::StringRef Kind = skippedSourceKind(P);
    if (Kind.empty())
      continue;
    auto &[Count, First] = Kinds[Kind.str()];
    if (!Count++)
      First = P;
  }
  for (const auto &[Kind, Seen] : Kinds)
    llvm::errs() << "note: " << Seen.first << " " << Kind << " source"
                 << (Seen.first == 1 ? "" : "s")
                 << " left out (first: " << Seen.second << "): "
                 << (Kind == "CUDA"
                         ? "its commands are nvcc's, and Clang would need "
                           "the CUDA SDK"
                         : "no C or C++ records to analyse")
                 << "\n";
}

static std::string absolute(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, true);
  return P.str().str();
}

/// Two options that can't both hold, as one usage error; empty if none.
static std::string conflictingModes() {
  bool Printing = PrintLayout.getNumOccurrences() > 0;
  bool Fixing = Fix || FixDryRun || !ExportFixes.empty();
  if (Fix && FixDryRun)
    return "--fix writes the fixes and --fix-dry-run prints them: choose one";
  if (FixDryRun && Format != "text" && Output.empty())
    return "--fix-dry-run prints its patch on stdout, and so would "
           "--format=" +
           Format + ": give the findings --output=FILE";
  if (Printing && Format != "text")
    return "--print-layout prints pahole's text; it has no --format=" + Format;
  if (Printing && (Fixing || !Baseline.empty() || !WriteBaseline.empty()))
    return "--print-layout prints layouts and reports no findings: it takes "
           "no --fix, --fix-dry-run, --export-fixes or baseline";
  if (FixRecover && (Fixing || Printing))
    return "--fix-recover only restores the files of an interrupted --fix";
  if (ShowProgress && Quiet)
    return "--progress and --quiet: choose one";
  if (!Shard.empty() && FactsOut.empty())
    return "--shard extracts a slice of the TUs for --facts-out=DIR: give "
           "it one";
  if (!FactsOut.empty() && !FactsDirs.empty())
    return "--facts-out writes facts and --facts reads them: choose one";

  return "";
}

/// Each TU's progress on stderr: on a terminal, one line rewritten; with
/// --progress, a line a TU; elsewhere (a CI log) a line every 10 seconds.
static std::function<void(unsigned, unsigned, const std::string &)>
progressReporter(bool Terminal) {
  if (Terminal && !ShowProgress)
    return [](unsigned Done, unsigned Total, const std::string &F) {
      llvm::errs() << "\r\033[K[" << Done << "/" << Total << "] "
                   << llvm::sys::path::filename(F);
    };
  using Clock = std::chrono::steady_clock;
  auto Last = std::make_shared<Clock::time_point>(Clock::now());
  return [Last](unsigned Done, unsigned Total, const std::string &F) {
    if (!ShowProgress && Clock::now() - *Last < std::chrono::seconds(10))
      return;
    *Last = Clock::now();
    llvm::errs() << "[" << Done << "/" << Total << "] " << F << "\n";
  };
}

/// YAML in single quotes, as clang-tidy --dump-config writes it.
static std::string quotedYaml(llvm::StringRef Text) {
  std::string Out = "'";
  for (char C : Text)
    Out += C == '\'' ? std::string("''") : std::string(1, C);
  return Out + "'";
}

/// The effective configuration as a `.clang-tidy` that clang-tidy-19 (with
/// the plugin) and struct-layout both read: struct-layout's own settings
/// are CheckOptions.
static void dumpConfig(const Settings &S, const CheckSet &Set) {
  llvm::raw_ostream &OS = llvm::outs();
  OS << "---\nChecks: " << quotedYaml(S.checks()) << "\n"
     << "WarningsAsErrors: " << quotedYaml(S.warningsAsErrors()) << "\n"
     << "HeaderFilterRegex: "
     << quotedYaml(S.HeaderFilterRegex.value_or(DefaultHeaderFilter)) << "\n"
     << "ExcludeHeaderFilterRegex: "
     << quotedYaml(S.ExcludeHeaderFilterRegex.value_or("")) << "\n";
  for (auto [Key, Args] : {std::pair{"ExtraArgs", &S.ExtraArgs},
                           {"ExtraArgsBefore", &S.ExtraArgsBefore}}) {
    if (Args->empty())
      continue;
    OS << Key << ":\n";
    for (const std::string &A : *Args)
      OS << "  - " << quotedYaml(A) << "\n";
  }
  OptionMap Options = Set.options();
  for (const auto &[K, V] : S.CheckOptions)
    if (llvm::StringRef(K).starts_with(OwnOptionPrefix))
      Options[K] = V;
  auto Own = [&](const char *Name, const std::optional<std::string> &V) {
    if (V)
      Options[OwnOptionPrefix + std::string(Name)] = *V;
  };
  Own("Targets", S.Targets);
  Own("CacheLineSize", S.CacheLineSize);
  Own("PublicHeaderRegex", S.PublicHeaderRegex);
  OS << "CheckOptions:\n";
  for (const auto &[K, V] : Options)
    OS << "  " << K << ": " << quotedYaml(V) << "\n";
  OS << "...\n";
}

/// --verify-config: the configuration of each of \p Files, every problem
/// named with its file and line. 0 if there is none, else 1.
static int verifyConfig(ConfigLookup &Lookup,
                        const std::vector<std::string> &Files) {
  std::set<std::string> Problems;
  std::set<std::string> Directories;
  for (const std::string &F : Files)
    Directories.insert(llvm::sys::path::parent_path(F).str());
  for (const std::string &Dir : Directories) {
    auto S = Lookup.forDirectory(Dir);
    if (!S) {
      Problems.insert("error: " + llvm::toString(S.takeError()));
      continue;
    }
    std::vector<std::string> Errors;
    CheckSet::build(*S, Errors);
    for (const std::string &E : Errors)
      Problems.insert("error: " + E);
  }
  for (const std::string &W : Lookup.warnings())
    Problems.insert("warning: " + W);
  for (const std::string &P : Problems)
    llvm::errs() << P << "\n";
  if (Problems.empty())
    llvm::outs() << "No config errors detected.\n";
  return Problems.empty() ? ExitOk : ExitFindings;
}

int main(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "struct-layout " << STRUCTLAYOUT_VERSION << " (LLVM "
       << LLVM_VERSION_STRING << ")\n";
  });

  // Compiler flags after `--` make a database of their own, as in clang-tidy.
  std::string FixedError;
  std::unique_ptr<clang::tooling::CompilationDatabase> Fixed =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv,
                                                                    FixedError);
  if (!FixedError.empty()) {
    llvm::StringRef Message = llvm::StringRef(FixedError).trim();
    Message.consume_front("error: ");
    return usageError(Message);
  }
  // llvm::cl words its complaints over several lines; say it in one, with
  // its suggestion, like every other bad input.
  std::string ParseErrors;
  llvm::raw_string_ostream ParseErrorStream(ParseErrors);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "struct-layout: padding, false sharing and cache layout of C/C++ "
          "records, from Clang's own layouts.\n",
          &ParseErrorStream)) {
    llvm::SmallVector<llvm::StringRef, 4> Lines;
    llvm::StringRef(ParseErrors).trim().split(Lines, '\n');
    std::string Message;
    for (llvm::StringRef Line : Lines) {
      Line = Line.trim();
      Line.consume_front(llvm::sys::path::filename(argv[0]));
      Line.consume_front(":");
      Line = Line.split("  Try:").first.trim();
      Message += (Message.empty() ? "" : " ") + Line.str();
    }
    if (Message.empty()) // llvm::cl has printed it already.
      return ExitUsage;
    return usageError(Message);
  }
  if (Format != "text" && Format != "json" && Format != "sarif")
    return usageError("unknown --format '" + Format +
                      "' (expected text, json or sarif)");
  if (std::string Conflict = conflictingModes(); !Conflict.empty())
    return usageError(Conflict);
  std::set<std::string> BaselinePrints;
  if (!Baseline.empty()) {
    auto Loaded = loadBaseline(Baseline);
    if (!Loaded)
      return usageError(llvm::toString(Loaded.takeError()));
    BaselinePrints = std::move(*Loaded);
  }
  std::optional<CoverageProfile> Profile;
  if (!ProfileFile.empty()) {
    auto Loaded = CoverageProfile::load(ProfileFile);
    if (!Loaded)
      return usageError(llvm::toString(Loaded.takeError()));
    Profile = std::move(*Loaded);
  }

  // Positional arguments: files, or (as run-clang-tidy takes them) regexes
  // over the database's files. With flags after `--` there is no database
  // to match: each is a file.
  std::vector<std::string> Files;
  std::vector<std::pair<std::string, llvm::Regex>> Patterns;
  for (const std::string &F : SourcePaths) {
    if (Fixed || llvm::sys::fs::exists(F)) {
      if (!llvm::is_contained(Files, absolute(F)))
        Files.push_back(absolute(F));
      continue;
    }
    llvm::Regex Pattern(F);
    std::string Why;
    if (!Pattern.isValid(Why))
      return usageError("'" + F + "' is neither a file nor a regex: " + Why);
    Patterns.emplace_back(F, std::move(Pattern));
  }
  llvm::Regex ExcludeRegex(Exclude);
  if (std::string Why; !Exclude.empty() && !ExcludeRegex.isValid(Why))
    return usageError("bad --exclude '" + Exclude + "': " + Why);
  // Regexes alone: the database is looked for above the current directory.
  std::vector<std::string> LookupFrom = Files;
  if (Files.empty() && !Patterns.empty())
    LookupFrom.push_back(absolute("compile_commands.json"));

  // Settings: defaults < config file < command line.
  Settings CommandLine;
  if (Checks.getNumOccurrences())
    CommandLine.Checks.push_back({Checks, "command-line option '--checks'"});
  if (HeaderFilter.getNumOccurrences())
    CommandLine.HeaderFilterRegex = HeaderFilter;
  if (ExcludeHeaderFilter.getNumOccurrences())
    CommandLine.ExcludeHeaderFilterRegex = ExcludeHeaderFilter;
  if (WarningsAsErrors.getNumOccurrences())
    CommandLine.WarningsAsErrors.push_back(
        {WarningsAsErrors, "command-line option '--warnings-as-errors'"});
  auto Lines = LineFilter::parse(LineFilterJson);
  if (!Lines)
    return usageError(llvm::toString(Lines.takeError()));
  if (Targets.getNumOccurrences())
    CommandLine.Targets = Targets;
  if (CacheLineSize.getNumOccurrences())
    CommandLine.CacheLineSize = std::to_string(CacheLineSize);
  if (PublicHeaders.getNumOccurrences())
    CommandLine.PublicHeaderRegex = PublicHeaders;

  if (ListTargets) {
    for (const TargetSpec &T : targetPresets())
      llvm::outs() << llvm::formatv("{0,-15} {1,-26} {2}\n", T.Name, T.Triple,
                                    T.CacheLineBytes);
    llvm::outs() << "portable = ";
    for (const char *Name : portableSet())
      llvm::outs() << Name << (Name == portableSet().back() ? "\n" : ",");
    return ExitOk;
  }
  // An interrupted --fix: recover it, or refuse to read a half-written
  // tree. Its journal is beside the database (flags after `--`: here).
  std::string DatabaseDir =
      databaseDirectory(BuildPath, Fixed != nullptr, LookupFrom);
  std::string JournalDir = journalDirectory(DatabaseDir);
  if (FixRecover) {
    auto Restored = recoverJournal(JournalDir);
    if (!Restored) {
      llvm::errs() << "error: " << llvm::toString(Restored.takeError()) << "\n";
      return ExitInterrupted;
    }
    if (!Quiet)
      llvm::errs() << "struct-layout: " << *Restored
                   << " files restored from the journal in '" << JournalDir
                   << "'; no interrupted --fix is left\n";
    return ExitOk;
  }
  if (!BuildPath.empty() || Fixed || !Files.empty())
    if (llvm::Error E = refuseIfInterrupted(JournalDir)) {
      llvm::errs() << "error: " << llvm::toString(std::move(E)) << "\n";
      return ExitInterrupted;
    }
  // Where the results go must take them before the analysis starts.
  for (const auto &[Flag, Path] :
       {std::pair<const char *, std::string>{"--export-fixes", ExportFixes},
        {"--output", Output},
        {"--write-baseline", WriteBaseline}})
    if (!Path.empty())
      if (llvm::Error E = checkOutputPath(Path, /*IsDirectory=*/false))
        return usageError(llvm::Twine(Flag) + ": " +
                          llvm::toString(std::move(E)));
  if (!ExportSoaDir.empty())
    if (llvm::Error E = checkOutputPath(ExportSoaDir, /*IsDirectory=*/true))
      return usageError("--export-soa: " + llvm::toString(std::move(E)));
  if (!FactsOut.empty())
    if (llvm::Error E = checkOutputPath(FactsOut, /*IsDirectory=*/true))
      return usageError("--facts-out: " + llvm::toString(std::move(E)));
  if (Fix)
    if (llvm::Error E = checkOutputPath(JournalDir, /*IsDirectory=*/true))
      return usageError("--fix journals its commit in the build directory: " +
                        llvm::toString(std::move(E)));

  // --list-checks and --dump-config need no database (as in clang-tidy):
  // without one the config is looked up from the current directory.
  bool ConfigOnly = ListChecks || DumpConfig || VerifyConfig || ExplainConfig;
  std::vector<std::string> EntryProblems;
  auto DB =
      loadDatabase(BuildPath, std::move(Fixed), LookupFrom, EntryProblems);
  for (const std::string &P : EntryProblems)
    llvm::errs() << "error: " << P << "\n";
  if (!DB && ConfigOnly && Files.empty()) {
    llvm::consumeError(DB.takeError());
  } else if (!DB) {
    return usageError(llvm::toString(DB.takeError()));
  } else if (Files.empty()) {
    std::set<std::string> All, Skipped;
    std::vector<bool> Matched(Patterns.size(), false);
    for (const std::string &F : (*DB)->getAllFiles()) {
      std::string Path = absolute(F);
      if (!Exclude.empty() && ExcludeRegex.match(Path))
        continue;
      bool Wanted = Patterns.empty();
      for (size_t I = 0; I < Patterns.size(); ++I)
        if (Patterns[I].second.match(Path))
          Wanted = Matched[I] = true;
      if (Wanted)
        (isSkipped(Path) ? Skipped : All).insert(Path);
    }
    for (size_t I = 0; I < Patterns.size(); ++I)
      if (!Matched[I])
        llvm::errs() << "warning: no file of the compilation database "
                        "matches '"
                     << Patterns[I].first << "'\n";
    Files.assign(All.begin(), All.end());
    if (!Quiet)
      noteSkipped({Skipped.begin(), Skipped.end()});
    if (Files.empty())
      return usageError(
          "the compilation database " +
          (BuildPath.empty() ? std::string() : "in '" + BuildPath + "' ") +
          "lists no " + (Skipped.empty() ? "" : "C, C++ or Objective-C ") +
          "files" +
          (Patterns.empty() && Exclude.empty() ? ""
                                               : " that the regexes select"));
  } else {
    if (!Patterns.empty())
      return usageError("name files or regexes over the database's files, "
                        "not both ('" +
                        Patterns.front().first + "' is not a file)");
    if (!Exclude.empty())
      llvm::erase_if(
          Files, [&](const std::string &F) { return ExcludeRegex.match(F); });
    if (!Quiet)
      noteSkipped(Files);
    llvm::erase_if(Files, isSkipped);
    if (Files.empty())
      return usageError("no C, C++ or Objective-C source among the files "
                        "named");
  }

  // Each file's configuration, as clang-tidy finds it; the run-wide
  // settings (targets, header filter, arguments) are those of the directory
  // the sources share.
  ConfigLookup Lookup(CommandLine, InlineConfig, ConfigFile);
  std::string SourcesDir = commonDirectory(Files);
  ConfiguredChecks Configs(Lookup, SourcesDir);
  if (VerifyConfig)
    return verifyConfig(Lookup, Files.empty()
                                    ? std::vector<std::string>{absolute("-")}
                                    : Files);
  auto RootConfig = Configs.forDirectory(SourcesDir);
  if (!RootConfig)
    return usageError(llvm::toString(RootConfig.takeError()));
  // Every source's configuration up front: a bad one stops the run here.
  for (const std::string &F : Files)
    if (auto C = Configs.forFile(F); !C)
      return usageError(llvm::toString(C.takeError()));
  if (!Quiet)
    for (const std::string &W : Lookup.warnings())
      llvm::errs() << "warning: " << W << "\n";
  const Settings &Effective = (*RootConfig)->S;
  const CheckSet *Set = &(*RootConfig)->Checks;
  if (ListChecks) {
    llvm::outs() << "Enabled checks:\n";
    std::set<std::string> Names;
    for (const FileConfig *C : Configs.all())
      for (const std::string &N : C->Checks.names())
        Names.insert(N);
    for (const std::string &N : Names)
      llvm::outs() << "    " << N << "\n";
    return ExitOk;
  }
  if (ExplainConfig) {
    for (const std::string &N : Set->names())
      llvm::outs() << "'" << N << "' is enabled in the "
                   << checkSource(Effective, N) << ".\n";
    return ExitOk;
  }
  if (DumpConfig) {
    dumpConfig(Effective, *Set);
    return ExitOk;
  }
  bool Printing = PrintLayout.getNumOccurrences() > 0;
  // The hot-cold check's threshold marks heat in --print-layout too.
  std::vector<std::string> HotShareErrors;
  CheckOptionsView HotColdOptions("layout-hot-cold", Effective.CheckOptions,
                                  HotShareErrors);
  unsigned HotShare = HotColdOptions.get("HotShare", DefaultHotSharePercent);
  bool AnyChecks = false, NeedBodies = false;
  for (const FileConfig *C : Configs.all()) {
    AnyChecks |= !C->Checks.empty();
    NeedBodies |= C->Checks.needsFunctionBodies();
  }
  if (!AnyChecks && !Printing)
    return usageError("no checks enabled by '" + Effective.checks() + "'");
  std::string FilterText =
      Effective.HeaderFilterRegex.value_or(DefaultHeaderFilter);
  llvm::Regex HeaderRegex(FilterText);
  std::string RegexError;
  if (!HeaderRegex.isValid(RegexError))
    return usageError("bad --header-filter '" + FilterText +
                      "': " + RegexError);
  std::string ExcludeText = Effective.ExcludeHeaderFilterRegex.value_or("");
  llvm::Regex ExcludeHeaderRegex(ExcludeText);
  if (!ExcludeText.empty() && !ExcludeHeaderRegex.isValid(RegexError))
    return usageError("bad --exclude-header-filter '" + ExcludeText +
                      "': " + RegexError);
  llvm::Regex RecordRegex(
      "^(" + (PrintLayout.empty() ? std::string(".*") : PrintLayout) + ")$");
  if (Printing && !RecordRegex.isValid(RegexError))
    return usageError("bad --print-layout regex '" + PrintLayout +
                      "': " + RegexError);
  bool WantFixes = Fix || FixDryRun || !ExportFixes.empty();
  std::vector<std::string> DatabaseFiles;
  for (const std::string &F : (*DB)->getAllFiles())
    if (!isSkipped(F))
      DatabaseFiles.push_back(absolute(F));
  auto Scope = FileScope::create(FixRoot, DatabaseDir,
                                 DatabaseFiles.empty() ? Files : DatabaseFiles,
                                 Effective.PublicHeaderRegex.value_or(""));
  if (!Scope)
    return usageError(llvm::toString(Scope.takeError()));

  // Parse every TU, once per target.
  RunOptions Parsing;
  unsigned LineOverride = 0;
  if (Effective.CacheLineSize && (llvm::StringRef(*Effective.CacheLineSize)
                                      .trim()
                                      .getAsInteger(10, LineOverride) ||
                                  !llvm::isPowerOf2_32(LineOverride)))
    return usageError("bad cache-line size '" + *Effective.CacheLineSize +
                      "' (expected a power of two, in bytes)");
  if (Effective.Targets) {
    auto Parsed = parseTargets(*Effective.Targets, LineOverride);
    if (!Parsed)
      return usageError(llvm::toString(Parsed.takeError()));
    Parsing.Targets = std::move(*Parsed);
  } else if (LineOverride) {
    Parsing.Extract.CacheLineBytes = LineOverride;
  }
  Parsing.Jobs = Jobs;
  // Fixes must see every use of a record: initialisers, offsetof, memcpy...
  // So must checks that ask who writes which field.
  Parsing.Extract.SkipFunctionBodies = !WithBodies && !WantFixes && !NeedBodies;
  // ...and verifying them compares each TU before and after the rewrite.
  Parsing.Extract.CollectEvidence = WantFixes;
  Parsing.Extract.FixFacts = WantFixes;
  Parsing.Extract.ThreadStarters = Effective.ThreadStarters;
  // The configuration's arguments, then the command line's.
  Parsing.ExtraArgs = Effective.ExtraArgs;
  llvm::append_range(Parsing.ExtraArgs, ExtraArgs);
  Parsing.ExtraArgsBefore = Effective.ExtraArgsBefore;
  llvm::append_range(Parsing.ExtraArgsBefore, ExtraArgsBefore);
  Parsing.RemoveArgs = Effective.RemoveArgs;
  llvm::append_range(Parsing.RemoveArgs, RemoveArgs);
  Parsing.ResourceDir = STRUCTLAYOUT_RESOURCE_DIR;
  bool Terminal = llvm::sys::Process::StandardErrIsDisplayed();
  if (!Quiet)
    Parsing.Progress = progressReporter(Terminal);
  // A slice of the TUs: the K-th of every N, in the database's order.
  if (!Shard.empty()) {
    unsigned K = 0, N = 0;
    auto [Left, Right] = llvm::StringRef(Shard).split('/');
    if (Left.getAsInteger(10, K) || Right.getAsInteger(10, N) || N == 0 ||
        K == 0 || K > N)
      return usageError("bad --shard '" + Shard +
                        "' (expected K/N with 1 <= K <= N)");
    std::vector<std::string> Slice;
    for (size_t I = K - 1; I < Files.size(); I += N)
      Slice.push_back(Files[I]);
    Files = std::move(Slice);
  }
  std::unique_ptr<FactsCache> Cache;
  std::string CachePath =
      !CacheDir.empty() ? absolute(CacheDir)
      : DatabaseDir.empty()
          ? std::string()
          : (llvm::Twine(DatabaseDir) + "/.struct-layout-cache").str();
  if (!NoCache && FactsDirs.empty() && !CachePath.empty())
    Cache = std::make_unique<FactsCache>(
        CachePath,
        // The Clang we run (the shared library, which an upgrade replaces)
        // decides facts as much as our own code does.
        FactsCache::identity(std::string(STRUCTLAYOUT_VERSION) + " " +
                                 clang::getClangFullVersion(),
                             argv[0]),
        uint64_t(CacheLimit) << 20);
  PipelineOptions Options;
  Options.Database = DB->get();
  Options.Files = Files;
  Options.Cache = Cache.get();
  for (const std::string &Dir : FactsDirs)
    Options.FactsDirs.push_back(absolute(Dir));
  if (!FactsOut.empty())
    Options.FactsOut = absolute(FactsOut);
  Options.ToolVersion = STRUCTLAYOUT_VERSION;
  // A header record may be used by TUs this run did not see.
  Options.SubsetRun = !EntryProblems.empty();
  for (const std::string &F : (*DB)->getAllFiles())
    Options.SubsetRun |=
        !isSkipped(F) && !llvm::is_contained(Files, absolute(F));
  Options.Run = Parsing;
  Options.Configs = &Configs;
  Options.Root = *RootConfig;
  Options.SourcesDir = SourcesDir;
  Options.HeaderFilter = FilterText;
  Options.ExcludeHeaderFilter = ExcludeText;
  Options.Lines = &*Lines;
  Options.Profile = Profile ? &*Profile : nullptr;
  Options.WantFixes = WantFixes;
  Options.FixChecks =
      FixChecks.getNumOccurrences()
          ? FixChecks
          : Effective.FixChecks.value_or(defaultFixChecks(Profile.has_value()));
  Options.Scope = &*Scope;
  Options.IgnoreRules = TestIgnoreRules;
  Pipeline Run(std::move(Options));
  Run.extract();
  if (!Quiet && Terminal && !ShowProgress)
    llvm::errs() << "\r\033[K";
  if (!Quiet)
    for (const auto &[Arg, In] : Run.leftOutArgs())
      llvm::errs() << "note: '" << Arg.first << "' left out of " << In.size()
                   << " compile command" << (In.size() == 1 ? "" : "s")
                   << " (first: " << *In.begin() << "): " << Arg.second << "\n";
  for (const std::string &Problem : Run.FactsProblems)
    llvm::errs() << "error: " << Problem << "\n";
  if (Cache) {
    for (const std::string &Problem : Cache->problems())
      llvm::errs() << "warning: " << Problem << "\n";
    Cache->trim();
  }
  if (!FactsOut.empty()) {
    if (llvm::Error E = Run.factsOutError())
      return usageError("--facts-out: " + llvm::toString(std::move(E)));
    unsigned Failed =
        llvm::count_if(Run.Results, [](const TUResult &R) { return R.Failed; });
    if (!Quiet)
      llvm::errs() << "struct-layout: facts of " << Run.Results.size() << " TU"
                   << (Run.Results.size() == 1 ? "" : "s")
                   << (Failed ? " (" + std::to_string(Failed) +
                                    " failed: the run with --facts reports "
                                    "them)"
                              : std::string())
                   << " written to '" << FactsOut << "'\n";
    return ExitOk;
  }
  Run.merge();
  for (const TUFailure &F : Run.Failures)
    llvm::errs() << "error: " << F.Message << "\n";
  const std::vector<TUFailure> &Failures = Run.Failures;
  const MergedFacts &Merged = Run.Merged;
  RunSummary &Summary = Run.Summary;

  if (Printing) {
    unsigned Printed = 0;
    for (const RecordFacts *R : Run.Records) {
      llvm::StringRef Short = llvm::StringRef(R->Name).rsplit("::").second;
      if (!RecordRegex.match(R->Name) &&
          !(!Short.empty() && RecordRegex.match(Short)))
        continue;
      std::vector<std::string> Marks =
          heatMarks(*R, Profile ? &*Profile : nullptr, HotShare);
      if (R->Layouts.size() > 1) {
        if (Printed++)
          llvm::outs() << "\n";
        printLayoutTargets(llvm::outs(), *R, Marks);
        continue;
      }
      for (const TargetLayout &L : R->Layouts) {
        if (Printed++)
          llvm::outs() << "\n";
        printLayout(llvm::outs(), *R, L, Marks);
      }
    }
    if (!Printed)
      llvm::errs() << "warning: no record matches '" << PrintLayout << "'\n";
    return Failures.empty() && EntryProblems.empty() ? ExitOk : ExitTUFailed;
  }

  Run.check();
  if (!WriteBaseline.empty())
    if (llvm::Error E =
            writeBaseline(WriteBaseline, Run.Findings, Scope->root()))
      return usageError(llvm::toString(std::move(E)));
  Run.finish(BaselinePrints);
  std::vector<Finding> &Shown = Run.Findings;
  const FixPlan &Plan = Run.Plan;
  const VerifyStats &Verified = Run.Verified;
  SourceCache &Sources = Run.Sources;

  // The findings go to --output, else to stdout, unless the patch of
  // --fix-dry-run has it: then to stderr, as diagnostics.
  std::string Report;
  llvm::raw_string_ostream ReportStream(Report);
  llvm::raw_ostream &Out = !Output.empty()
                               ? static_cast<llvm::raw_ostream &>(ReportStream)
                           : FixDryRun ? llvm::errs()
                                       : llvm::outs();
  // One finding per problem (the fix plan keeps pointing into Shown).
  std::vector<Finding> Reported = Shown;
  mergeRepeatedFindings(Reported);
  if (Format == "json") {
    emitJson(Out, Reported, Merged.Conflicts, Failures, Summary);
  } else if (Format == "sarif") {
    SarifRun Sarif;
    Sarif.ToolVersion = STRUCTLAYOUT_VERSION;
    Sarif.DocsUrl = STRUCTLAYOUT_DOCS_URL;
    Sarif.Root = Scope->root();
    Sarif.Arguments.assign(argv, argv + argc);
    llvm::SmallString<256> Cwd;
    if (!llvm::sys::fs::current_path(Cwd))
      Sarif.WorkingDirectory = Cwd.str().str();
    Sarif.Checks = Set->names();
    Sarif.Succeeded = Failures.empty() && EntryProblems.empty();
    emitSarif(Out, Reported, Failures, Sarif, Sources);
  } else {
    // NO_COLOR (no-color.org) unless --use-color says otherwise.
    bool Color =
        UseColor == cl::BOU_UNSET
            ? Out.has_colors() &&
                  !llvm::sys::Process::GetEnv("NO_COLOR").value_or("").size()
            : UseColor == cl::BOU_TRUE;
    emitText(Out, Reported, Sources, Color);
  }
  Out.flush();
  if (!Output.empty())
    if (llvm::Error E = writeAtomically(Output, Report))
      return usageError("--output: cannot write '" + Output +
                        "': " + llvm::toString(std::move(E)));
  int FixStatus = 0;
  if (WantFixes && !Quiet && Verified.Parses)
    llvm::errs() << "struct-layout: verified the fixes by parsing "
                 << Verified.Parses << " rewritten TU"
                 << (Verified.Parses == 1 ? "" : "s") << " again ("
                 << Verified.Rounds << " round"
                 << (Verified.Rounds == 1 ? "" : "s") << "): "
                 << (Verified.Dropped
                         ? std::to_string(Verified.Dropped) + " fix" +
                               (Verified.Dropped == 1 ? "" : "es") +
                               " dropped, Clang did not confirm them"
                         : std::string("Clang confirmed every fix"))
                 << "\n";
  if (WantFixes && !Quiet && !Plan.Fixed.empty()) {
    SizeChange Sizes = sizeChange(Shown);
    llvm::errs() << "struct-layout: the fixes save " << Sizes.Saved
                 << " bytes and add " << Sizes.Added
                 << " bytes over the records they change\n";
  }
  if (WantFixes)
    FixStatus = applyFixes(Plan, Fix, FixDryRun, ExportFixes, Quiet, JournalDir,
                           Scope->root());
  if (FixStatus)
    return FixStatus;
  if (!ExportSoaDir.empty())
    if (int Status = exportSoa(ExportSoaDir, Shown, Merged.Records, Quiet))
      return Status;
  if (!Quiet) {
    llvm::errs() << "struct-layout: " << Summary.TUs << " TUs";
    if (Summary.FailedTUs)
      llvm::errs() << " (" << Summary.FailedTUs << " failed)";
    llvm::errs() << ", " << Summary.RecordsAnalysed << " records analysed, "
                 << Summary.RecordsFlagged << " flagged, " << Summary.BytesSaved
                 << " bytes saved by reordering";
    if (Summary.Suppressed)
      llvm::errs() << ", " << Summary.Suppressed << " suppressed by NOLINT";
    if (Summary.Baselined)
      llvm::errs() << ", " << Summary.Baselined << " in the baseline";
    llvm::errs() << "\n";
    if (Cache && Cache->hits())
      llvm::errs() << "struct-layout: " << Cache->hits() << " of "
                   << Run.Results.size()
                   << " TU parses came from the facts cache in '" << CachePath
                   << "'\n";
  }
  if (!Failures.empty() || !EntryProblems.empty() || !Run.FactsProblems.empty())
    return ExitTUFailed;
  return Run.anyError() ? ExitFindings : ExitOk;
}
