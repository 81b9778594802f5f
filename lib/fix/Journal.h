//===- Journal.h - The record of a --fix commit in progress ----*- C++ -*-===//
//
// Before the first file of a --fix is replaced, the commit writes a journal
// in the build directory: each file it will change, the hashes of its old
// and new text, its mode and owner, where its new text is staged, and a
// backup of its old text. The journal is removed once every file is written.
// If it is still there, a commit was interrupted (SIGKILL, a crash, power
// loss): every run refuses to analyse the tree until `--fix-recover` has put
// each journaled file back to its old text.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_JOURNAL_H
#define STRUCTLAYOUT_JOURNAL_H

#include "FileIO.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace structlayout {

/// One file of a commit.
struct JournalEntry {
  std::string Path; ///< The file written (symlinks resolved).
  /// Where its new text is staged before the rename; empty when it is
  /// written in place (a file with several hard links).
  std::string Temp;
  std::string OldHash, NewHash; ///< SHA-256 of the old and new text, hex.
  FileOwnership Owner;
};

/// Where the journal of a database lives: the directory holding
/// compile_commands.json, or the current directory for flags after `--`
/// (\p DatabaseDir empty).
std::string journalDirectory(llvm::StringRef DatabaseDir);

/// The journal file in \p Dir.
std::string journalPath(llvm::StringRef Dir);

/// SHA-256 of \p Text, in hex.
std::string contentHash(llvm::StringRef Text);

/// The error every run gives while \p Dir holds a journal; success if not.
llvm::Error refuseIfInterrupted(llvm::StringRef Dir);

/// Writes a backup of each old text (\p OldTexts, parallel to \p Entries),
/// then the journal, each fsynced; the journal appears whole or not at all.
llvm::Error writeJournal(llvm::StringRef Dir,
                         llvm::ArrayRef<JournalEntry> Entries,
                         llvm::ArrayRef<std::string> OldTexts);

/// Removes the journal, then the backups (the commit is done or undone).
llvm::Error removeJournal(llvm::StringRef Dir);

/// Puts every file journaled in \p Dir back to its old text, byte for byte,
/// removes leftover staged files, then the journal. Returns how many files
/// had to be restored; with no journal, 0. On failure the journal stays.
llvm::Expected<unsigned> recoverJournal(llvm::StringRef Dir);

} // namespace structlayout

#endif
