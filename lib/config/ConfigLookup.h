//===- ConfigLookup.h - The configuration of each file ---------*- C++ -*-===//
//
// As clang-tidy finds it: the nearest config file at or above a file's
// directory, merged over its parents' while it says InheritParentConfig;
// or --config / --config-file instead (merged over the files' when they say
// InheritParentConfig too); then the command line on top (its Checks and
// WarningsAsErrors appended). Each directory is read once.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_CONFIGLOOKUP_H
#define STRUCTLAYOUT_CONFIGLOOKUP_H

#include "Config.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace structlayout {

class ConfigLookup {
public:
  /// \p Inline: the YAML of --config; \p File: --config-file's path; both
  /// empty: the files above each source. \p CommandLine goes on top.
  ConfigLookup(Settings CommandLine, std::string Inline, std::string File)
      : CommandLine(std::move(CommandLine)), Inline(std::move(Inline)),
        File(std::move(File)) {}

  /// The settings for a file in \p Dir; errors name the file and line.
  llvm::Expected<Settings> forDirectory(llvm::StringRef Dir);
  llvm::Expected<Settings> forFile(llvm::StringRef Path);
  /// Whether a config file is at or above \p Dir (false too when --config or
  /// --config-file replaces the files).
  bool hasConfigFileAbove(llvm::StringRef Dir);

  /// Warnings met so far (unknown keys), each once, with file and line.
  const std::vector<std::string> &warnings() const { return Warnings; }
  /// The config files read, for --explain-config and --verify-config.
  const std::vector<std::string> &filesRead() const { return Read; }

private:
  /// The merged config files at or above \p Dir; none if there are none.
  llvm::Expected<std::optional<Settings>> fromFiles(llvm::StringRef Dir);
  llvm::Expected<Settings> load(const std::string &Path);

  Settings CommandLine;
  std::string Inline, File;
  std::map<std::string, std::optional<Settings>> ByDirectory;
  std::map<std::string, Settings> Loaded;
  std::vector<std::string> Warnings, Read;
};

} // namespace structlayout

#endif
