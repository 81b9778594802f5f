//===- Config.h - clang-tidy's configuration, as it reads it ---*- C++ -*-===//
//
// One `.clang-tidy` serves clang-tidy with the plugin and the CLI: every key
// clang-tidy 19 knows is read (unknown keys are a warning here, where
// clang-tidy rejects the file), `Checks` and `WarningsAsErrors` are
// appended through InheritParentConfig and the command line, and
// struct-layout's own settings are CheckOptions clang-tidy accepts
// (`struct-layout.Targets`). `.struct-layout.yaml` is read the same way,
// before `.clang-tidy` in the same directory.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_CONFIG_H
#define STRUCTLAYOUT_CONFIG_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace structlayout {

/// Globs and where they were written: a file and line, or a command-line
/// option. Errors and --explain-config name it.
struct SourcedGlobs {
  std::string Globs;
  std::string Source;
};

/// What a user can set, in a config file or on the command line.
struct Settings {
  /// Appended in order (clang-tidy's merge): the last glob matching a name
  /// decides, over DefaultChecks.
  std::vector<SourcedGlobs> Checks;
  std::vector<SourcedGlobs> WarningsAsErrors;
  std::optional<std::string> HeaderFilterRegex;
  std::optional<std::string> ExcludeHeaderFilterRegex;
  /// struct-layout's own (CheckOptions `struct-layout.Targets`...): the
  /// targets, a cache-line size for every target, the installed headers
  /// (regex) whose records are reported but never fixed (an ABI).
  std::optional<std::string> Targets;
  std::optional<std::string> CacheLineSize;
  std::optional<std::string> PublicHeaderRegex;
  /// The checks whose fixes --fix applies (and the plugin offers).
  std::optional<std::string> FixChecks;
  /// Compile-command arguments: appended, as clang-tidy's ExtraArgs; and
  /// removed (`struct-layout.RemoveArgs`, ';'-separated).
  std::vector<std::string> ExtraArgs;
  std::vector<std::string> ExtraArgsBefore;
  std::vector<std::string> RemoveArgs;
  /// Functions whose callable arguments run on threads of their own (a
  /// pool's submit), besides the standard ones
  /// (`struct-layout.ThreadStarters`, ';'-separated qualified names).
  std::vector<std::string> ThreadStarters;
  bool InheritParentConfig = false;
  std::map<std::string, std::string> CheckOptions;
  /// Where each CheckOption was written (`file:line`), for errors.
  std::map<std::string, std::string> OptionSources;

  /// Every Checks glob, DefaultChecks first.
  std::string checks() const;
  std::string warningsAsErrors() const;
  /// \p Child over this: Checks, WarningsAsErrors and the argument lists
  /// appended, CheckOptions merged (the child's win), the rest replaced
  /// where the child says something.
  Settings mergedWith(const Settings &Child) const;
};

inline constexpr const char *ConfigFileName = ".struct-layout.yaml";
inline constexpr const char *ClangTidyFileName = ".clang-tidy";
inline constexpr const char *DefaultChecks = "layout-*";
inline constexpr const char *DefaultHeaderFilter = ".*";
/// The prefix of struct-layout's own settings among CheckOptions, and
/// their names.
inline constexpr const char *OwnOptionPrefix = "struct-layout.";
inline constexpr const char *OwnSettings[] = {
    "Targets",    "CacheLineSize", "PublicHeaderRegex",
    "RemoveArgs", "FixChecks",     "ThreadStarters"};

/// Parses YAML text from \p Source (a path, or "--config"); errors name it
/// and the line and say what is wrong. Keys clang-tidy does not know are
/// warnings (in \p Warnings, with file and line): clang-tidy itself rejects
/// a file for one.
llvm::Expected<Settings>
parseSettings(llvm::StringRef Yaml, llvm::StringRef Source,
              std::vector<std::string> *Warnings = nullptr);

/// Reads and parses the file at \p Path.
llvm::Expected<Settings>
loadSettings(llvm::StringRef Path,
             std::vector<std::string> *Warnings = nullptr);

/// The config file in \p Dir (`.struct-layout.yaml`, else `.clang-tidy`);
/// empty if none.
std::string configFileIn(llvm::StringRef Dir);

} // namespace structlayout

#endif
