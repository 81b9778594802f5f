//===- CheckSet.h - The enabled checks, configured -------------*- C++ -*-===//

#ifndef STRUCTLAYOUT_CHECKSET_H
#define STRUCTLAYOUT_CHECKSET_H

#include "Config.h"
#include "LayoutCheck.h"

#include "llvm/Support/Error.h"

namespace structlayout {

/// The checks a Checks glob enables, with their options read; used by the
/// CLI and the clang-tidy plugin alike.
/// The layout-* names in \p Parts that match no check, each as a message
/// naming where it was written (\p What: "Checks", "WarningsAsErrors").
std::vector<std::string> unknownChecks(const std::vector<SourcedGlobs> &Parts,
                                       llvm::StringRef What);

class CheckSet {
public:
  /// Fails on a glob that names no check, or an option with a bad value or
  /// a name its check does not have.
  static llvm::Expected<CheckSet> create(const Settings &S);
  /// The same, with every problem in \p Errors (--verify-config).
  static CheckSet build(const Settings &S, std::vector<std::string> &Errors);

  bool empty() const { return Checks.empty(); }
  bool needsFunctionBodies() const;
  std::vector<std::string> names() const;
  void run(const RecordFacts &Record, const CheckContext &Context,
           std::vector<Finding> &Out) const;
  /// Every option of every enabled check, with its value or default.
  OptionMap options() const;

private:
  std::vector<std::unique_ptr<LayoutCheck>> Checks;
};

} // namespace structlayout

#endif
