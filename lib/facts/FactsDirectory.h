//===- FactsDirectory.h - Facts of many TUs, one file each -----*- C++ -*-===//
//
// What `--shard=K/N --facts-out=DIR` writes and `--facts=DIR,...` reads:
// one facts file (FactsFile.h) per TU x command x target, named after the
// source and a hash of what it is, so that shards written into one
// directory never collide and a re-run replaces its own files.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_FACTSDIRECTORY_H
#define STRUCTLAYOUT_FACTSDIRECTORY_H

#include "FactsFile.h"

#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace structlayout {

/// The extension of facts files in a directory.
inline constexpr const char *FactsExtension = ".slfacts";

/// Writes each of \p Results into \p Dir (created if need be), each file
/// whole; an error names the file that could not be written.
llvm::Error writeFactsDirectory(const std::string &Dir,
                                const std::vector<TUResult> &Results,
                                const FactsMode &Mode,
                                const std::string &ToolVersion);

/// TUs by (source file, command, target).
using TUIndex = std::tuple<std::string, unsigned, std::string>;

struct FactsDirectories {
  std::map<TUIndex, TUResult> TUs;
  /// One line each: a directory that can't be read, a file that is not
  /// facts, of another version or mode, or the same TU twice with other
  /// facts.
  std::vector<std::string> Problems;
};

/// Reads every facts file in \p Dirs (in parallel, \p Jobs at a time; 0: all
/// cores). Files extracted in another mode than \p Wanted are problems:
/// their facts would not be those this run would have made. Where two files
/// hold the same TU, the one whose path sorts first is used, whatever the
/// order of \p Dirs.
FactsDirectories readFactsDirectories(const std::vector<std::string> &Dirs,
                                      const FactsMode &Wanted, unsigned Jobs);

} // namespace structlayout

#endif
