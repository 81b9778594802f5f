//===- ConfiguredChecks.cpp - The checks each file's config enables -------===//

#include "ConfiguredChecks.h"

#include "llvm/Support/Path.h"

namespace structlayout {

/// What makes two configurations check alike.
static std::string content(const Settings &S) {
  std::string Out = S.checks() + "\n" + S.warningsAsErrors() + "\n";
  for (const auto &[K, V] : S.CheckOptions)
    Out += K + "=" + V + "\n";
  return Out;
}

llvm::Expected<const FileConfig *>
ConfiguredChecks::forDirectory(llvm::StringRef Dir) {
  auto It = ByDirectory.find(Dir.str());
  if (It != ByDirectory.end())
    return It->second;
  if (Dir != Fallback && !Lookup.hasConfigFileAbove(Dir)) {
    auto Shared = forDirectory(Fallback);
    if (Shared)
      ByDirectory[Dir.str()] = *Shared;
    return Shared;
  }
  auto S = Lookup.forDirectory(Dir);
  if (!S)
    return S.takeError();
  std::unique_ptr<FileConfig> &Slot = ByContent[content(*S)];
  if (!Slot) {
    auto Set = CheckSet::create(*S);
    if (!Set)
      return Set.takeError();
    Slot.reset(
        new FileConfig{*S, std::move(*Set), GlobList(S->warningsAsErrors())});
  }
  return ByDirectory[Dir.str()] = Slot.get();
}

llvm::Expected<const FileConfig *>
ConfiguredChecks::forFile(llvm::StringRef Path) {
  return forDirectory(llvm::sys::path::parent_path(Path));
}

std::vector<const FileConfig *> ConfiguredChecks::all() const {
  std::vector<const FileConfig *> Out;
  for (const auto &[Content, Config] : ByContent)
    if (Config)
      Out.push_back(Config.get());
  return Out;
}

std::string checkSource(const Settings &S, llvm::StringRef Check) {
  for (auto It = S.Checks.rbegin(); It != S.Checks.rend(); ++It)
    if (GlobList(It->Globs).decides(Check))
      return It->Source;
  return "the struct-layout binary";
}

} // namespace structlayout
