//===- Runner.cpp - Parse every TU, in parallel, into facts ---------------===//

#include "Runner.h"
#include "CommandLine.h"
#include "JsonDatabase.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <mutex>
#include <optional>
#include <set>

using namespace clang;
using namespace clang::tooling;

namespace structlayout {

static llvm::Error error(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

llvm::Expected<std::unique_ptr<CompilationDatabase>> loadDatabase(
    const std::string &BuildPath, std::unique_ptr<CompilationDatabase> Fixed,
    const std::vector<std::string> &Files, std::vector<std::string> &Problems) {
  std::unique_ptr<CompilationDatabase> DB = std::move(Fixed);
  std::string Err;
  if (!DB && !BuildPath.empty()) {
    if (!llvm::sys::fs::exists(BuildPath))
      return error("build directory '" + BuildPath + "' does not exist");
    if (llvm::sys::fs::is_regular_file(BuildPath)) {
      auto Loaded = loadJsonDatabase(BuildPath, Problems);
      if (!Loaded)
        return Loaded.takeError();
      DB = std::move(*Loaded);
    } else {
      llvm::SmallString<256> Json(BuildPath);
      llvm::sys::path::append(Json, "compile_commands.json");
      if (llvm::sys::fs::exists(Json)) {
        auto Loaded = loadJsonDatabase(Json.str().str(), Problems);
        if (!Loaded)
          return Loaded.takeError();
        DB = std::move(*Loaded);
      } else {
        DB = CompilationDatabase::loadFromDirectory(BuildPath, Err);
        if (!DB)
          return error("no compilation database in '" + BuildPath +
                       "' (no compile_commands.json; generate one with "
                       "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON or bear)");
      }
    }
  }
  if (!DB && !Files.empty()) {
    DB = CompilationDatabase::autoDetectFromSource(Files.front(), Err);
    if (!DB)
      return error("no compilation database found above '" + Files.front() +
                   "': pass -p <build dir>, or compiler flags after '--'");
  }
  if (!DB)
    return error("no compilation database: pass -p <build dir>, or source "
                 "files with compiler flags after '--'");
  // As clang-tidy does: respect --target/--driver-mode prefixes, response
  // files, and guess commands for files the database does not list.
  DB = expandResponseFiles(std::move(DB), llvm::vfs::getRealFileSystem());
  DB = inferTargetAndDriverMode(std::move(DB));
  DB = inferMissingCompileCommands(std::move(DB));
  return DB;
}

std::string databaseDirectory(const std::string &BuildPath, bool FixedDatabase,
                              const std::vector<std::string> &Files) {
  if (FixedDatabase)
    return "";
  llvm::SmallString<256> Dir;
  if (!BuildPath.empty()) {
    Dir = BuildPath;
    if (llvm::sys::fs::is_regular_file(BuildPath))
      Dir = llvm::sys::path::parent_path(BuildPath);
  } else if (!Files.empty()) {
    for (llvm::StringRef D = llvm::sys::path::parent_path(Files.front());
         !D.empty(); D = llvm::sys::path::parent_path(D)) {
      llvm::SmallString<256> Json(D), Flags(D);
      llvm::sys::path::append(Json, "compile_commands.json");
      llvm::sys::path::append(Flags, "compile_flags.txt");
      if (llvm::sys::fs::exists(Json) || llvm::sys::fs::exists(Flags)) {
        Dir = D;
        break;
      }
    }
  }
  if (Dir.empty())
    return "";
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  return Dir.str().str();
}

namespace {

/// Keeps the first error of a TU, for a one-line report, and in fix mode
/// every error and warning, for verification.
class ErrorCollector : public DiagnosticConsumer {
public:
  explicit ErrorCollector(std::vector<ParseDiagnostic> *All) : All(All) {}
  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Warning)
      return;
    if (Level < DiagnosticsEngine::Error && !All)
      return;
    llvm::SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    ParseDiagnostic D;
    D.IsError = Level >= DiagnosticsEngine::Error;
    D.ID = Info.getID();
    D.Message = Text.str().str();
    std::string Where;
    if (Info.getLocation().isValid() && Info.hasSourceManager()) {
      const SourceManager &SM = Info.getSourceManager();
      SourceLocation L = SM.getFileLoc(Info.getLocation());
      PresumedLoc P = SM.getPresumedLoc(L);
      if (P.isValid()) {
        Where = (llvm::Twine(P.getFilename()) + ":" + llvm::Twine(P.getLine()) +
                 ":" + llvm::Twine(P.getColumn()) + ": ")
                    .str();
        if (auto FE = SM.getFileEntryRefForID(SM.getFileID(L))) {
          llvm::SmallString<256> Path(FE->getName());
          SM.getFileManager().getVirtualFileSystem().makeAbsolute(Path);
          llvm::sys::path::remove_dots(Path, true);
          D.Loc.File = Path.str().str();
        }
        D.Loc.Line = P.getLine();
        D.Loc.Column = P.getColumn();
        D.Loc.Offset = SM.getFileOffset(L);
      }
    }
    if (D.IsError && ++Count == 1)
      First = Where + D.Message;
    if (D.IsError && D.ID >= diag::DIAG_START_DRIVER &&
        D.ID < diag::DIAG_START_FRONTEND)
      for (unsigned I = 0; I < Info.getNumArgs(); ++I)
        if (Info.getArgKind(I) == DiagnosticsEngine::ak_std_string &&
            llvm::StringRef(Info.getArgStdStr(I)).starts_with("-")) {
          Rejected.push_back({Info.getArgStdStr(I), D.Message});
          break;
        }
    if (All)
      All->push_back(std::move(D));
  }
  std::vector<ParseDiagnostic> *All;
  unsigned Count = 0;
  std::string First;
  /// Driver errors about an option of the command: (the option as the
  /// error names it, the error).
  std::vector<std::pair<std::string, std::string>> Rejected;
};

/// The user's -Werror, -Werror=X and -pedantic-errors would make a warning
/// fail the parse: warnings are not ours to fail on.
ArgumentsAdjuster dropWarningsAsErrors() {
  return [](const CommandLineArguments &Args, llvm::StringRef) {
    CommandLineArguments Out;
    for (const std::string &A : Args) {
      llvm::StringRef Arg(A);
      if (Arg == "-Werror" || Arg.starts_with("-Werror="))
        continue;
      Out.push_back(Arg == "-pedantic-errors" ? "-pedantic" : A);
    }
    return Out;
  };
}

/// The real file system with some files' texts replaced: those a
/// verification parse reads rewritten. They are named by their canonical
/// paths, and a TU may reach one through a symlinked folder.
class RewrittenFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  explicit RewrittenFileSystem(const std::map<std::string, std::string> &Texts)
      : ProxyFileSystem(llvm::vfs::createPhysicalFileSystem()),
        Memory(llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>()) {
    for (const auto &[Path, Text] : Texts)
      Memory->addFile(Path, 0,
                      llvm::MemoryBuffer::getMemBuffer(
                          Text, Path, /*RequiresNullTerminator=*/false));
    for (const auto &Entry : Texts)
      Rewritten.insert(Entry.first);
  }

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override {
    if (std::optional<std::string> Text = rewritten(Path)) {
      auto S = Memory->status(*Text);
      if (S)
        return llvm::vfs::Status::copyWithNewName(*S, Path);
    }
    return ProxyFileSystem::status(Path);
  }

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    if (std::optional<std::string> Text = rewritten(Path))
      return llvm::vfs::File::getWithPath(Memory->openFileForRead(*Text), Path);
    return ProxyFileSystem::openFileForRead(Path);
  }

