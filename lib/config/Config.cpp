//===- Config.cpp - clang-tidy's configuration, as it reads it ------------===//

#include "Config.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <yaml-cpp/yaml.h>

namespace structlayout {

static std::string joined(const std::vector<SourcedGlobs> &Parts,
                          llvm::StringRef First) {
  std::string Out = First.str();
  for (const SourcedGlobs &P : Parts)
    if (!llvm::StringRef(P.Globs).trim().empty())
      Out += (Out.empty() ? "" : ",") + llvm::StringRef(P.Globs).trim().str();
  return Out;
}

std::string Settings::checks() const { return joined(Checks, DefaultChecks); }

std::string Settings::warningsAsErrors() const {
  return joined(WarningsAsErrors, "");
}

Settings Settings::mergedWith(const Settings &Child) const {
  Settings S = *this;
  auto Append = [](auto &Into, const auto &From) {
    Into.insert(Into.end(), From.begin(), From.end());
  };
  Append(S.Checks, Child.Checks);
  Append(S.WarningsAsErrors, Child.WarningsAsErrors);
  Append(S.ExtraArgs, Child.ExtraArgs);
  Append(S.ExtraArgsBefore, Child.ExtraArgsBefore);
  Append(S.RemoveArgs, Child.RemoveArgs);
  Append(S.ThreadStarters, Child.ThreadStarters);
  for (auto [Mine, Theirs] :
       {std::pair{&S.HeaderFilterRegex, &Child.HeaderFilterRegex},
        {&S.ExcludeHeaderFilterRegex, &Child.ExcludeHeaderFilterRegex},
        {&S.Targets, &Child.Targets},
        {&S.CacheLineSize, &Child.CacheLineSize},
        {&S.PublicHeaderRegex, &Child.PublicHeaderRegex},
        {&S.FixChecks, &Child.FixChecks}})
    if (*Theirs)
      *Mine = *Theirs;
  for (const auto &[K, V] : Child.CheckOptions)
    S.CheckOptions[K] = V;
  for (const auto &[K, V] : Child.OptionSources)
    S.OptionSources[K] = V;
  S.InheritParentConfig = Child.InheritParentConfig;
  return S;
}

namespace {

/// Where a node is, for messages: `file:line`.
std::string where(llvm::StringRef Source, const YAML::Mark &Mark) {
  std::string Where = Source.str();
  if (Mark.line >= 0)
    Where += ":" + std::to_string(Mark.line + 1);
  return Where;
}

llvm::Error configError(llvm::StringRef Source, const YAML::Mark &Mark,
                        const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "bad config '" + where(Source, Mark) +
                                     "': " + What);
}

llvm::Expected<std::string> scalar(const YAML::Node &N, llvm::StringRef Key,
                                   llvm::StringRef Source) {
  if (!N.IsScalar())
    return configError(Source, N.Mark(), "'" + Key + "' must be a string");
  return N.Scalar();
}

/// A string, or (as clang-tidy takes Checks) a list of strings joined by
/// commas.
llvm::Expected<std::string> globs(const YAML::Node &N, llvm::StringRef Key,
                                  llvm::StringRef Source) {
  if (!N.IsSequence())
    return scalar(N, Key, Source);
  std::string Out;
  for (const YAML::Node &Item : N) {
    auto S = scalar(Item, Key, Source);
    if (!S)
      return S.takeError();
    Out += (Out.empty() ? "" : ",") + *S;
  }
  return Out;
}

/// A list of strings (ExtraArgs).
llvm::Expected<std::vector<std::string>>
strings(const YAML::Node &N, llvm::StringRef Key, llvm::StringRef Source) {
  std::vector<std::string> Out;
  if (N.IsNull())
    return Out;
  if (!N.IsSequence())
    return configError(Source, N.Mark(),
                       "'" + Key + "' must be a list of strings");
  for (const YAML::Node &Item : N) {
    auto S = scalar(Item, Key, Source);
    if (!S)
      return S.takeError();
    Out.push_back(*S);
  }
  return Out;
}

llvm::Expected<bool> boolean(const YAML::Node &N, llvm::StringRef Key,
                             llvm::StringRef Source) {
  auto S = scalar(N, Key, Source);
  if (!S)
    return S.takeError();
  std::string V = llvm::StringRef(*S).trim().lower();
  if (V == "true" || V == "yes" || V == "on" || V == "1")
    return true;
  if (V == "false" || V == "no" || V == "off" || V == "0")
    return false;
  return configError(Source, N.Mark(),
                     "'" + Key + "' must be true or false, not '" + *S + "'");
}

/// Keys clang-tidy 19 reads that change nothing here: accepted, so the
/// file clang-tidy --dump-config writes is read whole.
bool isClangTidyOnlyKey(llvm::StringRef Key) {
  return Key == "HeaderFileExtensions" ||
         Key == "ImplementationFileExtensions" || Key == "FormatStyle" ||
         Key == "User" || Key == "UseColor" || Key == "SystemHeaders";
}

/// struct-layout's settings written as CheckOptions: into their fields.
void readOwnOptions(Settings &S) {
  auto Own = [&](llvm::StringRef Name) -> std::optional<std::string> {
    auto It = S.CheckOptions.find(OwnOptionPrefix + Name.str());
    // Empty, as clang-tidy --dump-config writes an unset one: unset.
    if (It == S.CheckOptions.end() ||
        llvm::StringRef(It->second).trim().empty())
      return std::nullopt;
    return It->second;
  };
  if (auto V = Own("Targets"))
    S.Targets = *V;
  if (auto V = Own("CacheLineSize"))
    S.CacheLineSize = *V;
  if (auto V = Own("PublicHeaderRegex"))
    S.PublicHeaderRegex = *V;
  if (auto V = Own("FixChecks"))
    S.FixChecks = *V;
  auto List = [&](const char *Name, std::vector<std::string> &Into) {
    auto V = Own(Name);
    if (!V)
      return;
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    llvm::StringRef(*V).split(Parts, ';', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef P : Parts)
      if (!P.trim().empty())
        Into.push_back(P.trim().str());
  };
  List("RemoveArgs", S.RemoveArgs);
  List("ThreadStarters", S.ThreadStarters);
}

llvm::Error parseCheckOptions(const YAML::Node &Value, llvm::StringRef Source,
                              Settings &S) {
  // Both clang-tidy spellings: a mapping, or a list of {key, value}.
  if (Value.IsMap()) {
    for (const auto &Opt : Value) {
      auto V = scalar(Opt.second, Opt.first.as<std::string>(), Source);
      if (!V)
        return V.takeError();
      S.CheckOptions[Opt.first.as<std::string>()] = *V;
      S.OptionSources[Opt.first.as<std::string>()] =
          where(Source, Opt.first.Mark());
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
      S.OptionSources[Opt["key"].as<std::string>()] =
          where(Source, Opt["key"].Mark());
    }
  } else if (!Value.IsNull()) {
    return configError(Source, Value.Mark(), "CheckOptions must be a mapping");
  }
  return llvm::Error::success();
}

llvm::Expected<Settings> parseRoot(const YAML::Node &Root,
                                   llvm::StringRef Source,
                                   std::vector<std::string> *Warnings) {
  Settings S;
  if (Root.IsNull())
    return S;
  if (!Root.IsMap())
    return configError(Source, Root.Mark(), "expected a mapping of settings");
  bool IsClangTidyFile = llvm::sys::path::filename(Source) == ClangTidyFileName;
  for (const auto &Entry : Root) {
    std::string Key = Entry.first.as<std::string>();
    const YAML::Node &Value = Entry.second;
    std::string At = where(Source, Entry.first.Mark());
    if (Key == "Checks" || Key == "WarningsAsErrors") {
      auto V = globs(Value, Key, Source);
      if (!V)
        return V.takeError();
      (Key == "Checks" ? S.Checks : S.WarningsAsErrors).push_back({*V, At});
      continue;
    }
    std::optional<std::string> *Text = nullptr;
    if (Key == "HeaderFilterRegex")
      Text = &S.HeaderFilterRegex;
    else if (Key == "ExcludeHeaderFilterRegex")
      Text = &S.ExcludeHeaderFilterRegex;
    else if (Key == "Targets")
      Text = &S.Targets;
    else if (Key == "CacheLineSize")
      Text = &S.CacheLineSize;
    else if (Key == "PublicHeaderRegex")
      Text = &S.PublicHeaderRegex;
    if (Text) {
      auto V = scalar(Value, Key, Source);
      if (!V)
        return V.takeError();
      *Text = *V;
      // clang-tidy rejects a .clang-tidy with a key it does not know.
      bool Own = Key == "Targets" || Key == "CacheLineSize" ||
                 Key == "PublicHeaderRegex";
      if (Own && IsClangTidyFile && Warnings)
        Warnings->push_back(At + ": '" + Key +
                            "' makes clang-tidy reject this file; write it "
                            "as the CheckOption '" +
                            OwnOptionPrefix + Key + "'");
      continue;
    }
    if (Key == "ExtraArgs" || Key == "ExtraArgsBefore") {
      auto V = strings(Value, Key, Source);
      if (!V)
        return V.takeError();
      auto &Into = Key == "ExtraArgs" ? S.ExtraArgs : S.ExtraArgsBefore;
      Into.insert(Into.end(), V->begin(), V->end());
      continue;
    }
    if (Key == "InheritParentConfig") {
      auto V = boolean(Value, Key, Source);
      if (!V)
        return V.takeError();
      S.InheritParentConfig = *V;
      continue;
    }
    if (Key == "CheckOptions") {
      if (llvm::Error E = parseCheckOptions(Value, Source, S))
        return std::move(E);
      continue;
    }
    if (isClangTidyOnlyKey(Key))
      continue;
    if (Warnings)
      Warnings->push_back(At + ": unknown key '" + Key +
                          "' ignored (clang-tidy-19 would reject the file)");
  }
  readOwnOptions(S);
  return S;
}

} // namespace

llvm::Expected<Settings> parseSettings(llvm::StringRef Yaml,
                                       llvm::StringRef Source,
                                       std::vector<std::string> *Warnings) {
  // yaml-cpp reports both syntax errors and wrongly typed nodes by throwing.
  try {
    return parseRoot(YAML::Load(Yaml.str()), Source, Warnings);
  } catch (const YAML::Exception &E) {
    return configError(Source, E.mark, E.msg);
  }
}

llvm::Expected<Settings> loadSettings(llvm::StringRef Path,
                                      std::vector<std::string> *Warnings) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read config '" + Path +
                                       "': " + Buffer.getError().message());
  return parseSettings((*Buffer)->getBuffer(), Path, Warnings);
}

std::string configFileIn(llvm::StringRef Dir) {
  for (const char *Name : {ConfigFileName, ClangTidyFileName}) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, Name);
    if (llvm::sys::fs::is_regular_file(Candidate))
      return Candidate.str().str();
  }
  return "";
}

} // namespace structlayout
