//===- ApplyFixes.cpp - --fix, --fix-dry-run, --export-fixes --------------===//

#include "ApplyFixes.h"
#include "Commit.h"
#include "Fingerprint.h"

#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

namespace structlayout {

llvm::Error writeAtomically(const std::string &Path, llvm::StringRef Text) {
  return llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
    OS << Text;
    return llvm::Error::success();
  });
}

int applyFixes(const FixPlan &Plan, bool InPlace, bool DryRun,
               const std::string &ExportPath, bool Quiet,
               const std::string &JournalDir, llvm::StringRef Root) {
  if (!ExportPath.empty()) {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    emitFixesYaml(OS, Plan);
    if (llvm::Error E = writeAtomically(ExportPath, Text)) {
      llvm::errs() << "error: cannot write '" << ExportPath
                   << "': " << llvm::toString(std::move(E))
                   << "; no fixes were written\n";
      return ExitFixesNotWritten;
    }
  }
  // Compute every file first: nothing is written if any file can't be read.
  std::vector<FileChange> Fixed;
  for (const auto &[Path, Reps] : Plan.Files) {
    std::string Original;
    auto New = fixedText(Path, Reps, &Original);
    if (!New) {
      llvm::errs() << "error: " << llvm::toString(New.takeError())
                   << "; no fixes were written\n";
      return ExitFixesNotWritten;
    }
    if (*New == Original)
      continue; // Never touch a file that would not change.
    if (DryRun)
      emitUnifiedDiff(llvm::outs(), Path, relativeToRoot(Path, Root), Original,
                      Reps);
    Fixed.push_back({Path, std::move(Original), std::move(*New)});
  }
  if (InPlace)
    if (llvm::Error E = commitChanges(Fixed, JournalDir)) {
      llvm::errs() << "error: " << llvm::toString(std::move(E)) << "\n";
      return ExitFixesNotWritten;
    }
  if (!Quiet)
    llvm::errs() << "struct-layout: " << (InPlace ? "applied" : "prepared")
                 << " fixes for " << Plan.Fixed.size() << " records in "
                 << Fixed.size() << " files"
                 << (Plan.Conflicts ? " (" + std::to_string(Plan.Conflicts) +
                                          " left out: overlapping edits)"
                                    : "")
                 << "\n";
  return 0;
}

} // namespace structlayout