private:
  /// The canonical path of \p Path if its text is rewritten.
  std::optional<std::string> rewritten(const llvm::Twine &Path) {
    llvm::SmallString<256> P, Real;
    Path.toVector(P);
    makeAbsolute(P);
    llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    if (Rewritten.count(P.str().str()))
      return P.str().str();
    if (!getUnderlyingFS().getRealPath(P, Real) &&
        Rewritten.count(Real.str().str()))
      return Real.str().str();
    return std::nullopt;
  }

  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Memory;
  std::set<std::string> Rewritten;
};

/// The files of \p Overlay over the real file system: what a verification
/// parse reads. Each TU gets its own (Clang changes its working directory).
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
fileSystem(const std::map<std::string, std::string> *Overlay) {
  if (!Overlay || Overlay->empty())
    return llvm::vfs::createPhysicalFileSystem();
  return llvm::makeIntrusiveRefCnt<RewrittenFileSystem>(*Overlay);
}

/// One TU's command, served without touching the shared database.
class SingleCommandDatabase : public CompilationDatabase {
public:
  explicit SingleCommandDatabase(std::vector<CompileCommand> Commands)
      : Commands(std::move(Commands)) {}
  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef) const override {
    return Commands;
  }

private:
  std::vector<CompileCommand> Commands;
};

