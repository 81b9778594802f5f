//===- LayoutTidyCheck.cpp - A struct-layout check inside clang-tidy ------===//

#include "LayoutTidyCheck.h"

#include "TUFactsCache.h"

#include "Config.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace structlayout {

/// Reads the options the check knows through clang-tidy's OptionsView (so
/// `--verify-config` knows them too), then builds the library check.
LayoutTidyCheck::LayoutTidyCheck(const CheckDescriptor &Descriptor,
                                 llvm::StringRef Name,
                                 tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), TidyContext(Context) {
  OptionMap Empty;
  std::vector<std::string> Errors;
  CheckOptionsView Probe(Descriptor.Name, Empty, Errors);
  Descriptor.Create(Probe);
  OptionMap Given;
  for (const std::string &Option : Probe.known())
    if (std::optional<StringRef> Value = Options.get(Option))
      Given[Name.str() + "." + Option] = Value->str();
  CheckOptionsView View(Descriptor.Name, Given, Errors);
  Impl = Descriptor.Create(View);
  // struct-layout's own settings, shared with the CLI's: global options.
  for (const char *Own : OwnSettings)
    if (std::optional<StringRef> Value =
            Options.getLocalOrGlobal(std::string(OwnOptionPrefix) + Own))
      OwnValues[Own] = Value->str();
  llvm::StringRef Line = OwnValues["CacheLineSize"];
  if (!Line.trim().empty() && (Line.trim().getAsInteger(10, CacheLineBytes) ||
                               !llvm::isPowerOf2_32(CacheLineBytes)))
    Errors.push_back("option 'struct-layout.CacheLineSize' must be a power "
                     "of two, in bytes, not '" +
                     Line.str() + "'");
  for (const std::string &E : Errors)
    configurationDiag("%0") << E;
}

void LayoutTidyCheck::registerMatchers(MatchFinder *Finder) {
  // Layouts are a property of the whole TU: one match, at its root.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void LayoutTidyCheck::onStartOfTranslationUnit() { resetTUAnalysis(); }

void LayoutTidyCheck::check(const MatchFinder::MatchResult &Result) {
  const TUAnalysis &A = tuAnalysis(*Result.Context, runSettings());
  for (const Finding &F : A.Findings)
    if (F.Check == Impl->name())
      report(F, *Result.SourceManager);
}

static SourceLocation toLocation(const std::string &File, unsigned Offset,
                                 SourceManager &SM) {
  if (File.empty())
    return {};
  auto Entry = SM.getFileManager().getOptionalFileRef(File);
  if (!Entry)
    return {};
  FileID ID = SM.translateFile(*Entry);
  if (ID.isInvalid())
    ID = SM.getOrCreateFileID(*Entry, SrcMgr::C_User);
  return SM.getLocForStartOfFile(ID).getLocWithOffset(Offset);
}

Settings LayoutTidyCheck::runSettings() const {
  Settings S;
  std::string Enabled = "-*";
  for (const CheckDescriptor &D : registeredChecks())
    if (TidyContext->isCheckEnabled(D.Name))
      Enabled += std::string(",") + D.Name;
  S.Checks.push_back({Enabled, "clang-tidy"});
  for (const auto &Option : TidyContext->getOptions().CheckOptions) {
    llvm::StringRef Key = Option.getKey();
    if (Key.starts_with("layout-") || Key.starts_with(OwnOptionPrefix))
      S.CheckOptions[Key.str()] = Option.getValue().Value;
  }
  for (const auto &[Name, Value] : OwnValues)
    if (!llvm::StringRef(Value).trim().empty())
      S.CheckOptions[OwnOptionPrefix + Name] = Value;
  if (CacheLineBytes)
    S.CacheLineSize = std::to_string(CacheLineBytes);
  auto Fix = OwnValues.find("FixChecks");
  if (Fix != OwnValues.end() && !llvm::StringRef(Fix->second).trim().empty())
    S.FixChecks = Fix->second;
  return S;
}

void LayoutTidyCheck::report(const Finding &F, SourceManager &SM) {
  {
    DiagnosticBuilder D = diag(toLocation(F.Loc.File, F.Loc.Offset, SM), "%0")
                          << F.Message;
    for (const tooling::Replacement &R : F.Fixes) {
      SourceLocation Begin =
          toLocation(R.getFilePath().str(), R.getOffset(), SM);
      if (Begin.isInvalid())
        continue;
      D << FixItHint::CreateReplacement(
          CharSourceRange::getCharRange(Begin,
                                        Begin.getLocWithOffset(R.getLength())),
          R.getReplacementText());
    }
  }
  for (const Note &N : F.Notes)
    diag(toLocation(N.Loc.File, N.Loc.Offset, SM), "%0", DiagnosticIDs::Note)
        << N.Message;
}

void LayoutTidyCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  OptionMap Values;
  Impl->storeOptions(Values);
  llvm::StringRef Prefix = Impl->name();
  for (const auto &[Key, Value] : Values)
    Options.store(Opts, llvm::StringRef(Key).drop_front(Prefix.size() + 1),
                  Value);
  // So that clang-tidy --verify-config knows them, and --dump-config shows
  // them (empty: unset).
  for (const char *Own : OwnSettings) {
    std::string Key = std::string(OwnOptionPrefix) + Own;
    auto It = OwnValues.find(Own);
    Opts[Key] = tidy::ClangTidyOptions::ClangTidyValue(
        It == OwnValues.end() ? "" : It->second);
  }
}

} // namespace structlayout
