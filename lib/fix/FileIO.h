//===- FileIO.h - Durable writes for the fix commit ------------*- C++ -*-===//
//
// The POSIX calls the commit and its recovery share: a new file written
// whole and fsynced with a given mode and owner, a file rewritten in place
// (hard links), directories fsynced, and what "writable" means here.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_FILEIO_H
#define STRUCTLAYOUT_FILEIO_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <csignal>
#include <string>
#include <sys/types.h>

namespace structlayout {

/// The owner and permission bits a rewritten file keeps.
struct FileOwnership {
  mode_t Mode = 0644;
  uid_t Uid = 0;
  gid_t Gid = 0;
};

/// When a written file is on disk: before writeNewFile returns, or once
/// syncFile is called for it (many files written first, then synced, take a
/// fraction of the time: the writes go out together).
enum class Durability { Now, Deferred };

/// Creates \p Path (it must not exist), writes \p Text, gives it \p Owner's
/// mode and owner (the owner where allowed), and fsyncs it (or starts its
/// writeback, when \p When is Deferred). On failure nothing is left at
/// \p Path.
llvm::Error writeNewFile(const std::string &Path, llvm::StringRef Text,
                         const FileOwnership &Owner,
                         Durability When = Durability::Now);

/// fsync of files written with Durability::Deferred. On Linux each file
/// system is synced once first (one journal commit for all the files,
/// rather than one each); the fsyncs then only report errors.
llvm::Error syncFiles(llvm::ArrayRef<std::string> Paths);

/// Truncates \p Path and writes \p Text into the same inode (so every hard
/// link sees it), then fsyncs it.
llvm::Error writeInPlace(const std::string &Path, llvm::StringRef Text);

/// fsync of a directory, so the renames and unlinks in it are durable.
llvm::Error syncDirectory(const std::string &Dir);

/// The whole file, bytes as they are.
llvm::Expected<std::string> readWholeFile(const std::string &Path);

/// Where the new text of \p Path is staged: beside it, in a name that says
/// whose it is (`.NAME.struct-layout-PID.tmp`).
std::string stagingPath(llvm::StringRef Path);

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT wait while this object lives, so a
/// commit is finished or undone before they act; the old mask comes back.
/// SIGXFSZ is ignored meanwhile: a write past the file-size limit fails
/// (EFBIG) and is undone like a full disk, rather than killing the process.
class TerminationSignalsBlocked {
public:
  TerminationSignalsBlocked();
  ~TerminationSignalsBlocked();
  TerminationSignalsBlocked(const TerminationSignalsBlocked &) = delete;
  TerminationSignalsBlocked &
  operator=(const TerminationSignalsBlocked &) = delete;

private:
  sigset_t OldMask;
  struct sigaction OldSizeAction;
};

/// Writable as clang-apply-replacements sees it: some write bit is set and
/// access(W_OK) agrees. Root passes access() for any mode, so a file without
/// write bits is read-only for root too.
bool isWritable(const std::string &Path);

/// Whether \p Path can be written later: an existing file or directory
/// (\p IsDirectory) that is writable, or a new one whose nearest existing
/// parent directory is. The error names the path.
llvm::Error checkOutputPath(const std::string &Path, bool IsDirectory);

} // namespace structlayout

#endif