ArgumentsAdjuster insertResourceDir(const std::string &Dir) {
  return [Dir](const CommandLineArguments &Args, llvm::StringRef) {
    for (const std::string &A : Args)
      if (llvm::StringRef(A).starts_with("-resource-dir"))
        return Args;
    CommandLineArguments Out = Args;
    Out.insert(Out.begin() + std::min<size_t>(1, Out.size()),
               "-resource-dir=" + Dir);
    return Out;
  };
}

/// One parse of a TU and what went wrong in it.
struct ParseAttempt {
  std::vector<ParseDiagnostic> Diagnostics;
  ErrorCollector Errors;
  int Status = 0;
  explicit ParseAttempt(bool KeepAll)
      : Errors(KeepAll ? &Diagnostics : nullptr) {}
  bool failed() const { return Status != 0 || Errors.Count; }
};

std::unique_ptr<ParseAttempt> parseOnce(const std::string &File,
                                        std::vector<CompileCommand> Cmds,
                                        const RunOptions &Options,
                                        const ExtractOptions &Extract,
                                        TUFacts &Facts) {
  auto Out = std::make_unique<ParseAttempt>(Extract.CollectEvidence);
  SingleCommandDatabase DB(std::move(Cmds));
  ClangTool Tool(DB, {File}, std::make_shared<PCHContainerOperations>(),
                 fileSystem(Options.Overlay.get()));
  Tool.setPrintErrorMessage(false);
  if (!Options.ResourceDir.empty())
    Tool.appendArgumentsAdjuster(insertResourceDir(Options.ResourceDir));
  // Warnings are not ours to report, -Werror must not fail a parse, and
  // without carets Clang does not print "N errors generated". In fix mode
  // warnings are kept: a rewrite must not add one, these least of all.
  Tool.appendArgumentsAdjuster(dropWarningsAsErrors());
  CommandLineArguments After = Options.ExtraArgs;
  if (Extract.CollectEvidence)
    After.insert(After.begin(),
                 {"-Wno-error", "-fno-caret-diagnostics", "-Wreorder-ctor",
                  "-Wreorder-init-list", "-Wmissing-field-initializers",
                  "-Wuninitialized"});
  else
    After.insert(After.begin(), {"-w", "-Wno-error", "-fno-caret-diagnostics"});
  Tool.appendArgumentsAdjuster(
      getInsertArgumentAdjuster(After, ArgumentInsertPosition::END));
  if (!Options.ExtraArgsBefore.empty())
    Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
        Options.ExtraArgsBefore, ArgumentInsertPosition::BEGIN));
  Tool.setDiagnosticConsumer(&Out->Errors);
  auto Factory = newExtractActionFactory(Facts, Extract);
  Out->Status = Tool.run(Factory.get());
  return Out;
}

/// Whether \p Arg (as a driver error names it: whole, or an option's
/// spelling such as `-mabi=`) is in one of \p Cmds.
bool inCommands(const std::vector<CompileCommand> &Cmds, llvm::StringRef Arg) {
  for (const CompileCommand &C : Cmds)
    for (llvm::StringRef A : C.CommandLine)
      if (A == Arg || (Arg.ends_with("=") && A.starts_with(Arg)))
        return true;
  return false;
}

/// \p Text as a glob that matches only itself.
std::string escapeGlob(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    if (llvm::StringRef("*?[]{}\\").contains(C))
      Out += '\\';
    Out += C;
  }
  return Out;
}

} // namespace

