//===- FactsPlugin.cpp - Facts as a side effect of the user's own build ---===//
//
// A Clang plugin (DESIGN.md section 7): loaded into the compiles of a
// CMake/Ninja/Make build with
//
//   -fplugin=libStructLayoutFacts.so -fplugin-arg-structlayout-out=DIR
//
// it extracts each TU's facts from the AST the compiler already built and
// writes them into DIR (lib/facts/FactsDirectory), so the build's own
// parallelism, caching and remote execution do the work; then
// `struct-layout -p BUILD --facts=DIR` runs the checks. Other arguments:
//   -fplugin-arg-structlayout-mode=declarations  facts without function
//       bodies (for --checks=-*,layout-padding runs); default: bodies
//   -fplugin-arg-structlayout-thread-starters=f,g  as the
//       struct-layout.ThreadStarters option
// Nothing it does fails the compile: a problem is one line on stderr.
//
//===----------------------------------------------------------------------===//

#include "Extractor.h"
#include "FactsDirectory.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#ifndef STRUCTLAYOUT_VERSION
#define STRUCTLAYOUT_VERSION "0"
#endif

using namespace clang;

namespace structlayout {
namespace {

class FactsConsumer : public ASTConsumer {
public:
  FactsConsumer(std::string Dir, ExtractOptions Options)
      : Dir(std::move(Dir)), Options(std::move(Options)) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    // A TU that does not compile has no facts to trust; the build says why.
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    TUResult R;
    R.Facts = extractFacts(Ctx, Options);
    R.File = R.Facts.MainFile;
    FactsMode Mode;
    Mode.FunctionBodies = !Options.SkipFunctionBodies;
    if (llvm::Error E =
            writeFactsDirectory(Dir, {R}, Mode, STRUCTLAYOUT_VERSION))
      llvm::errs() << "struct-layout facts plugin: "
                   << llvm::toString(std::move(E)) << "\n";
  }

private:
  std::string Dir;
  ExtractOptions Options;
};

class FactsAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    if (Dir.empty()) {
      llvm::errs() << "struct-layout facts plugin: no "
                      "-fplugin-arg-structlayout-out=DIR; no facts written\n";
      return std::make_unique<ASTConsumer>();
    }
    return std::make_unique<FactsConsumer>(Dir, Options);
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    Options.SkipFunctionBodies = false;
    Options.FixFacts = false; // Its facts never serve --fix (no evidence).
    for (llvm::StringRef Arg : Args) {
      auto [Name, Value] = Arg.split('=');
      if (Name == "out")
        Dir = Value.str();
      else if (Name == "mode" && (Value == "declarations" || Value == "bodies"))
        Options.SkipFunctionBodies = Value == "declarations";
      else if (Name == "thread-starters")
        for (llvm::StringRef F : llvm::split(Value, ','))
          Options.ThreadStarters.push_back(F.trim().str());
      else
        llvm::errs() << "struct-layout facts plugin: unknown argument '" << Arg
                     << "' (out=DIR, mode=declarations|bodies, "
                        "thread-starters=F,...)\n";
    }
    return true;
  }

  // After the compiler's own action, on the same AST.
  ActionType getActionType() override { return AddAfterMainAction; }

private:
  std::string Dir;
  ExtractOptions Options;
};

} // namespace
} // namespace structlayout

static FrontendPluginRegistry::Add<structlayout::FactsAction>
    Registration("structlayout", "write struct-layout's facts of each TU");
