//===- LayoutTidyCheck.h - A struct-layout check inside clang-tidy -*- C++
//-*-===//
//
// A thin adapter: the same LayoutCheck the CLI runs, over the facts of the
// TU clang-tidy parsed, its findings reported through diag() with their
// notes and fix-its. No check logic lives here.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_TIDY_LAYOUTTIDYCHECK_H
#define STRUCTLAYOUT_TIDY_LAYOUTTIDYCHECK_H

#include "Config.h"
#include "LayoutCheck.h"

#include "clang-tidy/ClangTidyCheck.h"

#include <map>
#include <string>

namespace structlayout {

class LayoutTidyCheck : public clang::tidy::ClangTidyCheck {
public:
  LayoutTidyCheck(const CheckDescriptor &Descriptor, llvm::StringRef Name,
                  clang::tidy::ClangTidyContext *Context);

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onStartOfTranslationUnit() override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  void report(const Finding &F, clang::SourceManager &SM);
  /// The enabled layout checks and their options, from clang-tidy's
  /// configuration of the current file.
  Settings runSettings() const;

  std::unique_ptr<LayoutCheck> Impl;
  std::map<std::string, std::string> OwnValues;
  unsigned CacheLineBytes = 0;
  clang::tidy::ClangTidyContext *TidyContext;
};

} // namespace structlayout

#endif
