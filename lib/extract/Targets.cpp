//===- Targets.cpp - Which ABIs a run analyses ----------------------------===//

#include "Targets.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/TargetParser/Triple.h"

namespace structlayout {

llvm::ArrayRef<TargetSpec> targetPresets() {
  static const TargetSpec Presets[] = {
      {"linux-x86_64", "x86_64-linux-gnu", 64},
      {"linux-i686", "i686-linux-gnu", 64},
      {"linux-aarch64", "aarch64-linux-gnu", 64},
      {"linux-armv7", "armv7-linux-gnueabihf", 64},
      {"windows-x64", "x86_64-pc-windows-msvc", 64},
      {"windows-x86", "i686-pc-windows-msvc", 64},
      {"macos-arm64", "arm64-apple-macos11", 128},
      {"macos-x86_64", "x86_64-apple-macos10.15", 64},
      {"wasm32", "wasm32-unknown-unknown", 64},
      {"linux-ppc64le", "powerpc64le-linux-gnu", 128},
  };
  return Presets;
}

llvm::ArrayRef<const char *> portableSet() {
  static const char *Set[] = {"linux-x86_64", "linux-i686",  "linux-aarch64",
                              "linux-armv7",  "windows-x64", "macos-arm64"};
  return Set;
}

unsigned defaultCacheLineBytes(llvm::StringRef TripleName) {
  llvm::Triple T(llvm::Triple::normalize(TripleName));
  if (T.isOSDarwin() && T.isAArch64())
    return 128;
  if (T.isPPC64())
    return 128;
  return 64;
}

static llvm::Error error(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

llvm::Expected<std::vector<TargetSpec>>
parseTargets(llvm::StringRef List, unsigned CacheLineOverride) {
  std::vector<TargetSpec> Out;
  auto Add = [&](TargetSpec S) {
    if (CacheLineOverride)
      S.CacheLineBytes = CacheLineOverride;
    for (const TargetSpec &K : Out)
      if (K.Triple == S.Triple)
        return;
    Out.push_back(std::move(S));
  };
  auto Preset = [](llvm::StringRef Name) -> const TargetSpec * {
    for (const TargetSpec &P : targetPresets())
      if (P.Name == Name)
        return &P;
    return nullptr;
  };
  llvm::SmallVector<llvm::StringRef> Items;
  List.split(Items, ',', -1, false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    if (Item.empty())
      continue;
    if (Item == "portable") {
      for (const char *Name : portableSet())
        Add(*Preset(Name));
      continue;
    }
    if (const TargetSpec *P = Preset(Item)) {
      Add(*P);
      continue;
    }
    llvm::Triple T(llvm::Triple::normalize(Item));
    if (T.getArch() == llvm::Triple::UnknownArch) {
      std::string Names;
      for (const TargetSpec &P : targetPresets())
        Names += (Names.empty() ? "" : ", ") + P.Name;
      return error("unknown target '" + Item +
                   "' (a triple such as x86_64-linux-gnu, 'portable', or "
                   "one of: " +
                   Names + ")");
    }
    Add({Item.str(), Item.str(), defaultCacheLineBytes(Item)});
  }
  if (Out.empty())
    return error("no target in '" + List + "'");
  return Out;
}

/// Machine flags that only mean something for one architecture; they are
/// dropped when the target changes. Layout-rule flags valid everywhere stay.
static bool isMachineFlag(llvm::StringRef A) {
  if (!A.starts_with("-m") || A.starts_with("--"))
    return false;
  return A != "-mms-bitfields" && A != "-mno-ms-bitfields";
}

/// Code-model flags that Windows targets reject (`-fPIC` from a Linux
/// build: "unsupported option for target").
static bool isPositionIndependenceFlag(llvm::StringRef A) {
  return llvm::is_contained({"-fPIC", "-fpic", "-fPIE", "-fpie", "-fno-plt"},
                            A);
}

std::vector<std::string> retargetCommand(llvm::ArrayRef<std::string> Args,
                                         llvm::StringRef Triple) {
  bool Windows = llvm::Triple(llvm::Triple::normalize(Triple)).isOSWindows();
  std::vector<std::string> Out;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (I == 0) {
      Out.push_back(A.str());
      Out.push_back(("--target=" + Triple).str());
      continue;
    }
    if (A == "--") { // Everything after is a file.
      Out.insert(Out.end(), Args.begin() + I, Args.end());
      break;
    }
    // Flags whose value is the next argument.
    if (A == "-target" || A == "--target" || A == "-arch" || A == "-triple" ||
        A == "-mllvm") {
      ++I;
      continue;
    }
    if (A.starts_with("--target=") || A.starts_with("-target=") ||
        isMachineFlag(A) || (Windows && isPositionIndependenceFlag(A)))
      continue;
    Out.push_back(A.str());
  }
  return Out;
}

} // namespace structlayout
