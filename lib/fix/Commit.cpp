//===- Commit.cpp - Write every fixed file, or none -----------------------===//

#include "Commit.h"
#include "FileIO.h"
#include "Journal.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace structlayout {

static llvm::Error commitError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// Refused before anything is written.
static llvm::Error refuse(const FileChange &C, const std::string &Real,
                          const llvm::Twine &Why) {
  std::string Name = "'" + C.Path + "'";
  if (!Real.empty() && Real != C.Path)
    Name += " (a link to '" + Real + "')";
  return commitError("cannot write " + Name + ": " + Why +
                     "; no fixes were written");
}

/// Where each change goes, with what its journal entry says; every file
/// checked before the first byte is written.
static llvm::Expected<std::vector<JournalEntry>>
prepare(llvm::ArrayRef<FileChange> Changes,
        std::vector<const FileChange *> &Kept) {
  std::vector<JournalEntry> Entries;
  std::map<std::pair<dev_t, ino_t>, const FileChange *> Seen;
  for (const FileChange &C : Changes) {
    llvm::SmallString<256> Resolved;
    if (std::error_code EC = llvm::sys::fs::real_path(C.Path, Resolved))
      return refuse(C, "", EC.message());
    std::string Real = Resolved.str().str();
    struct stat St;
    if (::stat(Real.c_str(), &St) != 0)
      return refuse(C, Real, std::strerror(errno));
    if (!S_ISREG(St.st_mode))
      return refuse(C, Real, "it is not a regular file");
    if (!isWritable(Real))
      return refuse(C, Real, "the file is read-only");
    auto Now = readWholeFile(Real);
    if (!Now)
      return refuse(C, Real, llvm::toString(Now.takeError()));
    if (*Now != C.Old)
      return refuse(C, Real, "it changed while struct-layout ran");
    // Two names of one file (a symlink, a hard link) get one write.
    auto [It, New] = Seen.try_emplace({St.st_dev, St.st_ino}, &C);
    if (!New) {
      if (It->second->New != C.New)
        return refuse(C, Real,
                      "it is also '" + It->second->Path + "', fixed otherwise");
      continue;
    }
    JournalEntry E;
    E.Path = Real;
    E.OldHash = contentHash(C.Old);
    E.NewHash = contentHash(C.New);
    E.Owner = {St.st_mode, St.st_uid, St.st_gid};
    // A file with several hard links is rewritten in place; any other is
    // replaced by a rename, which needs its directory.
    if (St.st_nlink <= 1) {
      std::string Dir = llvm::sys::path::parent_path(Real).str();
      if (!isWritable(Dir))
        return refuse(C, Real, "its directory '" + Dir + "' is read-only");
      E.Temp = stagingPath(Real);
    }
    Entries.push_back(std::move(E));
    Kept.push_back(&C);
  }
  return Entries;
}

static int envNumber(const char *Name, int Default) {
  const char *V = std::getenv(Name);
  return V && *V ? std::atoi(V) : Default;
}

llvm::Error commitChanges(llvm::ArrayRef<FileChange> Changes,
                          const std::string &JournalDir) {
  std::vector<const FileChange *> Kept;
  auto Prepared = prepare(Changes, Kept);
  if (!Prepared)
    return Prepared.takeError();
  std::vector<JournalEntry> &Entries = *Prepared;
  if (Entries.empty())
    return llvm::Error::success();

  // From the journal to its removal, a signal waits for the end.
  TerminationSignalsBlocked Blocked;
  std::vector<std::string> OldTexts;
  for (const FileChange *C : Kept)
    OldTexts.push_back(C->Old);
  if (llvm::Error E = writeJournal(JournalDir, Entries, OldTexts)) {
    llvm::consumeError(removeJournal(JournalDir));
    return commitError("cannot write the --fix journal in '" + JournalDir +
                       "': " + llvm::toString(std::move(E)) +
                       "; no fixes were written");
  }
  // Undoing is recovering from the journal: whatever was replaced gets its
  // old text back, staged files go.
  auto Undo = [&](llvm::Error Why) {
    std::string Message = llvm::toString(std::move(Why));
    auto Undone = recoverJournal(JournalDir);
    if (!Undone)
      return commitError(Message +
                         "; undoing the files already written "
                         "failed too (" +
                         llvm::toString(Undone.takeError()) +
                         "): run 'struct-layout -p " + JournalDir +
                         " --fix-recover'");
    return commitError(Message + "; no fixes were written");
  };

  // Staged and then synced: the writes go to disk together.
  for (size_t I = 0; I < Entries.size(); ++I)
    if (!Entries[I].Temp.empty())
      if (llvm::Error E = writeNewFile(Entries[I].Temp, Kept[I]->New,
                                       Entries[I].Owner, Durability::Deferred))
        return Undo(std::move(E));
  std::vector<std::string> Staged;
  for (const JournalEntry &E : Entries)
    if (!E.Temp.empty())
      Staged.push_back(E.Temp);
  if (llvm::Error E = syncFiles(Staged))
    return Undo(std::move(E));

  int StopAfter = envNumber("STRUCT_LAYOUT_TEST_COMMIT_STOP_AFTER", -1);
  int DelayMs = envNumber("STRUCT_LAYOUT_TEST_COMMIT_DELAY_MS", 0);
  if (StopAfter == 0)
    ::_exit(99);
  std::set<std::string> Dirs;
  for (size_t I = 0; I < Entries.size(); ++I) {
    const JournalEntry &E = Entries[I];
    if (DelayMs > 0)
      ::usleep(DelayMs * 1000);
    if (E.Temp.empty()) {
      if (llvm::Error Err = writeInPlace(E.Path, Kept[I]->New))
        return Undo(std::move(Err));
    } else if (std::rename(E.Temp.c_str(), E.Path.c_str()) != 0) {
      return Undo(commitError("cannot replace '" + E.Path +
                              "': " + std::strerror(errno)));
    }
    Dirs.insert(llvm::sys::path::parent_path(E.Path).str());
    if (StopAfter == int(I) + 1)
      ::_exit(99);
  }
  for (const std::string &D : Dirs)
    if (llvm::Error E = syncDirectory(D))
      return Undo(std::move(E));
  if (llvm::Error E = removeJournal(JournalDir))
    return commitError("the fixes were written, but " +
                       llvm::toString(std::move(E)) +
                       ": remove it by hand (not with --fix-recover)");
  return llvm::Error::success();
}

} // namespace structlayout
