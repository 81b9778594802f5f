//===- Journal.cpp - The record of a --fix commit in progress -------------===//

#include "Journal.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <unistd.h>

namespace structlayout {

static constexpr llvm::StringLiteral JournalName = "struct-layout-fix.journal";
static constexpr llvm::StringLiteral BackupDirName = "struct-layout-fix.backup";
static constexpr llvm::StringLiteral Magic = "struct-layout fix journal 1";

static llvm::Error journalError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

std::string journalDirectory(llvm::StringRef DatabaseDir) {
  llvm::SmallString<256> Dir(DatabaseDir.empty() ? "." : DatabaseDir);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  return Dir.str().str();
}

std::string journalPath(llvm::StringRef Dir) {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, JournalName);
  return P.str().str();
}

static std::string backupDir(llvm::StringRef Dir) {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, BackupDirName);
  return P.str().str();
}

static std::string backupPath(llvm::StringRef Dir, size_t Index) {
  llvm::SmallString<256> P(backupDir(Dir));
  llvm::sys::path::append(P, std::to_string(Index));
  return P.str().str();
}

std::string contentHash(llvm::StringRef Text) {
  return llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(Text)),
                     /*LowerCase=*/true);
}

llvm::Error refuseIfInterrupted(llvm::StringRef Dir) {
  std::string Journal = journalPath(Dir);
  if (!llvm::sys::fs::exists(Journal))
    return llvm::Error::success();
  return journalError("an interrupted --fix left the journal '" + Journal +
                      "': the files it lists may be half-written; run "
                      "'struct-layout -p " +
                      Dir + " --fix-recover' to restore them");
}

/// Paths may hold any byte but NUL; one per line, with `\`, newline and
/// carriage return escaped.
static std::string escape(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    Out += C == '\\'   ? "\\\\"
           : C == '\n' ? "\\n"
           : C == '\r' ? "\\r"
                       : std::string(1, C);
  return Out;
}

static std::string unescape(llvm::StringRef S) {
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] != '\\' || I + 1 == S.size()) {
      Out += S[I];
      continue;
    }
    char C = S[++I];
    Out += C == 'n' ? '\n' : C == 'r' ? '\r' : C;
  }
  return Out;
}

llvm::Error writeJournal(llvm::StringRef Dir,
                         llvm::ArrayRef<JournalEntry> Entries,
                         llvm::ArrayRef<std::string> OldTexts) {
  // Backups left by a commit that died before its journal was written.
  std::string Backups = backupDir(Dir);
  llvm::sys::fs::remove_directories(Backups);
  if (std::error_code EC = llvm::sys::fs::create_directory(Backups))
    return journalError("cannot create '" + Backups + "': " + EC.message());
  std::string Text = (Magic +
                      "\n# An interrupted struct-layout --fix: run "
                      "'struct-layout -p " +
                      Dir + " --fix-recover'.\n")
                         .str();
  FileOwnership Private{0600, ::getuid(), ::getgid()};
  for (size_t I = 0; I < Entries.size(); ++I) {
    const JournalEntry &E = Entries[I];
    if (llvm::Error Err = writeNewFile(backupPath(Dir, I), OldTexts[I], Private,
                                       Durability::Deferred))
      return Err;
    char Mode[16];
    std::snprintf(Mode, sizeof Mode, "%o", unsigned(E.Owner.Mode & 07777));
    Text += llvm::formatv("file {0} {1} {2} {3} {4}\npath {5}\ntemp {6}\n",
                          E.OldHash, E.NewHash, Mode, unsigned(E.Owner.Uid),
                          unsigned(E.Owner.Gid), escape(E.Path), escape(E.Temp))
                .str();
  }
  Text += "end " + std::to_string(Entries.size()) + "\n";
  std::vector<std::string> Written;
  for (size_t I = 0; I < Entries.size(); ++I)
    Written.push_back(backupPath(Dir, I));
  if (llvm::Error Err = syncFiles(Written))
    return Err;
  if (llvm::Error Err = syncDirectory(Backups))
    return Err;
  // Whole or absent: written aside, then renamed.
  std::string Journal = journalPath(Dir);
  std::string Staged = Journal + ".tmp";
  llvm::sys::fs::remove(Staged);
  if (llvm::Error Err =
          writeNewFile(Staged, Text, {0644, ::getuid(), ::getgid()}))
    return Err;
  if (std::rename(Staged.c_str(), Journal.c_str()) != 0) {
    llvm::sys::fs::remove(Staged);
    return journalError("cannot write '" + Journal +
                        "': " + std::strerror(errno));
  }
  return syncDirectory(Dir.str());
}

