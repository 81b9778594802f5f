//===- NameWords.cpp - What identifiers say by their words ----------------===//

#include "NameWords.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <string>

namespace structlayout {

bool hasWord(llvm::StringRef Name, llvm::ArrayRef<llvm::StringRef> Words) {
  std::string Word;
  auto Check = [&] {
    bool Hit = llvm::is_contained(Words, llvm::StringRef(Word));
    Word.clear();
    return Hit;
  };
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    bool Upper = C >= 'A' && C <= 'Z';
    bool Separator = C == '_' || C == ':';
    if (Separator || (Upper && !Word.empty())) {
      if (Check())
        return true;
      if (Separator)
        continue;
    }
    Word += llvm::toLower(C);
  }
  return Check();
}

bool namesAThread(llvm::StringRef Name) {
  static const llvm::StringRef Words[] = {
      "tid",    "thread", "threads", "thr",    "cpu", "cpus",
      "getcpu", "core",   "cores",   "worker", "wid", "gettid"};
  return hasWord(Name, Words);
}

static const llvm::StringRef LifecycleWords[] = {
    "init",  "initialize", "initialise", "setup",    "create", "new",
    "alloc", "ctor",       "construct",  "destroy",  "free",   "cleanup",
    "fini",  "deinit",     "teardown",   "shutdown", "dtor"};

bool namesLifecycle(llvm::StringRef Name) {
  return hasWord(Name, LifecycleWords);
}

bool namesColdCode(llvm::StringRef Name) {
  static const llvm::StringRef Words[] = {
      "error", "err",   "fatal", "panic",  "abort",  "die",
      "debug", "dbg",   "dump",  "print",  "printf", "log",
      "trace", "usage", "help",  "report", "assert"};
  return hasWord(Name, Words) || namesLifecycle(Name);
}

} // namespace structlayout
