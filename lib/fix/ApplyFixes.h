//===- ApplyFixes.h - --fix, --fix-dry-run, --export-fixes -----*- C++ -*-===//

#ifndef STRUCTLAYOUT_APPLYFIXES_H
#define STRUCTLAYOUT_APPLYFIXES_H

#include "FixPlan.h"

namespace structlayout {

/// The exit code of a run whose fixes were not written (none were).
inline constexpr int ExitFixesNotWritten = 4;

/// Writes \p Text to \p Path through a temporary file and a rename, so the
/// file is either the old one or the new one, never half of each.
llvm::Error writeAtomically(const std::string &Path, llvm::StringRef Text);

/// Writes every fixed file, all or none, journaling in \p JournalDir
/// (\p InPlace); prints a patch (\p DryRun, its paths relative to
/// \p Root) and/or exports YAML to \p ExportPath. Returns
/// ExitFixesNotWritten when something could not be written, after saying
/// what.
int applyFixes(const FixPlan &Plan, bool InPlace, bool DryRun,
               const std::string &ExportPath, bool Quiet,
               const std::string &JournalDir, llvm::StringRef Root);

} // namespace structlayout

#endif
