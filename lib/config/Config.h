//===- Config.h - One schema for flags and .struct-layout.yaml -*- C++ -*-===//

#ifndef STRUCTLAYOUT_CONFIG_H
#define STRUCTLAYOUT_CONFIG_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>

namespace structlayout {

/// What a user can set, on the command line or in `.struct-layout.yaml`
/// (same keys as clang-tidy's config: Checks, HeaderFilterRegex,
/// WarningsAsErrors, CheckOptions; plus Targets, CacheLineSize and
/// PublicHeaderRegex).
struct Settings {
  std::optional<std::string> Checks;
  std::optional<std::string> HeaderFilterRegex;
  std::optional<std::string> WarningsAsErrors;
  /// struct-layout's own: `linux-x86_64,linux-i686`, and a cache-line size
  /// for every target.
  std::optional<std::string> Targets;
  std::optional<std::string> CacheLineSize;
  /// Headers (a regex of paths) installed for others to compile against:
  /// their records are reported, never fixed (a reorder changes the ABI).
  std::optional<std::string> PublicHeaderRegex;
  std::map<std::string, std::string> CheckOptions;

  /// \p Over wins where it says something.
  Settings overriddenBy(const Settings &Over) const;
};

inline constexpr const char *ConfigFileName = ".struct-layout.yaml";
inline constexpr const char *DefaultChecks = "layout-*";
inline constexpr const char *DefaultHeaderFilter = ".*";

/// Parses YAML text; errors name \p Source and say what is wrong.
llvm::Expected<Settings> parseSettings(llvm::StringRef Yaml,
                                       llvm::StringRef Source);

/// Reads and parses the file at \p Path.
llvm::Expected<Settings> loadSettings(llvm::StringRef Path);

/// The nearest `.struct-layout.yaml` in \p Dir or above; empty if none.
std::string findConfigFile(llvm::StringRef Dir);

} // namespace structlayout

#endif
