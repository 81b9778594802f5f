//===- ConfigLookup.cpp - The configuration of each file ------------------===//

#include "ConfigLookup.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace structlayout {

llvm::Expected<Settings> ConfigLookup::load(const std::string &Path) {
  auto It = Loaded.find(Path);
  if (It != Loaded.end())
    return It->second;
  std::vector<std::string> New;
  auto S = Path == "--config" ? parseSettings(Inline, Path, &New)
                              : loadSettings(Path, &New);
  if (!S)
    return S.takeError();
  for (std::string &W : New)
    Warnings.push_back(std::move(W));
  Read.push_back(Path);
  return Loaded[Path] = *S;
}

llvm::Expected<std::optional<Settings>>
ConfigLookup::fromFiles(llvm::StringRef Dir) {
  llvm::SmallString<256> Abs(Dir);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  std::string Key = Abs.str().str();
  auto It = ByDirectory.find(Key);
  if (It != ByDirectory.end())
    return It->second;
  std::optional<Settings> Out;
  std::string Path = configFileIn(Key);
  llvm::StringRef Parent = llvm::sys::path::parent_path(Key);
  if (!Path.empty()) {
    auto S = load(Path);
    if (!S)
      return S.takeError();
    Out = *S;
    if (S->InheritParentConfig && !Parent.empty() && Parent != Key) {
      auto Above = fromFiles(Parent);
      if (!Above)
        return Above.takeError();
      if (*Above)
        Out = (*Above)->mergedWith(*S);
    }
  } else if (!Parent.empty() && Parent != Key) {
    auto Above = fromFiles(Parent);
    if (!Above)
      return Above.takeError();
    Out = *Above;
  }
  return ByDirectory[Key] = Out;
}

llvm::Expected<Settings> ConfigLookup::forDirectory(llvm::StringRef Dir) {
  Settings Base;
  std::string Given = !Inline.empty() ? "--config" : File;
  std::optional<Settings> Chosen;
  if (!Given.empty()) {
    auto S = load(Given);
    if (!S)
      return S.takeError();
    Chosen = *S;
  }
  if (!Chosen || Chosen->InheritParentConfig) {
    auto Files = fromFiles(Dir);
    if (!Files)
      return Files.takeError();
    if (*Files)
      Base = **Files;
  }
  if (Chosen)
    Base = Base.mergedWith(*Chosen);
  return Base.mergedWith(CommandLine);
}

bool ConfigLookup::hasConfigFileAbove(llvm::StringRef Dir) {
  if (!Inline.empty() || !File.empty())
    return false;
  auto Files = fromFiles(Dir);
  if (!Files) {
    llvm::consumeError(Files.takeError()); // forDirectory reports it.
    return true;
  }
  return Files->has_value();
}

llvm::Expected<Settings> ConfigLookup::forFile(llvm::StringRef Path) {
  return forDirectory(llvm::sys::path::parent_path(Path));
}

} // namespace structlayout
