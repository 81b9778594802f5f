//===- InstanceCollector.h - How many objects a record has -----*- C++ -*-===//
//
// Part of the extractor: whether the program holds a record's objects in
// arrays or containers, links them as nodes, allocates them in loops or on
// the heap (InstanceFacts). A cache line saved per object matters when
// there are many objects, and where an object starts decides which lines
// its fields touch.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_INSTANCECOLLECTOR_H
#define STRUCTLAYOUT_INSTANCECOLLECTOR_H

#include "UseCollector.h"

namespace structlayout {

void collectInstances(clang::ASTContext &Ctx, const RecordIndex &Records);

} // namespace structlayout

#endif
