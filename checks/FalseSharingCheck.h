//===- FalseSharingCheck.h - layout-false-sharing --------------*- C++ -*-===//

#ifndef STRUCTLAYOUT_FALSESHARINGCHECK_H
#define STRUCTLAYOUT_FALSESHARINGCHECK_H

#include "Heat.h"
#include "LayoutCheck.h"

namespace structlayout {

/// Contended fields (atomics, locks) that share a cache line, and
/// cache-line alignment hard-coded below a target's line size.
/// Docs: docs/checks/layout-false-sharing.md
class FalseSharingCheck : public LayoutCheck {
public:
  explicit FalseSharingCheck(CheckOptionsView &Options);
  void check(const RecordFacts &Record, const CheckContext &Context,
             std::vector<Finding> &Out) const override;
  void storeOptions(OptionMap &Out) const override;
  bool needsFunctionBodies() const override { return true; }

  /// True if a field of type names \p TypeNames is written by several
  /// threads by nature: atomics, locks, condition variables, semaphores,
  /// and \p Extra (';'-separated qualified names).
  static bool isContended(const std::vector<std::string> &TypeNames,
                          llvm::StringRef Extra);

private:
  /// Atomics written on a line that read-mostly fields share.
  void checkReadMostly(const RecordFacts &R, const CheckContext &Context,
                       std::vector<Finding> &Out) const;
  /// A record used as an array of one element per thread (a global, a
  /// heap array): its objects must fill whole lines.
  void checkThreadSlots(const RecordFacts &R, const CheckContext &Context,
                        std::vector<Finding> &Out) const;
  /// Per-thread slot arrays whose elements share lines.
  void checkSlots(const RecordFacts &R, const CheckContext &Context,
                  std::vector<Finding> &Out) const;
  uint64_t lineOf(const TargetLayout &L) const {
    return CacheLineBytes ? CacheLineBytes : L.CacheLineBytes;
  }

  std::string ContendedTypes;
  uint64_t CacheLineBytes;
  TestPaths Tests; ///< Records of test code are not the project's.
  std::string AlignMacro;
};

} // namespace structlayout

#endif
