//===- AccessCollector.h - Where the code touches each field ---*- C++ -*-===//
//
// Part of the extractor: for each field of the TU's records, every member
// expression that names it, with its function, its loop depth and innermost
// loop, whether it goes through an element of an array or container, and a
// static estimate of how often it runs (loops, the TU's call graph, cold
// code). The heat model (Heat.h) turns these into per-field heat.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_ACCESSCOLLECTOR_H
#define STRUCTLAYOUT_ACCESSCOLLECTOR_H

#include "UseCollector.h"

namespace structlayout {

void collectAccesses(clang::ASTContext &Ctx, const RecordIndex &Records);

} // namespace structlayout

#endif
