//===- CommandLine.h - A database's commands, made Clang's ------*- C++ -*-===//
//
// Most Linux databases are written by GCC builds: their commands carry
// options Clang does not know (-fconcepts-diagnostics-depth=2,
// -mindirect-branch=thunk...), each of which fails the TU. The Clang
// driver's own option table says what Clang knows; anything else is dropped
// and named once. Options the user names (--remove-arg, clangd's
// `CompileFlags: Remove`) are dropped with their values.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_COMMANDLINE_H
#define STRUCTLAYOUT_COMMANDLINE_H

#include "clang/Tooling/CompilationDatabase.h"

#include <string>
#include <vector>

namespace structlayout {

/// \p Args (a compile command, the compiler first) without the options the
/// Clang driver does not know, and without those \p Remove names: an
/// option's spelling (`-mabi=`, `-I`, `-fcolor-diagnostics`) or a glob over
/// spellings (`-W*`), each dropped with its values, or an option with its
/// value as written (`-mfunction-return=thunk`). What was dropped as
/// unknown goes to \p Unknown.
std::vector<std::string> clangCommand(const std::vector<std::string> &Args,
                                      const std::vector<std::string> &Remove,
                                      std::vector<std::string> &Unknown);

/// Why \p Command can't be run as it is (its `directory` is gone), naming
/// the entry; empty if it can.
std::string commandProblem(const clang::tooling::CompileCommand &Command);

/// What kind of source \p Path is when it is one no record can come from
/// or Clang can't compile with its database command: "assembly" (.s, .S,
/// .sx, .asm), "CUDA" (.cu: nvcc's commands, and Clang would need the CUDA
/// SDK), "Fortran"; empty for C, C++ and Objective-C, which Clang parses.
llvm::StringRef skippedSourceKind(llvm::StringRef Path);

} // namespace structlayout

#endif
