//===- TestSupport.cpp - Facts from code snippets, per target -------------===//

#include "TestSupport.h"

#include "Extractor.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

namespace structlayout::test {

const std::vector<std::string> &allTriples() {
  static const std::vector<std::string> Triples = {
      // Every preset of --target.
      "x86_64-linux-gnu",       "i686-linux-gnu",
      "aarch64-linux-gnu",      "armv7-linux-gnueabihf",
      "x86_64-pc-windows-msvc", "i686-pc-windows-msvc",
      "arm64-apple-macos11",    "x86_64-apple-macos10.15",
      "wasm32-unknown-unknown", "powerpc64le-linux-gnu"};
  return Triples;
}

static std::unique_ptr<clang::ASTUnit>
parse(const std::string &Code, const std::string &Triple, bool C) {
  std::vector<std::string> Args = {"--target=" + Triple,
                                   "-resource-dir=" STRUCTLAYOUT_RESOURCE_DIR,
                                   C ? "-std=c11" : "-std=c++20", "-w"};
  return clang::tooling::buildASTFromCodeWithArgs(
      Code, Args, C ? "input.c" : "input.cc", "struct-layout-test");
}

bool compiles(const std::string &Code, const std::string &Triple, bool C,
              std::string *Error) {
  std::unique_ptr<clang::ASTUnit> AST = parse(Code, Triple, C);
  if (!AST)
    return false;
  bool Failed = AST->getDiagnostics().hasErrorOccurred();
  if (Failed && Error)
    for (auto It = AST->stored_diag_begin(); It != AST->stored_diag_end(); ++It)
      if (It->getLevel() >= clang::DiagnosticsEngine::Error) {
        *Error = It->getMessage().str();
        break;
      }
  return !Failed;
}

TUFacts factsFor(const std::string &Code, const std::string &Triple, bool C,
                 bool Bodies) {
  std::unique_ptr<clang::ASTUnit> AST = parse(Code, Triple, C);
  EXPECT_TRUE(AST && !AST->getDiagnostics().hasErrorOccurred())
      << "does not compile for " << Triple;
  if (!AST)
    return {};
  ExtractOptions Options;
  Options.SkipFunctionBodies = !Bodies;
  return extractFacts(AST->getASTContext(), Options);
}

RecordFacts record(const TUFacts &Facts, const std::string &Name) {
  for (const RecordFacts &R : Facts.Records)
    if (R.Name == Name)
      return R;
  ADD_FAILURE() << "no record " << Name;
  static RecordFacts None;
  return None;
}

} // namespace structlayout::test