std::string extractionKey(const std::string &File, const CompileCommand &Cmd,
                          const RunOptions &Options,
                          const ExtractOptions &Extract, unsigned Command,
                          unsigned Commands) {
  auto Joined = [](const std::vector<std::string> &Parts) {
    return llvm::join(Parts, std::string(1, '\0'));
  };
  return hashKey(
      {File, Cmd.Directory, Cmd.Filename, Joined(Cmd.CommandLine),
       Joined(Options.ExtraArgs), Joined(Options.ExtraArgsBefore),
       Options.ResourceDir, std::to_string(Command), std::to_string(Commands),
       std::to_string(Extract.CacheLineBytes), Extract.TargetName,
       std::to_string(Extract.TargetRank),
       std::to_string(Extract.SkipFunctionBodies),
       std::to_string(Extract.CollectEvidence),
       std::to_string(Extract.FixFacts), Joined(Extract.ThreadStarters)});
}

namespace {

TUResult extractOne(const std::string &File, std::vector<CompileCommand> Cmds,
                    const RunOptions &Options, const TargetSpec *Target,
                    unsigned Command, unsigned Commands) {
  TUResult R;
  R.File = File;
  R.Command = Command;
  R.Commands = Commands;
  // Which configuration, where a file has several.
  std::string Which = Commands > 1
                          ? " (compile command " + std::to_string(Command + 1) +
                                " of " + std::to_string(Commands) + ")"
                          : std::string();
  ExtractOptions Extract = Options.Extract;
  if (Target) {
    R.Target = Target->Name;
    Extract.TargetName = Target->Name;
    Extract.CacheLineBytes = Target->CacheLineBytes;
    Extract.TargetRank = Target - Options.Targets.data();
    for (CompileCommand &C : Cmds)
      C.CommandLine = retargetCommand(C.CommandLine, Target->Triple);
  }
  if (Cmds.empty()) {
    R.Failed = true;
    R.Error = "no compile command for '" + File + "'";
    return R;
  }
  if (std::string Why = commandProblem(Cmds.front()); !Why.empty()) {
    R.Failed = true;
    R.Error = Why;
    return R;
  }
  for (CompileCommand &C : Cmds)
    C.CommandLine =
        clangCommand(C.CommandLine, Options.RemoveArgs, R.UnknownArgs);
  llvm::SmallString<256> Abs(Cmds.front().Filename);
  if (!llvm::sys::path::is_absolute(Abs)) {
    Abs = Cmds.front().Directory;
    llvm::sys::path::append(Abs, Cmds.front().Filename);
  }
  if (!llvm::sys::fs::exists(Abs)) {
    R.Failed = true;
    R.Error = "source file '" + File + "' does not exist";
    return R;
  }
  FactsStore *Store = Options.Overlay ? nullptr : Options.Store;
  std::string Key;
  if (Store) {
    Key =
        extractionKey(File, Cmds.front(), Options, Extract, Command, Commands);
    if (std::optional<TUResult> Kept = Store->find(Key))
      return std::move(*Kept);
  }
  // Options the driver knows but rejects here (a value Clang does not
  // take, an option for another target) are left out and the TU parsed
  // again, once.
  std::unique_ptr<ParseAttempt> Parse =
      parseOnce(File, Cmds, Options, Extract, R.Facts);
  std::vector<std::string> Rejected;
  for (const auto &[Arg, Why] : Parse->Errors.Rejected)
    if (inCommands(Cmds, Arg) && !llvm::is_contained(Rejected, Arg)) {
      Rejected.push_back(Arg);
      R.RejectedArgs.push_back({Arg, Why});
    }
  if (Parse->failed() && !Rejected.empty()) {
    std::vector<std::string> Exact, Ignored;
    for (const std::string &Arg : Rejected)
      Exact.push_back(llvm::StringRef(Arg).ends_with("=") ? Arg
                                                          : escapeGlob(Arg));
    for (CompileCommand &C : Cmds)
      C.CommandLine = clangCommand(C.CommandLine, Exact, Ignored);
    R.Facts = TUFacts();
    Parse = parseOnce(File, Cmds, Options, Extract, R.Facts);
  }
  ErrorCollector &Errors = Parse->Errors;
  R.Facts.Evidence.Diagnostics = std::move(Parse->Diagnostics);
  int Status = Parse->Status;
  R.Facts.Command = Command;
  if (!Which.empty())
    for (RecordFacts &Record : R.Facts.Records)
      Record.SeenIn += Which;
  if (Status != 0 || Errors.Count) {
    R.Failed = true;
    R.Facts.Records.clear(); // A broken TU's facts can't be trusted.
    R.Error = "cannot parse '" + File + "'" + Which +
              (Target ? " for " + Target->Name : std::string());
    if (!Errors.First.empty()) {
      R.Error += ": " + Errors.First;
      if (Errors.Count > 1)
        R.Error += " (and " + std::to_string(Errors.Count - 1) + " more error" +
                   (Errors.Count > 2 ? "s" : "") + ")";
    }
  }
  if (Store)
    Store->keep(Key, R, R.Facts.Evidence.Files);
  return R;
}

} // namespace

