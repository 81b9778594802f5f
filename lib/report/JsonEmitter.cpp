//===- JsonEmitter.cpp - Findings for tools -------------------------------===//

#include "Emitters.h"

namespace structlayout {

static llvm::json::Object location(const SourceLoc &L) {
  return llvm::json::Object{
      {"file", L.File}, {"line", L.Line}, {"column", L.Column}};
}

/// The fix: how many edits, and each record it changes as verification
/// held it to Clang's layout, per target.
static llvm::json::Object fixObject(const Finding &F) {
  llvm::json::Array Layouts;
  for (const PredictedLayout &P : F.Predicted) {
    llvm::json::Array Fields, Offsets;
    for (size_t I = 0; I < P.Fields.size(); ++I) {
      Fields.push_back(P.Fields[I]);
      if (I < P.OffsetsBits.size())
        Offsets.push_back(P.OffsetsBits[I]);
    }
    Layouts.push_back(llvm::json::Object{{"record", P.RecordName},
                                         {"file", P.File},
                                         {"target", P.Target},
                                         {"triple", P.Triple},
                                         {"size_before", P.OldSize},
                                         {"size", P.Size},
                                         {"align", P.Align},
                                         {"fields", std::move(Fields)},
                                         {"offsets_bits", std::move(Offsets)}});
  }
  return llvm::json::Object{{"edits", F.Fixes.size()},
                            {"layouts", std::move(Layouts)}};
}

void emitJson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
              const std::vector<LayoutConflict> &Conflicts,
              const std::vector<TUFailure> &Failures,
              const RunSummary &Summary) {
  llvm::json::Array Items;
  for (const Finding &F : Findings) {
    llvm::json::Array Notes;
    for (const Note &N : F.Notes) {
      llvm::json::Object O = location(N.Loc);
      O["message"] = N.Message;
      Notes.push_back(std::move(O));
    }
    llvm::json::Object O = location(F.Loc);
    O["check"] = F.Check;
    O["fingerprint"] = F.Fingerprint;
    O["severity"] = F.Level == Severity::Error ? "error" : "warning";
    O["message"] = F.Message;
    O["record"] = F.RecordName;
    if (!F.RecordSpelling.empty())
      O["spelling"] = F.RecordSpelling;
    if (!F.Fixes.empty())
      O["fix"] = fixObject(F);
    else if (!F.NoFixReason.empty())
      O["no_fix_reason"] = F.NoFixReason;
    O["notes"] = std::move(Notes);
    O["details"] = llvm::json::Object(F.Details);
    Items.push_back(std::move(O));
  }
  llvm::json::Array ConflictItems;
  for (const LayoutConflict &C : Conflicts) {
    llvm::json::Object O = location(C.Loc);
    O["record"] = C.RecordName;
    O["target"] = C.Triple;
    O["first"] = llvm::json::Object{{"tu", C.FirstTU}, {"size", C.FirstSize}};
    O["second"] =
        llvm::json::Object{{"tu", C.SecondTU}, {"size", C.SecondSize}};
    ConflictItems.push_back(std::move(O));
  }
  llvm::json::Array FailureItems;
  for (const TUFailure &F : Failures)
    FailureItems.push_back(
        llvm::json::Object{{"file", F.File}, {"message", F.Message}});
  llvm::json::Object Root{
      {"version", 1},
      {"findings", std::move(Items)},
      {"layout_conflicts", std::move(ConflictItems)},
      {"failed_tus", std::move(FailureItems)},
      {"summary",
       llvm::json::Object{{"tus", Summary.TUs},
                          {"failed_tus", Summary.FailedTUs},
                          {"records_analysed", Summary.RecordsAnalysed},
                          {"records_flagged", Summary.RecordsFlagged},
                          {"records_not_modelled", Summary.RecordsNotModelled},
                          {"bytes_saved", Summary.BytesSaved},
                          {"suppressed", Summary.Suppressed},
                          {"baselined", Summary.Baselined}}}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Root))) << "\n";
}

} // namespace structlayout
