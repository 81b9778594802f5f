//===- Extractor.h - Facts from a Clang AST --------------------*- C++ -*-===//
//
// The only code that looks at the AST. Every layout number is read from
// clang::ASTRecordLayout for the TU's target; what the reorder model needs
// beyond that (each field's alignment in its record) follows the rules of
// Clang's record layout builders and is checked by the model against the
// offsets Clang computed.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_EXTRACTOR_H
#define STRUCTLAYOUT_EXTRACTOR_H

#include "Facts.h"

#include <memory>

namespace clang {
class ASTContext;
namespace tooling {
class FrontendActionFactory;
}
} // namespace clang

namespace structlayout {

struct ExtractOptions {
  /// 0: the target's (defaultCacheLineBytes).
  unsigned CacheLineBytes = 0;
  /// The target's name in messages (a preset); empty: the triple.
  std::string TargetName;
  unsigned TargetRank = 0;
  /// Parse without function bodies: much faster, but constructor
  /// initialisers and uses inside bodies are not seen.
  bool SkipFunctionBodies = true;
  /// Fix mode: what verifying a rewrite compares (TUFacts::Evidence); needs
  /// function bodies.
  bool CollectEvidence = false;
  /// What planning a fix needs besides that: each initialisation's sites
  /// and texts (RecordFacts::InitSites, large in tables of initialisers).
  /// Off when no fix is wanted: no check reads them.
  bool FixFacts = true;
  /// Functions besides the standard ones whose callable arguments run on
  /// threads of their own (a pool's submit): `struct-layout.ThreadStarters`.
  std::vector<std::string> ThreadStarters;
};

/// Facts for every complete, non-dependent record defined outside system
/// headers in the TU, including the template specialisations it instantiates.
TUFacts extractFacts(clang::ASTContext &Ctx, const ExtractOptions &Options);

/// Actions that parse a TU and store its facts in \p Out.
std::unique_ptr<clang::tooling::FrontendActionFactory>
newExtractActionFactory(TUFacts &Out, const ExtractOptions &Options);

} // namespace structlayout

#endif
