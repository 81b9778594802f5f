//===- FactsDirectory.cpp - Facts of many TUs, one file each --------------===//

#include "FactsDirectory.h"
#include "FactsCache.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

namespace structlayout {

static llvm::Error error(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// `name.c-<hash>.slfacts`: readable, and one per TU x command x target.
static std::string fileName(const TUResult &R) {
  std::string Base = llvm::sys::path::filename(R.File).str();
  for (char &C : Base)
    if (!llvm::isAlnum(C) && C != '.' && C != '_' && C != '-')
      C = '_';
  return Base + "-" +
         hashKey({R.File, std::to_string(R.Command), R.Target}).substr(0, 16) +
         FactsExtension;
}

llvm::Error writeFactsDirectory(const std::string &Dir,
                                const std::vector<TUResult> &Results,
                                const FactsMode &Mode,
                                const std::string &ToolVersion) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return error("cannot create '" + Dir + "': " + EC.message());
  for (const TUResult &R : Results) {
    FactsFile File;
    File.ToolVersion = ToolVersion;
    File.Mode = Mode;
    File.TU = R;
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, fileName(R));
    llvm::SmallString<256> Temp;
    int FD;
    if (std::error_code EC =
            llvm::sys::fs::createUniqueFile(Path + ".%%%%%%.tmp", FD, Temp))
      return error("cannot write '" + Path + "': " + EC.message());
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << writeFactsFile(File);
    OS.close();
    std::error_code EC = OS.error();
    OS.clear_error();
    if (!EC)
      EC = llvm::sys::fs::rename(Temp, Path);
    if (EC) {
      llvm::sys::fs::remove(Temp);
      return error("cannot write '" + Path + "': " + EC.message());
    }
  }
  return llvm::Error::success();
}

FactsDirectories readFactsDirectories(const std::vector<std::string> &Dirs,
                                      const FactsMode &Wanted, unsigned Jobs) {
  FactsDirectories Out;
  std::vector<std::string> Paths;
  for (const std::string &Dir : Dirs) {
    std::error_code EC;
    if (!llvm::sys::fs::is_directory(Dir)) {
      Out.Problems.push_back("--facts: '" + Dir + "' is not a directory");
      continue;
    }
    for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
         It.increment(EC))
      if (llvm::StringRef(It->path()).ends_with(FactsExtension))
        Paths.push_back(It->path());
    if (EC)
      Out.Problems.push_back("--facts: cannot read '" + Dir +
                             "': " + EC.message());
  }
  // The first path in sort order wins a TU: the result does not depend on
  // the order of the directories or of their listing.
  llvm::sort(Paths);
  std::vector<std::optional<FactsFile>> Files(Paths.size());
  std::vector<std::string> Errors(Paths.size());
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t I = 0; I < Paths.size(); ++I)
      Pool.async([&, I] {
        auto Buffer = llvm::MemoryBuffer::getFile(Paths[I]);
        if (!Buffer) {
          Errors[I] = Buffer.getError().message();
          return;
        }
        auto Read = readFactsFile((*Buffer)->getBuffer());
        if (!Read) {
          Errors[I] = llvm::toString(Read.takeError());
          return;
        }
        Files[I] = std::move(*Read);
      });
    Pool.wait();
  }
  for (size_t I = 0; I < Paths.size(); ++I) {
    if (!Files[I]) {
      Out.Problems.push_back("facts file '" + Paths[I] + "': " + Errors[I]);
      continue;
    }
    if (!(Files[I]->Mode == Wanted)) {
      Out.Problems.push_back(
          "facts file '" + Paths[I] + "' was extracted " +
          Files[I]->Mode.describe() + ", and this run " +
          "needs facts extracted " + Wanted.describe() +
          ": give --facts-out the checks and fix options of this run");
      continue;
    }
    TUResult &R = Files[I]->TU;
    TUIndex Index{R.File, R.Command, R.Target};
    auto It = Out.TUs.find(Index);
    if (It == Out.TUs.end()) {
      Out.TUs.emplace(Index, std::move(R));
      continue;
    }
    FactsFile Kept = *Files[I];
    Kept.TU = It->second;
    if (writeFactsFile(Kept) != writeFactsFile(*Files[I]))
      Out.Problems.push_back("facts file '" + Paths[I] + "' holds '" + R.File +
                             "' again, with other facts; the first is used");
  }
  return Out;
}

} // namespace structlayout
