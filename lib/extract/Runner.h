//===- Runner.h - Parse every TU, in parallel, into facts ------*- C++ -*-===//

#ifndef STRUCTLAYOUT_RUNNER_H
#define STRUCTLAYOUT_RUNNER_H

#include "Extractor.h"
#include "Facts.h"
#include "FactsCache.h"
#include "Targets.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace structlayout {

/// The compilation database named on the command line: `-p DIR` (or a
/// compile_commands.json path), flags after `--`, or found above the files.
/// Its entries that can't be used go to \p Problems, one line each.
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadDatabase(const std::string &BuildPath,
             std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
             const std::vector<std::string> &Files,
             std::vector<std::string> &Problems);

/// The directory of the database loadDatabase reads: `-p`'s (or that of
/// the compile_commands.json it names), else the nearest directory above
/// the first file with a compile_commands.json or compile_flags.txt; empty
/// for flags after `--` (\p FixedDatabase) or when there is none.
std::string databaseDirectory(const std::string &BuildPath, bool FixedDatabase,
                              const std::vector<std::string> &Files);

struct RunOptions {
  unsigned Jobs = 0; ///< 0: all cores.
  ExtractOptions Extract;
  std::vector<std::string> ExtraArgs;
  std::vector<std::string> ExtraArgsBefore;
  /// Options dropped from every command with their values: spellings or
  /// globs (`-mabi=`, `-W*`), as clangd's `CompileFlags: Remove`.
  std::vector<std::string> RemoveArgs;
  std::string ResourceDir;
  /// Parse each TU once per target; empty: once, for its own target.
  std::vector<TargetSpec> Targets;
  /// Files read from these texts instead of the disk (path -> text): the
  /// rewritten files a verification parse sees.
  std::shared_ptr<const std::map<std::string, std::string>> Overlay;
  /// Facts kept from earlier runs (the cache): a TU found there is not
  /// parsed, and a TU parsed is kept there. Not with an Overlay.
  FactsStore *Store = nullptr;
  /// Called from worker threads, serialised, after each TU.
  std::function<void(unsigned Done, unsigned Total, const std::string &File)>
      Progress;
};

/// What decides a TU's facts besides the files it reads (the cache's key):
/// its command as Clang will run it, the arguments added to it, which of
/// the file's commands it is, and how it is extracted.
std::string extractionKey(const std::string &File,
                          const clang::tooling::CompileCommand &Cmd,
                          const RunOptions &Options,
                          const ExtractOptions &Extract, unsigned Command,
                          unsigned Commands);

/// Parses each of \p Files with its compile command (once per target) and
/// extracts facts. A file with several distinct compile commands (two
/// configurations) is parsed with each. Results are file-major in the order
/// of \p Files, then of its commands, then of the targets, whatever order
/// the TUs finish in.
std::vector<TUResult> extractAll(const clang::tooling::CompilationDatabase &DB,
                                 const std::vector<std::string> &Files,
                                 const RunOptions &Options);

/// The same, handing each result to \p Sink in that order as soon as it and
/// every result before it are done (serialised): a run can merge facts as
/// TUs finish instead of holding them all.
void extractEach(const clang::tooling::CompilationDatabase &DB,
                 const std::vector<std::string> &Files,
                 const RunOptions &Options,
                 const std::function<void(TUResult)> &Sink);

} // namespace structlayout

#endif
