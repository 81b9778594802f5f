//===- PaddingCheck.cpp - layout-padding ----------------------------------===//
//
// What: a record that is bigger than it needs to be because of the order of
// its fields. When: the optimiser's best order is smaller by at least
// MinBytesSaved bytes and MinPercentSaved percent, on some target. Says: the
// size now and after, the saving, the target; a note at each hole and the
// suggested order.
//
//===----------------------------------------------------------------------===//

#include "PaddingCheck.h"

#include "Holes.h"
#include "Reorder.h"

#include "llvm/Support/FormatVariadic.h"

namespace structlayout {

PaddingCheck::PaddingCheck(CheckOptionsView &Options)
    : LayoutCheck("layout-padding"),
      MinBytesSaved(Options.get("MinBytesSaved", 1)),
      MinPercentSaved(Options.get("MinPercentSaved", 0)) {}

void PaddingCheck::storeOptions(OptionMap &Out) const {
  Out[Name + ".MinBytesSaved"] = std::to_string(MinBytesSaved);
  Out[Name + ".MinPercentSaved"] = std::to_string(MinPercentSaved);
}

static std::string amount(uint64_t Bits) {
  if (Bits % 8 == 0)
    return llvm::formatv("{0}-byte", Bits / 8).str();
  return llvm::formatv("{0}-bit", Bits).str();
}

/// A note at each hole and at the tail padding; \p Prefix names the target
/// when there are several.
static void addHoleNotes(const RecordFacts &R, const TargetLayout &L,
                         const std::string &Prefix, Finding &F) {
  HoleSummary Holes = findHoles(R, L);
  llvm::json::Array HoleItems;
  for (const Hole &H : Holes.Holes) {
    std::string Where =
        H.AfterField >= 0    ? "after " + fieldLabel(R.Fields[H.AfterField])
        : H.BeforeField >= 0 ? "before " + fieldLabel(R.Fields[H.BeforeField])
                             : "after the bases";
    SourceLoc Loc = H.AfterField >= 0 ? R.Fields[H.AfterField].Loc : R.Loc;
    F.Notes.push_back(
        {Loc,
         Prefix + llvm::formatv("{0} hole {1} (offset {2})", amount(H.SizeBits),
                                Where,
                                H.OffsetBits % 8
                                    ? llvm::formatv("{0}:{1}", H.OffsetBits / 8,
                                                    H.OffsetBits % 8)
                                          .str()
                                    : std::to_string(H.OffsetBits / 8))
                      .str()});
    HoleItems.push_back(llvm::json::Object{{"offset_bits", H.OffsetBits},
                                           {"size_bits", H.SizeBits}});
  }
  if (Holes.TailPaddingBits) {
    SourceLoc Loc = R.Fields.empty() ? R.Loc : R.Fields.back().Loc;
    F.Notes.push_back(
        {Loc,
         Prefix + llvm::formatv("{0} of tail padding",
                                Holes.TailPaddingBits % 8
                                    ? amount(Holes.TailPaddingBits)
                                    : llvm::formatv("{0} bytes",
                                                    Holes.TailPaddingBits / 8)
                                          .str())
                      .str()});
  }
  if (!F.Details.get("holes")) { // The first target's, for tools.
    F.Details["holes"] = std::move(HoleItems);
    F.Details["tail_padding_bits"] = Holes.TailPaddingBits;
  }
}

/// A record whose layout the model can't reproduce gets no order; say so
/// when it pads more than any order must (its data, rounded up to its
/// alignment), instead of staying silent.
void PaddingCheck::reportUnmodelled(const RecordFacts &R,
                                    const std::string &Why,
                                    std::vector<Finding> &Out) const {
  if (R.Layouts.empty() || R.Fields.empty() || R.Kind == RecordKind::Union)
    return;
  const TargetLayout &L = R.Layouts.front();
  uint64_t DataBits = std::max(L.FieldsBegin, L.BasesEnd) * 8;
  for (const BaseLayout &B : L.Bases)
    DataBits += B.IsVirtual ? B.Size * 8 : 0;
  for (size_t I = 0; I < R.Fields.size(); ++I)
    DataBits += R.Fields[I].IsBitField ? R.Fields[I].BitWidth
                                       : L.Fields[I].SizeBytes * 8;
  uint64_t Bound = llvm::alignTo((DataBits + 7) / 8, L.Align);
  if (L.Size < Bound + std::max<uint64_t>(MinBytesSaved, 1))
    return;
  Finding F = finding(R, R.Loc);
  F.Subject = "unmodelled";
  F.Message =
      llvm::formatv("{0} '{1}' is {2} bytes on {3}, and its fields "
                    "need {4}; no order is proposed because "
                    "struct-layout can't predict its layout in another "
                    "order ({5})",
                    toString(R.Kind), R.Name, L.Size, L.Target, Bound, Why)
          .str();
  addHoleNotes(R, L, "", F);
  F.Details["size"] = L.Size;
  F.Details["lower_bound"] = Bound;
  F.Details["not_modelled"] = Why;
  Out.push_back(std::move(F));
}

void PaddingCheck::check(const RecordFacts &R, const CheckContext &Context,
                         std::vector<Finding> &Out) const {
  // One order for every target the record could be modelled on.
  RecordModels Modelled = RecordModels::create(R);
  if (Modelled.empty()) {
    reportUnmodelled(R, Modelled.WhyNot, Out);
    return;
  }
  const std::vector<LayoutModel> &Models = Modelled.Models;
  const std::vector<const TargetLayout *> &Layouts = Modelled.Layouts;
  OptimisedOrder Best = Modelled.optimise(R);
  if (!Best.Changed)
    return;

  // The target that gains most decides whether it is worth reporting.
  unsigned Top = 0;
  for (unsigned T = 0; T < Layouts.size(); ++T)
    if (Layouts[T]->Size - Best.Sizes[T] > Layouts[Top]->Size - Best.Sizes[Top])
      Top = T;
  const TargetLayout &L = *Layouts[Top];
  uint64_t Saved = L.Size - Best.Sizes[Top];
  uint64_t Percent = Saved * 100 / L.Size;
  if (Saved < MinBytesSaved || Percent < MinPercentSaved)
    return;

  Finding F = finding(R, R.Loc);
  F.Subject = "reorder";
  llvm::json::Array PerTarget;
  if (Layouts.size() == 1) {
    F.Message = llvm::formatv("{0} '{1}' is {2} bytes; reordering its fields "
                              "makes it {3} (saves {4} bytes, {5}%) on {6}",
                              toString(R.Kind), R.Name, L.Size, Best.SizeBytes,
                              Saved, Percent, L.Target)
                    .str();
    addHoleNotes(R, L, "", F);
  } else {
    std::string Changes, Unchanged;
    for (unsigned T = 0; T < Layouts.size(); ++T) {
      const TargetLayout &On = *Layouts[T];
      PerTarget.push_back(llvm::json::Object{{"target", On.Target},
                                             {"triple", On.Triple},
                                             {"size", On.Size},
                                             {"best_size", Best.Sizes[T]}});
      if (Best.Sizes[T] == On.Size) {
        Unchanged += (Unchanged.empty() ? "" : ", ") + On.Target;
        continue;
      }
      Changes += llvm::formatv("{0}{1} -> {2} bytes on {3}",
                               Changes.empty() ? "" : ", ", On.Size,
                               Best.Sizes[T], On.Target)
                     .str();
      addHoleNotes(R, On, "on " + On.Target + ": ", F);
      // Minimal on this target too, or a compromise?
      OptimisedOrder Alone = optimiseOrder(R, On, Models[T]);
      if (Alone.SizeBytes < Best.Sizes[T])
        F.Notes.push_back(
            {R.Loc, llvm::formatv("on {0} another order would make it {1} "
                                  "bytes; this order is the smallest over "
                                  "all the targets",
                                  On.Target, Alone.SizeBytes)
                        .str()});
    }
    F.Message = llvm::formatv("{0} '{1}' shrinks when its fields are "
                              "reordered: {2} (saves up to {3} bytes, {4}%)",
                              toString(R.Kind), R.Name, Changes, Saved, Percent)
                    .str();
    if (!Unchanged.empty())
      F.Notes.push_back({R.Loc, "the same size as now on " + Unchanged});
  }

  llvm::json::Array OrderItems;
  std::string Order = orderText(R, Best.FieldOrder, OrderItems);
  F.Notes.push_back(
      {R.Loc, llvm::formatv("suggested order{0}: {1}",
                            Best.ProvenMinimal ? "" : " (best found)", Order)
                  .str()});
  F.Details["target"] = L.Target;
  F.Details["size"] = L.Size;
  F.Details["best_size"] = Best.Sizes[Top];
  F.Details["bytes_saved"] = Saved;
  F.Details["percent_saved"] = Percent;
  F.Details["proven_minimal"] = Best.ProvenMinimal;
  F.Details["suggested_order"] = std::move(OrderItems);
  F.Order = Best.FieldOrder;
  if (!PerTarget.empty())
    F.Details["targets"] = std::move(PerTarget);
  if (Context.WantFixes)
    addReorderFix(R, Best.FieldOrder, Context, F);
  Out.push_back(std::move(F));
}

} // namespace structlayout
