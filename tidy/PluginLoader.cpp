//===- PluginLoader.cpp - libStructLayoutTidy.so, the plugin users load ---===//
//
// `clang-tidy -load=libStructLayoutTidy.so` loads this small library first.
// It links no LLVM: it checks that the clang-tidy loading it runs the very
// LLVM library the checks were built against, and only then loads them
// (libStructLayoutTidyImpl.so, next to it). Loading checks built for one
// LLVM into another clang-tidy (Debian 12's plain `clang-tidy` is 14) puts
// two LLVMs in one process, and that crashes; this says why instead.
//
//===----------------------------------------------------------------------===//

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <string>

#ifndef STRUCTLAYOUT_BUILT_FOR_LLVM_MAJOR
#error "define STRUCTLAYOUT_BUILT_FOR_LLVM_MAJOR"
#endif
#ifndef STRUCTLAYOUT_LLVM_LIBRARY
#error "define STRUCTLAYOUT_LLVM_LIBRARY"
#endif

namespace {

std::string resolved(const char *Path) {
  char Buffer[PATH_MAX];
  return realpath(Path, Buffer) ? Buffer : Path;
}

/// The file that defines \p Address, or "".
std::string fileOf(const void *Address) {
  Dl_info Info;
  if (!Address || !dladdr(Address, &Info) || !Info.dli_fname)
    return "";
  return resolved(Info.dli_fname);
}

/// Why the host can't run the checks, or "". The host's LLVM is the one
/// whose LLVM-C functions the global scope finds first.
std::string incompatibility() {
  std::string Built = std::to_string(STRUCTLAYOUT_BUILT_FOR_LLVM_MAJOR);
  using GetVersion = void (*)(unsigned *, unsigned *, unsigned *);
  auto *Version =
      reinterpret_cast<GetVersion>(dlsym(RTLD_DEFAULT, "LLVMGetVersion"));
  std::string HostLibrary = fileOf(dlsym(RTLD_DEFAULT, "LLVMContextCreate"));
  if (HostLibrary.empty())
    return "it was built for clang-tidy-" + Built +
           ", and the program loading it does not use a shared LLVM library";
  if (!Version) // LLVM before 16
    return "it was built for clang-tidy-" + Built +
           " but this clang-tidy uses " + HostLibrary;
  unsigned Major = 0, Minor = 0, Patch = 0;
  Version(&Major, &Minor, &Patch);
  if (Major != STRUCTLAYOUT_BUILT_FOR_LLVM_MAJOR)
    return "it was built for clang-tidy-" + Built +
           " but this clang-tidy is LLVM " + std::to_string(Major) + "." +
           std::to_string(Minor) + "." + std::to_string(Patch);
  std::string Ours = resolved(STRUCTLAYOUT_LLVM_LIBRARY);
  if (HostLibrary != Ours)
    return "it was built against " + Ours + " but this clang-tidy uses " +
           HostLibrary;
  return "";
}

void fail(const std::string &Why, const std::string &Remedy) {
  std::fprintf(stderr,
               "error: libStructLayoutTidy: %s; the layout-* checks are not "
               "loaded (%s)\n",
               Why.c_str(), Remedy.c_str());
}

void loadChecks() {
  std::string Why = incompatibility();
  if (!Why.empty())
    return fail(Why, "use clang-tidy-" +
                         std::to_string(STRUCTLAYOUT_BUILT_FOR_LLVM_MAJOR) +
                         ", or rebuild struct-layout against this "
                         "clang-tidy's LLVM");
  std::string Self = fileOf(reinterpret_cast<const void *>(&loadChecks));
  std::string Impl =
      Self.substr(0, Self.rfind('/') + 1) + "libStructLayoutTidyImpl.so";
  // RTLD_NOW: a symbol this clang-tidy lacks fails here, with a message,
  // not as a crash in the middle of a run.
  if (!dlopen(Impl.c_str(), RTLD_NOW | RTLD_GLOBAL))
    fail(std::string("cannot load its checks: ") + dlerror(),
         "libStructLayoutTidyImpl.so must be installed next to it");
}

struct LoadAtStartup {
  LoadAtStartup() { loadChecks(); }
} Loader;

} // namespace
