//===- StdContainers.h - The standard containers, by kind ------*- C++ -*-===//
//
// Part of the extractor: which standard library class templates hold many
// elements, and how: side by side (vector, array...) or as nodes (list,
// map...). Allocation, instance and element-loop facts all ask.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_STDCONTAINERS_H
#define STRUCTLAYOUT_STDCONTAINERS_H

#include "clang/AST/Type.h"

namespace clang {
class ClassTemplateSpecializationDecl;
}

namespace structlayout {

enum class StdContainer {
  None,
  Contiguous, ///< vector, deque, valarray: allocated, side by side.
  Array,      ///< std::array: side by side, inside its holder.
  Nodes,      ///< list, forward_list, (multi)set/map, unordered_*.
};

/// What \p T (through references) is among the standard containers; with
/// \p Spec, the specialisation.
StdContainer
stdContainer(clang::QualType T,
             const clang::ClassTemplateSpecializationDecl **Spec = nullptr);

} // namespace structlayout

#endif
