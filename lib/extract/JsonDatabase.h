//===- JsonDatabase.h - compile_commands.json, entry by entry ---*- C++ -*-===//
//
// LLVM's reader refuses a whole database for one key it does not know and
// says nothing of which entry is wrong. This one reads each entry on its
// own: a bad entry (no file, no command, a relative or vanished directory)
// is named in one problem and left out, the others are analysed; keys it
// does not use (`output`, a generator's own) are ignored.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_JSONDATABASE_H
#define STRUCTLAYOUT_JSONDATABASE_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace structlayout {

/// Reads \p Path; fails only when it is not a JSON array. Entries that can't
/// be used go to \p Problems, one line each, naming the entry.
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadJsonDatabase(const std::string &Path, std::vector<std::string> &Problems);

} // namespace structlayout

#endif
