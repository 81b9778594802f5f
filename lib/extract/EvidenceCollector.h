//===- EvidenceCollector.h - What a rewrite must keep ----------*- C++ -*-===//
//
// Part of the extractor, in fix mode. Collects what verification compares
// before and after a rewrite (DESIGN.md section 4): the files a TU read and
// what each initialisation of a record gives each of its fields, from
// Clang's semantic form of it (positional, designated and brace-elided
// initialisers alike), constructors' mem-initialisers and default member
// initialisers.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_EVIDENCECOLLECTOR_H
#define STRUCTLAYOUT_EVIDENCECOLLECTOR_H

#include "Facts.h"
#include "UseCollector.h"

namespace structlayout {

/// Every file the TU read (each once, normalised, sorted): what its facts
/// depend on besides its command.
std::vector<std::string> filesRead(clang::ASTContext &Ctx);

/// Diagnostics are collected by the runner; this fills the rest of \p Out
/// but its Files.
void collectEvidence(clang::ASTContext &Ctx, const RecordIndex &Records,
                     TUEvidence &Out);

} // namespace structlayout

#endif
