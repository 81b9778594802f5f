//===- StdContainers.cpp - The standard containers, by kind ---------------===//

#include "StdContainers.h"

#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace structlayout {

StdContainer stdContainer(QualType T,
                          const ClassTemplateSpecializationDecl **Spec) {
  if (T.isNull())
    return StdContainer::None;
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsRecordDecl());
  if (Spec)
    *Spec = S;
  if (!S || !S->isInStdNamespace() || !S->getIdentifier())
    return StdContainer::None;
  static const llvm::StringRef Contiguous[] = {"vector", "deque", "valarray"};
  static const llvm::StringRef Nodes[] = {"list",
                                          "forward_list",
                                          "set",
                                          "multiset",
                                          "map",
                                          "multimap",
                                          "unordered_set",
                                          "unordered_map",
                                          "unordered_multiset",
                                          "unordered_multimap"};
  llvm::StringRef Name = S->getName();
  if (Name == "array")
    return StdContainer::Array;
  if (llvm::is_contained(Contiguous, Name))
    return StdContainer::Contiguous;
  if (llvm::is_contained(Nodes, Name))
    return StdContainer::Nodes;
  return StdContainer::None;
}

} // namespace structlayout
