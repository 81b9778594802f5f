//===- ApplyFixes.h - --fix, --fix-dry-run, --export-fixes -----*- C++ -*-===//

#ifndef STRUCTLAYOUT_APPLYFIXES_H
#define STRUCTLAYOUT_APPLYFIXES_H

#include "FixPlan.h"

namespace structlayout {

/// Writes each fixed file atomically (\p InPlace), prints a diff
/// (\p DryRun) and/or exports YAML to \p ExportPath. Returns a non-zero exit
/// code when something could not be written, after saying what.
/// Writes \p Text to \p Path through a temporary file and a rename, so the
/// file is either the old one or the new one, never half of each.
llvm::Error writeAtomically(const std::string &Path, llvm::StringRef Text);

int applyFixes(const FixPlan &Plan, bool InPlace, bool DryRun,
               const std::string &ExportPath, bool Quiet);

} // namespace structlayout

#endif