/// A command without what names its outputs (the object, the dependency
/// file): two targets that compile one file with the same flags into two
/// objects parse it the same.
static std::vector<std::string>
withoutOutputs(const std::vector<std::string> &Args) {
  std::vector<std::string> Out;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A == "-o" || A == "-MF" || A == "-MT" || A == "-MQ" ||
        A == "--serialize-diagnostics") {
      ++I; // And its value.
      continue;
    }
    if (A == "-MD" || A == "-MMD" || A == "-MP" ||
        (A.starts_with("-o") && A.size() > 2) || A.starts_with("-MF") ||
        A.starts_with("-MT") || A.starts_with("-MQ") || A.starts_with("/Fo") ||
        A.starts_with("-Fo"))
      continue;
    Out.push_back(Args[I]);
  }
  return Out;
}

/// The commands of one file, each once: bear and some generators list a
/// command twice, and two targets may build one file with the same flags.
static std::vector<CompileCommand>
distinctCommands(std::vector<CompileCommand> Cmds) {
  std::vector<CompileCommand> Out;
  std::vector<std::vector<std::string>> Seen;
  for (CompileCommand &C : Cmds) {
    std::vector<std::string> Key = withoutOutputs(C.CommandLine);
    Key.push_back(C.Directory);
    if (llvm::is_contained(Seen, Key))
      continue;
    Seen.push_back(std::move(Key));
    Out.push_back(std::move(C));
  }
  return Out;
}

std::vector<TUResult> extractAll(const CompilationDatabase &DB,
                                 const std::vector<std::string> &Files,
                                 const RunOptions &Options) {
  std::vector<TUResult> Results;
  extractEach(DB, Files, Options,
              [&](TUResult R) { Results.push_back(std::move(R)); });
  return Results;
}

void extractEach(const CompilationDatabase &DB,
                 const std::vector<std::string> &Files,
                 const RunOptions &Options,
                 const std::function<void(TUResult)> &Sink) {
  // The database is read here, on one thread; workers get their command.
  struct Job {
    size_t File;
    unsigned Command, Commands;
    std::vector<CompileCommand> Cmds;
    const TargetSpec *Target;
  };
  std::vector<Job> Jobs;
  for (size_t F = 0; F < Files.size(); ++F) {
    std::vector<CompileCommand> Cmds =
        distinctCommands(DB.getCompileCommands(Files[F]));
    unsigned N = std::max<size_t>(1, Cmds.size());
    for (unsigned C = 0; C < N; ++C) {
      std::vector<CompileCommand> One;
      if (C < Cmds.size())
        One.push_back(Cmds[C]);
      if (Options.Targets.empty())
        Jobs.push_back({F, C, N, One, nullptr});
      for (const TargetSpec &T : Options.Targets)
        Jobs.push_back({F, C, N, One, &T});
    }
  }
  // Results wait here until those of every job before them are handed on.
  std::vector<std::optional<TUResult>> Waiting(Jobs.size());
  size_t Next = 0;

  std::mutex Lock;
  unsigned Done = 0;
  llvm::ThreadPoolStrategy Strategy = llvm::hardware_concurrency(Options.Jobs);
  llvm::DefaultThreadPool Pool(Strategy);
  for (size_t I = 0; I < Jobs.size(); ++I)
    Pool.async([&, I] {
      const Job &J = Jobs[I];
      TUResult R = extractOne(Files[J.File], J.Cmds, Options, J.Target,
                              J.Command, J.Commands);
      std::lock_guard<std::mutex> Guard(Lock);
      Waiting[I] = std::move(R);
      for (; Next < Jobs.size() && Waiting[Next]; ++Next) {
        Sink(std::move(*Waiting[Next]));
        Waiting[Next].reset();
      }
      ++Done;
      if (Options.Progress)
        Options.Progress(Done, Jobs.size(), Files[J.File]);
    });
  Pool.wait();
}

} // namespace structlayout
