//===- ConfiguredChecks.h - The checks of each file ------------*- C++ -*-===//
//
// clang-tidy configures each file by the nearest config above it: a
// vendored folder's `.clang-tidy` can turn checks off there. A record is
// checked with the checks, options and WarningsAsErrors of its defining
// file's configuration; files whose configurations agree share one set.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_CONFIGUREDCHECKS_H
#define STRUCTLAYOUT_CONFIGUREDCHECKS_H

#include "CheckSet.h"
#include "ConfigLookup.h"
#include "GlobList.h"

#include <map>
#include <memory>
#include <string>

namespace structlayout {

struct FileConfig {
  Settings S;
  CheckSet Checks;
  GlobList AsErrors;
};

class ConfiguredChecks {
public:
  /// Files with no config file above them (a header outside the tree) are
  /// checked as those of \p Fallback, the directory the sources share.
  ConfiguredChecks(ConfigLookup &Lookup, std::string Fallback)
      : Lookup(Lookup), Fallback(std::move(Fallback)) {}

  /// The configuration of the files in \p Dir; errors name the config file
  /// and line (a bad key, an unknown check or option).
  llvm::Expected<const FileConfig *> forDirectory(llvm::StringRef Dir);
  llvm::Expected<const FileConfig *> forFile(llvm::StringRef Path);

  /// Every distinct configuration met so far.
  std::vector<const FileConfig *> all() const;

private:
  ConfigLookup &Lookup;
  std::string Fallback;
  std::map<std::string, const FileConfig *> ByDirectory;
  std::map<std::string, std::unique_ptr<FileConfig>> ByContent;
};

/// Where \p Check was last switched on or off: a config file and line, a
/// command-line option, or "the struct-layout binary" (the default).
std::string checkSource(const Settings &S, llvm::StringRef Check);

} // namespace structlayout

#endif
