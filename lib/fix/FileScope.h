//===- FileScope.h - Which files --fix may write ---------------*- C++ -*-===//
//
// Only the project's own files: a finding whose edits touch a file outside
// the fix root, a generated file, or a public header (whose records are an
// ABI) keeps its warning and loses its fix, with a note saying why.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_FILESCOPE_H
#define STRUCTLAYOUT_FILESCOPE_H

#include "Findings.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/Regex.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace structlayout {

class FileScope {
public:
  /// \p Root: the --fix-root, or empty for the default (the git work tree
  /// holding \p DatabaseDir, else the directory all \p DatabaseFiles share).
  /// \p DatabaseDir: where compile_commands.json is; empty for flags after
  /// `--`. Files under it are generated, unless it is the root or holds the
  /// database's sources. \p PublicHeaders: a regex of header paths whose
  /// records are never fixed; empty for none.
  static llvm::Expected<FileScope>
  create(llvm::StringRef Root, llvm::StringRef DatabaseDir,
         llvm::ArrayRef<std::string> DatabaseFiles,
         llvm::StringRef PublicHeaders);

  /// Why --fix may not write \p Path; empty if it may.
  std::string whyNotWritable(const std::string &Path) const;

  const std::string &root() const { return Root; }

private:
  std::string Root;     ///< Symlinks resolved.
  std::string BuildDir; ///< Empty: none whose files count as generated.
  std::shared_ptr<llvm::Regex> PublicHeaders;
  mutable std::map<std::string, std::string> Reasons;
};

/// The marker that says \p Text (a file's beginning) is generated, as it is
/// written there (`DO NOT EDIT`, `@generated`, ...); empty if none.
std::string generatedMarker(llvm::StringRef Text);

/// Strips the fixes of every finding that would write a file \p Scope
/// refuses, and adds a note naming the file and why.
void keepFixesInScope(std::vector<Finding> &Findings, const FileScope &Scope);

} // namespace structlayout

#endif
