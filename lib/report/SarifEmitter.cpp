//===- SarifEmitter.cpp - Findings for code scanning ----------------------===//
//
// SARIF 2.1.0 within GitHub's ingestion limits: 25,000 results a run (more
// are left out with a notification saying so) and 100 related locations a
// result. Tested with Microsoft's SARIF validator, GitHub's rules included.
//
//===----------------------------------------------------------------------===//

#include "CheckDocs.h"
#include "Emitters.h"
#include "Fingerprint.h"
#include "SourceCache.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"

#include <map>

namespace structlayout {

namespace {

constexpr size_t MaxResults = 25000;
constexpr size_t MaxRelatedLocations = 100;
constexpr const char *RootId = "SRCROOT";

/// \p Path with the characters a URI can't hold percent-encoded.
std::string uriPath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/!$&'()*+,;=:@").contains(C))
      Out += C;
    else
      Out += "%" + llvm::utohexstr(C, /*LowerCase=*/false, 2);
  }
  return Out;
}

std::string fileUri(llvm::StringRef AbsolutePath) {
  return "file://" + uriPath(AbsolutePath);
}

std::string directoryUri(llvm::StringRef Dir) {
  std::string Uri = fileUri(Dir);
  if (!llvm::StringRef(Uri).ends_with("/"))
    Uri += "/";
  return Uri;
}

/// A file under the root as a path relative to SRCROOT, else absolute.
llvm::json::Object artifact(llvm::StringRef File, const SarifRun &Run) {
  std::string Relative = relativeToRoot(File, Run.Root);
  if (Relative != File)
    return llvm::json::Object{{"uri", uriPath(Relative)},
                              {"uriBaseId", RootId}};
  return llvm::json::Object{{"uri", fileUri(File)}};
}

/// A message. json::Value keeps a StringRef as a reference: the text is
/// copied in.
llvm::json::Object text(std::string Text) {
  return llvm::json::Object{{"text", std::move(Text)}};
}

/// Where \p Loc is, with its line as the snippet: the alert reads right
/// even where the code is not checked out.
llvm::json::Object physical(const SourceLoc &Loc, const SarifRun &Run,
                            SourceCache &Sources) {
  unsigned Line = std::max(1u, Loc.Line);
  llvm::json::Object Region{{"startLine", Line}};
  if (Loc.Column)
    Region["startColumn"] = Loc.Column;
  llvm::StringRef Snippet = Sources.line(Loc.File, Line);
  if (!Snippet.empty())
    Region["snippet"] = text(Snippet.str());
  return llvm::json::Object{{"artifactLocation", artifact(Loc.File, Run)},
                            {"region", std::move(Region)}};
}

/// `layout-padding` as SARIF's friendly names are written: LayoutPadding.
std::string pascalCase(llvm::StringRef Check) {
  std::string Out;
  bool Upper = true;
  for (char C : Check) {
    if (!llvm::isAlnum(C)) {
      Upper = true;
      continue;
    }
    Out += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Out;
}

llvm::json::Object rule(llvm::StringRef Check, const SarifRun &Run) {
  std::optional<CheckDoc> Doc = checkDoc(Check);
  std::string Summary = Doc ? Doc->Summary : ("struct-layout's " + Check).str();
  std::string Description = Doc ? Doc->Description : Summary;
  llvm::json::Object Rule{
      {"id", Check.str()},
      {"name", pascalCase(Check)},
      {"shortDescription", text(Summary)},
      {"fullDescription", text(Description)},
      {"defaultConfiguration", llvm::json::Object{{"level", "warning"}}},
      {"properties",
       llvm::json::Object{
           {"tags", llvm::json::Array{"performance", "memory-layout"}},
           {"precision", "high"},
           {"problem.severity", "warning"}}}};
  llvm::json::Object Help{{"text", Description}};
  if (Doc)
    Help["markdown"] = Doc->Markdown.str();
  Rule["help"] = std::move(Help);
  if (!Run.DocsUrl.empty())
    Rule["helpUri"] = Run.DocsUrl + Check.str() + ".md";
  return Rule;
}

/// The verified fix's edits, file by file, as byte regions.
llvm::json::Array fixes(const Finding &F, const SarifRun &Run) {
  if (F.Fixes.empty())
    return {};
  std::map<std::string, llvm::json::Array> ByFile;
  for (const clang::tooling::Replacement &R : F.Fixes)
    ByFile[R.getFilePath().str()].push_back(llvm::json::Object{
        {"deletedRegion", llvm::json::Object{{"byteOffset", R.getOffset()},
                                             {"byteLength", R.getLength()}}},
        {"insertedContent", text(R.getReplacementText().str())}});
  llvm::json::Array Changes;
  for (auto &[File, Replacements] : ByFile)
    Changes.push_back(
        llvm::json::Object{{"artifactLocation", artifact(File, Run)},
                           {"replacements", std::move(Replacements)}});
  return llvm::json::Array{llvm::json::Object{
      {"description",
       text("Reorder the fields as verified by Clang (struct-layout --fix)")},
      {"artifactChanges", std::move(Changes)}}};
}

llvm::json::Object result(const Finding &F, size_t RuleIndex,
                          const SarifRun &Run, SourceCache &Sources) {
  llvm::json::Array Related;
  for (const Note &N : F.Notes) {
    if (N.Loc.File.empty() || Related.size() == MaxRelatedLocations)
      continue;
    llvm::json::Object Location{
        {"id", Related.size() + 1},
        {"physicalLocation", physical(N.Loc, Run, Sources)},
        {"message", text(N.Message)}};
    Related.push_back(std::move(Location));
  }
  llvm::json::Object Result{
      {"ruleId", F.Check},
      {"ruleIndex", RuleIndex},
      {"level", F.Level == Severity::Error ? "error" : "warning"},
      {"message", text(F.Message)},
      {"locations", llvm::json::Array{llvm::json::Object{
                        {"physicalLocation", physical(F.Loc, Run, Sources)}}}},
      {"partialFingerprints",
       llvm::json::Object{{FingerprintKey, F.Fingerprint}}},
      {"properties", llvm::json::Object{{"record", F.RecordName}}}};
  if (!Related.empty())
    Result["relatedLocations"] = std::move(Related);
  llvm::json::Array Fixes = fixes(F, Run);
  if (!Fixes.empty())
    Result["fixes"] = std::move(Fixes);
  return Result;
}

std::string quoted(llvm::StringRef Arg) {
  if (!Arg.empty() && Arg.find_first_of(" \t\"'\\$`") == llvm::StringRef::npos)
    return Arg.str();
  std::string Out = "'";
  for (char C : Arg)
    Out += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Out + "'";
}

} // namespace

void emitSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const std::vector<TUFailure> &Failures, const SarifRun &Run,
               SourceCache &Sources) {
  std::vector<std::string> Checks = Run.Checks;
  for (const Finding &F : Findings)
    if (!llvm::is_contained(Checks, F.Check))
      Checks.push_back(F.Check);
  llvm::json::Array Rules;
  std::map<std::string, size_t> RuleIndex;
  for (const std::string &C : Checks) {
    RuleIndex[C] = Rules.size();
    Rules.push_back(rule(C, Run));
  }

  llvm::json::Array Results;
  for (const Finding &F : Findings) {
    if (Results.size() == MaxResults)
      break;
    Results.push_back(result(F, RuleIndex[F.Check], Run, Sources));
  }

  llvm::json::Array Notifications;
  for (const TUFailure &F : Failures)
    Notifications.push_back(llvm::json::Object{
        {"level", "error"},
        {"message", text(F.Message)},
        {"locations", llvm::json::Array{llvm::json::Object{
                          {"physicalLocation",
                           llvm::json::Object{{"artifactLocation",
                                               artifact(F.File, Run)}}}}}}});
  if (Findings.size() > MaxResults)
    Notifications.push_back(llvm::json::Object{
        {"level", "warning"},
        {"message", text("only the first " + std::to_string(MaxResults) +
                         " of " + std::to_string(Findings.size()) +
                         " results are written: GitHub code scanning takes "
                         "no more a run")}});

  std::string CommandLine;
  llvm::json::Array Arguments;
  for (const std::string &A : Run.Arguments) {
    CommandLine += (CommandLine.empty() ? "" : " ") + quoted(A);
    Arguments.push_back(A);
  }
  llvm::json::Object Invocation{{"executionSuccessful", Run.Succeeded},
                                {"commandLine", CommandLine},
                                {"arguments", std::move(Arguments)}};
  if (!Run.WorkingDirectory.empty())
    Invocation["workingDirectory"] =
        llvm::json::Object{{"uri", directoryUri(Run.WorkingDirectory)}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);

  llvm::json::Object Driver{{"name", "struct-layout"},
                            {"fullName", "struct-layout " + Run.ToolVersion},
                            {"version", Run.ToolVersion},
                            {"semanticVersion", Run.ToolVersion},
                            {"rules", std::move(Rules)}};
  if (!Run.DocsUrl.empty())
    Driver["informationUri"] = Run.DocsUrl;
  llvm::json::Object RunObject{
      {"tool", llvm::json::Object{{"driver", std::move(Driver)}}},
      {"invocations", llvm::json::Array{std::move(Invocation)}},
      {"results", std::move(Results)},
      {"columnKind", "unicodeCodePoints"}};
  if (!Run.Root.empty())
    RunObject["originalUriBaseIds"] = llvm::json::Object{
        {RootId, llvm::json::Object{{"uri", directoryUri(Run.Root)}}}};
  llvm::json::Object Log{
      {"$schema",
       "https://schemastore.azurewebsites.net/schemas/json/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", llvm::json::Array{std::move(RunObject)}}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Log))) << "\n";
}

} // namespace structlayout
