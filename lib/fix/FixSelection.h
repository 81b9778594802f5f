//===- FixSelection.h - Which fixes --fix applies ---------------*- C++ -*-===//
//
// DESIGN.md section 4: one order per record, and by default only fixes that
// make a record smaller or correct an alignment. Fixes that make a record
// bigger (false-sharing alignment) or only move hot fields on a static
// estimate are applied when asked for by name (--fix-checks); when several
// checks want to reorder one record, the order of least size wins, then the
// hot-first one, so that running every check again proposes nothing new.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_FIXSELECTION_H
#define STRUCTLAYOUT_FIXSELECTION_H

#include "Findings.h"
#include "GlobList.h"

#include <string>
#include <vector>

namespace structlayout {

/// Takes \p F's edits away, saying why in its reason and a note.
void dropFix(Finding &F, const std::string &Why);

/// The checks whose fixes --fix applies unless told otherwise: those that
/// shrink records or correct alignment, and hot-cold with a profile.
std::string defaultFixChecks(bool Profiled);

/// Keeps the fixes of the checks \p FixChecks names and one reorder per
/// record; the others lose their edits with a note saying why.
void selectFixes(std::vector<Finding> &Findings, const GlobList &FixChecks);

/// What the kept fixes do to the records' sizes, on each record's first
/// target: bytes saved and bytes added, counted apart.
struct SizeChange {
  uint64_t Saved = 0;
  uint64_t Added = 0;
};
SizeChange sizeChange(const std::vector<Finding> &Findings);

} // namespace structlayout

#endif
