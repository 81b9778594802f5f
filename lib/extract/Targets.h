//===- Targets.h - Which ABIs a run analyses -------------------*- C++ -*-===//
//
// DESIGN.md section 5. `--target=linux-x86_64,linux-i686` (presets or
// triples): each TU is parsed once per target, its compile command's own
// target flags replaced. Each target has a cache-line size.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_TARGETS_H
#define STRUCTLAYOUT_TARGETS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace structlayout {

struct TargetSpec {
  std::string Name;   ///< What messages call it: the preset, or the triple.
  std::string Triple; ///< What Clang is given.
  unsigned CacheLineBytes = 64;
};

/// The presets, in the order `--list-targets` shows them.
llvm::ArrayRef<TargetSpec> targetPresets();

/// The presets `portable` stands for.
llvm::ArrayRef<const char *> portableSet();

/// Parses `linux-x86_64,i686-linux-gnu,portable`: presets by name, other
/// entries as triples (which must name an architecture Clang knows).
/// Duplicates are dropped. \p CacheLineOverride, if not 0, replaces every
/// target's line size.
llvm::Expected<std::vector<TargetSpec>>
parseTargets(llvm::StringRef List, unsigned CacheLineOverride = 0);

/// The cache-line size of \p Triple: 128 bytes on Apple arm64 and POWER,
/// 64 elsewhere.
unsigned defaultCacheLineBytes(llvm::StringRef Triple);

/// \p Args (a compile command, argv[0] first) made to compile for
/// \p Triple: its own target flags (`--target`, `-target`, `-m32`/`-m64`,
/// `-arch`, `-march`/`-mcpu`/`-mtune`/`-mfpu`, ISA flags such as `-mavx2`)
/// removed, `--target=Triple` added. Flags that choose a layout rule on
/// any target (`-mms-bitfields`) stay.
std::vector<std::string> retargetCommand(llvm::ArrayRef<std::string> Args,
                                         llvm::StringRef Triple);

} // namespace structlayout

#endif
