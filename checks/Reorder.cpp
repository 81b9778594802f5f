//===- Reorder.cpp - What the reordering checks share ---------------------===//

#include "Reorder.h"

#include "llvm/Support/FormatVariadic.h"

namespace structlayout {

RecordModels RecordModels::create(const RecordFacts &R) {
  RecordModels Out;
  for (const TargetLayout &L : R.Layouts) {
    auto Model = LayoutModel::create(R, L);
    if (!Model) {
      std::string Why = llvm::toString(Model.takeError());
      if (Out.WhyNot.empty())
        Out.WhyNot = Why;
      continue;
    }
    Out.Models.push_back(std::move(*Model));
    Out.Layouts.push_back(&L);
  }
  return Out;
}

std::vector<const LayoutModel *> RecordModels::pointers() const {
  std::vector<const LayoutModel *> Out;
  for (const LayoutModel &M : Models)
    Out.push_back(&M);
  return Out;
}

OptimisedOrder RecordModels::optimise(const RecordFacts &R,
                                      const OptimiserOptions &Options) const {
  return optimiseOrder(R, Layouts, pointers(), Options);
}

PredictedLayout predictedLayout(const RecordFacts &R, const TargetLayout &L,
                                uint64_t Size, uint64_t Align,
                                llvm::ArrayRef<unsigned> Order,
                                std::vector<uint64_t> OffsetsBits) {
  PredictedLayout P;
  P.USR = R.USR;
  P.File = R.Loc.File;
  P.RecordName = R.Name;
  P.Triple = L.Triple;
  P.Target = L.Target;
  P.OldSize = L.Size;
  P.Size = Size;
  P.Align = Align;
  for (unsigned I : Order)
    P.Fields.push_back(R.Fields[I].Name);
  P.OffsetsBits = std::move(OffsetsBits);
  return P;
}

/// How a field is called in a message.
std::string fieldLabel(const FieldFacts &F) {
  if (!F.Name.empty())
    return "'" + F.Name + "'";
  if (F.IsAnonymousRecord)
    return "the anonymous " + F.TypeName.substr(0, F.TypeName.find(' '));
  return "an unnamed bit-field";
}

/// Why \p Order can't be given to \p S (a record, or one specialisation of
/// the template being fixed), else its edits are added to \p Edits.
static std::string editsFor(const RecordFacts &S,
                            const std::vector<unsigned> &Order,
                            const CheckContext &Context,
                            std::vector<clang::tooling::Replacement> &Edits,
                            std::vector<PredictedLayout> &Predicted) {
  std::string Why = unsafeToReorder(S, Context.Fix);
  if (!Why.empty())
    return S.IsTemplateSpecialisation ? "for '" + S.Name + "': " + Why : Why;
  for (const TargetLayout &L : S.Layouts) {
    auto Model = LayoutModel::create(S, L);
    if (!Model) {
      std::string Reason = llvm::toString(Model.takeError());
      return "'" + S.Name + "' can't be predicted: " + Reason;
    }
    auto Placed = Model->placeFields(Order);
    if (!Placed || Placed->SizeBytes > L.Size)
      return llvm::formatv("'{0}' would grow from {1} to {2} bytes", S.Name,
                           L.Size, Placed ? Placed->SizeBytes : 0)
          .str();
    std::vector<uint64_t> Offsets;
    for (unsigned I : Order)
      Offsets.push_back(Placed->FieldOffsetsBits[I]);
    Predicted.push_back(predictedLayout(S, L, Placed->SizeBytes, L.Align, Order,
                                        std::move(Offsets)));
  }
  auto More = reorderEdits(S, Order);
  if (!More)
    return llvm::toString(More.takeError());
  for (clang::tooling::Replacement &E : *More)
    if (llvm::none_of(Edits, [&](const clang::tooling::Replacement &K) {
          return K == E;
        }))
      Edits.push_back(std::move(E));
  return "";
}

/// The edits for \p Order, or the note that says why there are none. A
/// class template is fixed for every specialisation seen, or not at all.
void addReorderFix(const RecordFacts &R, const std::vector<unsigned> &Order,
                   const CheckContext &Context, Finding &F) {
  std::vector<const RecordFacts *> All = {&R};
  if (R.IsTemplateSpecialisation) {
    auto It = Context.Specialisations.find(R.TemplateKey);
    if (It != Context.Specialisations.end())
      All = It->second;
  }
  std::string Why;
  std::vector<clang::tooling::Replacement> Edits;
  std::vector<PredictedLayout> Predicted;
  for (const RecordFacts *S : All)
    if (!(Why = editsFor(*S, Order, Context, Edits, Predicted)).empty())
      break;
  if (Why.empty()) {
    F.Fixes = std::move(Edits);
    F.Predicted = std::move(Predicted);
  }
  if (!Why.empty()) {
    F.NoFixReason = Why;
    F.Notes.push_back({R.Loc, "no automatic fix: " + Why});
  }
}

/// "a, c, b" and the same as JSON.
std::string orderText(const RecordFacts &R, const std::vector<unsigned> &Order,
                      llvm::json::Array &Items) {
  std::string Text;
  for (unsigned I : Order) {
    const FieldFacts &Field = R.Fields[I];
    std::string Label = Field.Name.empty() ? fieldLabel(Field) : Field.Name;
    Text += (Text.empty() ? "" : ", ") + Label;
    Items.push_back(Label);
  }
  return Text;
}

} // namespace structlayout
