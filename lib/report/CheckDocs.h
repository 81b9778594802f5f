//===- CheckDocs.h - Each check's documentation, embedded -------*- C++ -*-===//
//
// docs/checks/<check>.md, built in: SARIF rules carry it as their help, so
// code scanning shows it beside each alert.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_CHECKDOCS_H
#define STRUCTLAYOUT_CHECKDOCS_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace structlayout {

struct CheckDoc {
  std::string Summary;      ///< The first sentence.
  std::string Description;  ///< The first paragraph, on one line.
  llvm::StringRef Markdown; ///< The whole page.
};

/// The documentation of \p Check; none for a check without a page.
std::optional<CheckDoc> checkDoc(llvm::StringRef Check);

} // namespace structlayout

#endif
