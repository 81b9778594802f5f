//===- Runner.cpp - Parse every TU, in parallel, into facts ---------------===//

#include "Runner.h"
#include "CommandLine.h"
#include "JsonDatabase.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <mutex>

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
    if (All)
      All->push_back(std::move(D));
  }
  std::vector<ParseDiagnostic> *All;
  unsigned Count = 0;
  std::string First;
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

/// The files of \p Overlay over the real file system: what a verification
/// parse reads. Each TU gets its own (Clang changes its working directory).
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
fileSystem(const std::map<std::string, std::string> *Overlay) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Real =
      llvm::vfs::createPhysicalFileSystem();
  if (!Overlay || Overlay->empty())
    return Real;
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  for (const auto &[Path, Text] : *Overlay)
    Memory->addFile(Path, 0,
                    llvm::MemoryBuffer::getMemBuffer(Text, Path,
                                                     /*RequiresNull=*/false));
  auto Both = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(Real);
  Both->pushOverlay(Memory);
  return Both;
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

TUResult extractOne(const std::string &File, std::vector<CompileCommand> Cmds,
                    const RunOptions &Options, const TargetSpec *Target) {
  TUResult R;
  R.File = File;
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
  std::vector<ParseDiagnostic> Diagnostics;
  ErrorCollector Errors(Extract.CollectEvidence ? &Diagnostics : nullptr);
  Tool.setDiagnosticConsumer(&Errors);
  auto Factory = newExtractActionFactory(R.Facts, Extract);
  int Status = Tool.run(Factory.get());
  R.Facts.Evidence.Diagnostics = std::move(Diagnostics);
  if (Status != 0 || Errors.Count) {
    R.Failed = true;
    R.Facts.Records.clear(); // A broken TU's facts can't be trusted.
    R.Error = "cannot parse '" + File + "'" +
              (Target ? " for " + Target->Name : std::string());
    if (!Errors.First.empty()) {
      R.Error += ": " + Errors.First;
      if (Errors.Count > 1)
        R.Error += " (and " + std::to_string(Errors.Count - 1) + " more error" +
                   (Errors.Count > 2 ? "s" : "") + ")";
    }
  }
  return R;
}

} // namespace

std::vector<TUResult> extractAll(const CompilationDatabase &DB,
                                 const std::vector<std::string> &Files,
                                 const RunOptions &Options) {
  // The database is read here, on one thread; workers get their command.
  std::vector<std::vector<CompileCommand>> Commands;
  for (const std::string &F : Files)
    Commands.push_back(DB.getCompileCommands(F));
  size_t PerFile = std::max<size_t>(1, Options.Targets.size());
  size_t Total = Files.size() * PerFile;
  std::vector<TUResult> Results(Total);

  std::mutex ProgressLock;
  unsigned Done = 0;
  llvm::ThreadPoolStrategy Strategy = llvm::hardware_concurrency(Options.Jobs);
  llvm::DefaultThreadPool Pool(Strategy);
  for (size_t I = 0; I < Total; ++I)
    Pool.async([&, I] {
      size_t F = I / PerFile;
      const TargetSpec *Target =
          Options.Targets.empty() ? nullptr : &Options.Targets[I % PerFile];
      Results[I] = extractOne(Files[F], Commands[F], Options, Target);
      std::lock_guard<std::mutex> Lock(ProgressLock);
      ++Done;
      if (Options.Progress)
        Options.Progress(Done, Total, Files[F]);
    });
  Pool.wait();
  return Results;
}

} // namespace structlayout
