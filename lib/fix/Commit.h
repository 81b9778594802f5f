//===- Commit.h - Write every fixed file, or none --------------*- C++ -*-===//
//
// DESIGN.md section 4: all files of a --fix are written together or not at
// all. Each file is checked first (read-only files and directories are
// refused before anything is written); then a journal with a backup of
// every old text is written; the new texts are staged beside their files
// and fsynced; then renamed over them (a file with several hard links is
// rewritten in place, so every name sees the new text). Termination signals
// wait until the commit is done; an error halfway undoes what was written.
// Symlinks are written through to their targets; mode and owner are kept.
//
// Test hooks (environment): STRUCT_LAYOUT_TEST_COMMIT_STOP_AFTER=k makes
// the process _exit(99) right after k files are replaced, as a crash would;
// STRUCT_LAYOUT_TEST_COMMIT_DELAY_MS=n sleeps n ms before each replacement.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_COMMIT_H
#define STRUCTLAYOUT_COMMIT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace structlayout {

/// One file's old text (as the fixes were computed on) and new text.
struct FileChange {
  std::string Path;
  std::string Old, New;
};

/// Writes every change, all or none, journaling in \p JournalDir. On error
/// the tree is as it was (the message says so), unless undoing failed too:
/// then the message names the journal and `--fix-recover`.
llvm::Error commitChanges(llvm::ArrayRef<FileChange> Changes,
                          const std::string &JournalDir);

} // namespace structlayout

#endif
