//===- CommandLine.cpp - A database's commands, made Clang's --------------===//

#include "CommandLine.h"

#include "clang/Driver/Driver.h"
#include "clang/Driver/Options.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Path.h"

namespace structlayout {

namespace {

/// Whether \p Spelling (`-mabi=`) is one the user asked to remove.
bool removed(llvm::StringRef Spelling,
             const std::vector<llvm::GlobPattern> &Remove) {
  llvm::StringRef Bare = Spelling.rtrim('=');
  for (const llvm::GlobPattern &P : Remove)
    if (P.match(Spelling) || P.match(Bare))
      return true;
  return false;
}

bool clMode(const std::vector<std::string> &Args) {
  if (Args.empty())
    return false;
  llvm::StringRef Tool = llvm::sys::path::stem(Args.front());
  if (Tool.ends_with_insensitive("clang-cl") || Tool.equals_insensitive("cl"))
    return true;
  for (const std::string &A : Args)
    if (A == "--driver-mode=cl")
      return true;
  return false;
}

} // namespace

/// The build's compiler plugins are not ours to load: one built for the
/// build's compiler may not load here, and ours would write facts again.
static bool isCompilerPlugin(const llvm::opt::Arg &A) {
  using namespace clang::driver::options;
  const llvm::opt::Option &O = A.getOption();
  return O.matches(OPT_fplugin_EQ) || O.matches(OPT_fplugin_arg) ||
         O.matches(OPT_fpass_plugin_EQ);
}

std::vector<std::string> clangCommand(const std::vector<std::string> &Args,
                                      const std::vector<std::string> &Remove,
                                      std::vector<std::string> &Unknown) {
  if (Args.size() < 2)
    return Args;
  std::vector<llvm::GlobPattern> Patterns;
  for (const std::string &R : Remove)
    if (auto P = llvm::GlobPattern::create(R))
      Patterns.push_back(std::move(*P));
    else
      llvm::consumeError(P.takeError());

  std::vector<const char *> Argv;
  for (size_t I = 1; I < Args.size(); ++I)
    Argv.push_back(Args[I].c_str());
  const llvm::opt::OptTable &Table = clang::driver::getDriverOptTable();
  llvm::opt::Visibility Visible(clMode(Args)
                                    ? clang::driver::options::CLOption
                                    : clang::driver::options::ClangOption);
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Parsed =
      Table.ParseArgs(Argv, MissingIndex, MissingCount, Visible);

  // Each parsed option spans its argv slots up to the next one's.
  std::vector<bool> Drop(Argv.size(), false);
  std::vector<const llvm::opt::Arg *> InOrder(Parsed.begin(), Parsed.end());
  for (size_t K = 0; K < InOrder.size(); ++K) {
    const llvm::opt::Arg *A = InOrder[K];
    unsigned Begin = A->getIndex();
    unsigned End = K + 1 < InOrder.size() ? InOrder[K + 1]->getIndex()
                                          : unsigned(Argv.size());
    bool IsUnknown =
        A->getOption().getKind() == llvm::opt::Option::UnknownClass;
    bool Input = A->getOption().getKind() == llvm::opt::Option::InputClass;
    if (IsUnknown)
      Unknown.push_back(A->getAsString(Parsed));
    else if (Input || !(removed(A->getSpelling(), Patterns) ||
                        removed(A->getAsString(Parsed), Patterns) ||
                        isCompilerPlugin(*A)))
      continue;
    for (unsigned I = Begin; I < End && I < Drop.size(); ++I)
      Drop[I] = true;
  }
  std::vector<std::string> Out = {Args.front()};
  for (size_t I = 0; I < Argv.size(); ++I)
    if (!Drop[I])
      Out.push_back(Args[I + 1]);
  return Out;
}

std::string commandProblem(const clang::tooling::CompileCommand &Command) {
  std::string Entry =
      "the compilation database entry for '" + Command.Filename + "'";
  if (!Command.Directory.empty() &&
      !llvm::sys::fs::is_directory(Command.Directory))
    return Entry + " names a \"directory\" that does not exist ('" +
           Command.Directory + "'): is the database stale?";
  return "";
}

llvm::StringRef skippedSourceKind(llvm::StringRef Path) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  if (Ext == ".s" || Ext == ".S" || Ext == ".sx" || Ext == ".asm")
    return "assembly";
  if (Ext == ".cu" || Ext == ".cuh")
    return "CUDA";
  if (Ext.equals_insensitive(".f") || Ext.equals_insensitive(".for") ||
      Ext.equals_insensitive(".f90") || Ext.equals_insensitive(".f95") ||
      Ext.equals_insensitive(".f03") || Ext.equals_insensitive(".f08"))
    return "Fortran";
  return "";
}

} // namespace structlayout
