//===- StructLayoutTidyModule.cpp - The layout-* checks for clang-tidy ----===//
//
// Registers every struct-layout check under its layout- name, when
// libStructLayoutTidy.so (PluginLoader.cpp) has found the host compatible
// and loads this library.
//
//===----------------------------------------------------------------------===//

#include "LayoutTidyCheck.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace structlayout {
namespace {

class StructLayoutModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &F) override {
    for (const CheckDescriptor &D : registeredChecks())
      F.registerCheckFactory(
          D.Name, [&D](llvm::StringRef Name, clang::tidy::ClangTidyContext *C) {
            return std::make_unique<LayoutTidyCheck>(D, Name, C);
          });
  }
};

clang::tidy::ClangTidyModuleRegistry::Add<StructLayoutModule>
    Registration("struct-layout",
                 "struct-layout: memory layout of C and C++ records");

} // namespace
} // namespace structlayout
