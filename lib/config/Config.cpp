//===- Config.cpp - One schema for flags and .struct-layout.yaml ----------===//

#include "Config.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <yaml-cpp/yaml.h>

namespace structlayout {

Settings Settings::overriddenBy(const Settings &Over) const {
  Settings S = *this;
  if (Over.Checks)
    S.Checks = Over.Checks;
  if (Over.HeaderFilterRegex)
    S.HeaderFilterRegex = Over.HeaderFilterRegex;
  if (Over.WarningsAsErrors)
    S.WarningsAsErrors = Over.WarningsAsErrors;
  if (Over.Targets)
    S.Targets = Over.Targets;
  if (Over.CacheLineSize)
    S.CacheLineSize = Over.CacheLineSize;
  if (Over.PublicHeaderRegex)
    S.PublicHeaderRegex = Over.PublicHeaderRegex;
  for (const auto &[K, V] : Over.CheckOptions)
    S.CheckOptions[K] = V;
  return S;
}

static llvm::Error configError(llvm::StringRef Source, const YAML::Mark &Mark,
                               const llvm::Twine &What) {
  std::string Where = Source.str();
  if (Mark.line >= 0)
    Where += ":" + std::to_string(Mark.line + 1);
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "bad config '" + Where + "': " + What);
}

static llvm::Expected<std::string>
scalar(const YAML::Node &N, llvm::StringRef Key, llvm::StringRef Source) {
  if (!N.IsScalar())
    return configError(Source, N.Mark(), "'" + Key + "' must be a string");
  return N.Scalar();
}

static llvm::Expected<Settings> parseRoot(const YAML::Node &Root,
                                          llvm::StringRef Source);

llvm::Expected<Settings> parseSettings(llvm::StringRef Yaml,
                                       llvm::StringRef Source) {
  // yaml-cpp reports both syntax errors and wrongly typed nodes by throwing.
  try {
    return parseRoot(YAML::Load(Yaml.str()), Source);
  } catch (const YAML::Exception &E) {
    return configError(Source, E.mark, E.msg);
  }
}

static llvm::Expected<Settings> parseRoot(const YAML::Node &Root,
                                          llvm::StringRef Source) {
  Settings S;
  if (Root.IsNull())
    return S;
  if (!Root.IsMap())
    return configError(Source, Root.Mark(), "expected a mapping of settings");
  for (const auto &Entry : Root) {
    std::string Key = Entry.first.as<std::string>();
    const YAML::Node &Value = Entry.second;
    std::optional<std::string> *Target = nullptr;
    if (Key == "Checks")
      Target = &S.Checks;
    else if (Key == "HeaderFilterRegex")
      Target = &S.HeaderFilterRegex;
    else if (Key == "WarningsAsErrors")
      Target = &S.WarningsAsErrors;
    else if (Key == "Targets")
      Target = &S.Targets;
    else if (Key == "CacheLineSize")
      Target = &S.CacheLineSize;
    else if (Key == "PublicHeaderRegex")
      Target = &S.PublicHeaderRegex;
    if (Target) {
      auto V = scalar(Value, Key, Source);
      if (!V)
        return V.takeError();
      *Target = *V;
      continue;
    }
    if (Key != "CheckOptions")
      return configError(Source, Entry.first.Mark(),
                         "unknown key '" + Key +
                             "' (expected Checks, HeaderFilterRegex, "
                             "WarningsAsErrors, CheckOptions, Targets, "
                             "CacheLineSize or PublicHeaderRegex)");
    // Both clang-tidy spellings: a mapping, or a list of {key, value}.
    if (Value.IsMap()) {
      for (const auto &Opt : Value) {
        auto V = scalar(Opt.second, Opt.first.as<std::string>(), Source);
        if (!V)
          return V.takeError();
        S.CheckOptions[Opt.first.as<std::string>()] = *V;
      }
    } else if (Value.IsSequence()) {
      for (const YAML::Node &Opt : Value) {
        if (!Opt.IsMap() || !Opt["key"] || !Opt["value"])
          return configError(Source, Opt.Mark(),
                             "CheckOptions entries need 'key' and 'value'");
        auto V = scalar(Opt["value"], Opt["key"].as<std::string>(), Source);
        if (!V)
          return V.takeError();
        S.CheckOptions[Opt["key"].as<std::string>()] = *V;
      }
    } else if (!Value.IsNull()) {
      return configError(Source, Value.Mark(),
                         "CheckOptions must be a mapping");
    }
  }
  return S;
}

llvm::Expected<Settings> loadSettings(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read config '" + Path +
                                       "': " + Buffer.getError().message());
  return parseSettings((*Buffer)->getBuffer(), Path);
}

std::string findConfigFile(llvm::StringRef Dir) {
  llvm::SmallString<256> Current(Dir);
  llvm::sys::fs::make_absolute(Current);
  while (!Current.empty()) {
    llvm::SmallString<256> Candidate(Current);
    llvm::sys::path::append(Candidate, ConfigFileName);
    if (llvm::sys::fs::is_regular_file(Candidate))
      return Candidate.str().str();
    llvm::StringRef Parent = llvm::sys::path::parent_path(Current);
    if (Parent == Current)
      break;
    Current = Parent;
  }
  return "";
}

} // namespace structlayout