llvm::Error removeJournal(llvm::StringRef Dir) {
  std::string Journal = journalPath(Dir);
  if (std::error_code EC = llvm::sys::fs::remove(Journal))
    return journalError("cannot remove '" + Journal + "': " + EC.message());
  if (llvm::Error Err = syncDirectory(Dir.str()))
    return Err;
  // Without the journal the backups mean nothing; a leftover is harmless.
  llvm::sys::fs::remove_directories(backupDir(Dir));
  return llvm::Error::success();
}

static llvm::Expected<std::vector<JournalEntry>>
parseJournal(const std::string &Journal, llvm::StringRef Text) {
  auto Bad = [&](const llvm::Twine &Why) {
    return journalError("malformed journal '" + Journal + "': " + Why);
  };
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Text.split(Lines, '\n');
  if (Lines.empty() || Lines.front() != Magic)
    return Bad("not a struct-layout journal");
  std::vector<JournalEntry> Entries;
  bool Ended = false;
  for (size_t I = 1; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I];
    if (L.empty() || L.starts_with("#"))
      continue;
    auto [Key, Rest] = L.split(' ');
    if (Key == "end") {
      unsigned N;
      if (Rest.getAsInteger(10, N) || N != Entries.size())
        return Bad("it lists " + std::to_string(Entries.size()) +
                   " files, its end says " + Rest);
      Ended = true;
      break;
    }
    if (Key != "file" || I + 2 >= Lines.size() ||
        !Lines[I + 1].starts_with("path ") ||
        !Lines[I + 2].starts_with("temp "))
      return Bad("line " + std::to_string(I + 1));
    llvm::SmallVector<llvm::StringRef, 5> F;
    Rest.split(F, ' ');
    JournalEntry E;
    unsigned Mode, Uid, Gid;
    if (F.size() != 5 || F[2].getAsInteger(8, Mode) ||
        F[3].getAsInteger(10, Uid) || F[4].getAsInteger(10, Gid))
      return Bad("line " + std::to_string(I + 1));
    E.OldHash = F[0].str();
    E.NewHash = F[1].str();
    E.Owner = {mode_t(Mode), uid_t(Uid), gid_t(Gid)};
    E.Path = unescape(Lines[I + 1].drop_front(5));
    E.Temp = unescape(Lines[I + 2].drop_front(5));
    Entries.push_back(std::move(E));
    I += 2;
  }
  if (!Ended)
    return Bad("it has no end");
  return Entries;
}

llvm::Expected<unsigned> recoverJournal(llvm::StringRef Dir) {
  std::string Journal = journalPath(Dir);
  if (!llvm::sys::fs::exists(Journal))
    return 0;
  TerminationSignalsBlocked Blocked;
  auto Text = readWholeFile(Journal);
  if (!Text)
    return Text.takeError();
  auto Entries = parseJournal(Journal, *Text);
  if (!Entries)
    return Entries.takeError();
  unsigned Restored = 0;
  std::set<std::string> Dirs;
  for (size_t I = 0; I < Entries->size(); ++I) {
    const JournalEntry &E = (*Entries)[I];
    if (!E.Temp.empty())
      llvm::sys::fs::remove(E.Temp); // A staged new text, never renamed.
    auto Now = readWholeFile(E.Path);
    if (Now && contentHash(*Now) == E.OldHash)
      continue;
    llvm::consumeError(Now.takeError());
    std::string Backup = backupPath(Dir, I);
    auto Old = readWholeFile(Backup);
    if (!Old)
      return Old.takeError();
    if (contentHash(*Old) != E.OldHash)
      return journalError("the backup '" + Backup + "' of '" + E.Path +
                          "' does not match its journaled hash; restore the "
                          "file by hand, then remove '" +
                          Journal + "'");
    if (E.Temp.empty()) {
      if (llvm::Error Err = writeInPlace(E.Path, *Old))
        return Err;
    } else {
      std::string Staged = stagingPath(E.Path);
      llvm::sys::fs::remove(Staged);
      if (llvm::Error Err = writeNewFile(Staged, *Old, E.Owner))
        return Err;
      if (std::rename(Staged.c_str(), E.Path.c_str()) != 0) {
        int Errno = errno;
        llvm::sys::fs::remove(Staged);
        return journalError("cannot restore '" + E.Path +
                            "': " + std::strerror(Errno));
      }
    }
    Dirs.insert(llvm::sys::path::parent_path(E.Path).str());
    ++Restored;
  }
  for (const std::string &D : Dirs)
    if (llvm::Error Err = syncDirectory(D))
      return Err;
  if (llvm::Error Err = removeJournal(Dir))
    return Err;
  return Restored;
}

} // namespace structlayout
