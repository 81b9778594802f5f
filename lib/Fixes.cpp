//===- Fixes.cpp - Safe field reordering as source edits ------------------===//

#include "Fixes.h"

#include "Optimiser.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>

namespace structlayout {

static std::string where(const SourceLoc &L) {
  return llvm::formatv("{0}:{1}:{2}", llvm::sys::path::filename(L.File), L.Line,
                       L.Column)
      .str();
}

static std::string hazardReason(const Hazard &H) {
  std::string At = " at " + where(H.Loc);
  switch (H.Kind) {
  case Hazard::OffsetOf:
    return "its field offsets are used (offsetof" + At + ")";
  case Hazard::StaticAssert:
    return "a static_assert checks its layout" + At;
  case Hazard::ByteCopy:
    return "its bytes go through " + H.Detail + At;
  case Hazard::PointerCast:
    return "a " + H.Detail + At + " reads it as another type";
  case Hazard::UnionMember:
    return "a union holds it" + At;
  case Hazard::UnsupportedInit:
    return "an initialiser the rewrite can't follow (" + H.Detail + At + ")";
  }
  return "";
}

std::string unsafeToReorder(const RecordFacts &R, const FixContext &Context) {
  if (R.InMacro)
    return "the record is written in a macro";
  for (const FieldFacts &F : R.Fields) {
    if (F.InMacro || !F.DeclSpan.valid())
      return "field '" + F.Name + "' is written in a macro";
    if (!F.Name.empty() && isExplicitPaddingName(F.Name))
      return "it has explicit padding ('" + F.Name + "')";
  }
  if (R.IsPacked)
    return "it is packed: its layout is deliberate";
  if (R.HasPragmaPack)
    return "#pragma pack is in force: its layout is deliberate";
  if (R.IsTemplateSpecialisation)
    return "it is a class template specialisation; its other "
           "specialisations are not checked yet";
  bool InMainFile =
      Context.MainFiles &&
      std::find(Context.MainFiles->begin(), Context.MainFiles->end(),
                R.Loc.File) != Context.MainFiles->end();
  if (R.IsExternC && !InMainFile)
    return "it is an extern \"C\" record in a header";
  if (!R.Hazards.empty())
    return hazardReason(R.Hazards.front());
  if (Context.SubsetRun && !InMainFile)
    return "only some TUs were analysed and this header record may be used "
           "in others; run over the whole database to fix it";
  return "";
}

namespace {

/// A declaration statement: one field, or `int a, b;`.
struct Group {
  std::vector<unsigned> Fields;
  SourceSpan Slot;
  std::string Text;
};

llvm::Error error(const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
}

/// Slots keep their place; slot I gets the text of element Order[I].
void permute(const std::string &File, llvm::ArrayRef<SourceSpan> Slots,
             llvm::ArrayRef<std::string> Texts, llvm::ArrayRef<unsigned> Order,
             std::vector<clang::tooling::Replacement> &Out) {
  for (unsigned I = 0; I < Slots.size(); ++I)
    if (Order[I] != I)
      Out.emplace_back(File, Slots[I].Begin, Slots[I].End - Slots[I].Begin,
                       Texts[Order[I]]);
}

} // namespace

llvm::Expected<std::vector<clang::tooling::Replacement>>
reorderEdits(const RecordFacts &R, llvm::ArrayRef<unsigned> Order) {
  std::vector<unsigned> NewPos(R.Fields.size());
  for (unsigned P = 0; P < Order.size(); ++P)
    NewPos[Order[P]] = P;

  // Declarations: whole lines with their comments when every field has its
  // lines to itself, else just the declarations.
  bool WholeLines = true;
  for (const FieldFacts &F : R.Fields)
    WholeLines &= !F.FullText.empty() && F.FullText.back() == '\n';
  std::vector<Group> Groups;
  for (unsigned I = 0; I < R.Fields.size(); ++I) {
    const FieldFacts &F = R.Fields[I];
    if (!Groups.empty() &&
        R.Fields[Groups.back().Fields.front()].DeclSpan.Begin ==
            F.DeclSpan.Begin) {
      Groups.back().Fields.push_back(I);
      continue;
    }
    Group G;
    G.Fields.push_back(I);
    G.Slot = WholeLines ? F.FullSpan : F.DeclSpan;
    size_t Skip = WholeLines ? 0 : F.DeclSpan.Begin - F.FullSpan.Begin;
    G.Text = F.FullText.substr(Skip, G.Slot.End - G.Slot.Begin);
    Groups.push_back(G);
  }
  // The new order must move declarations whole.
  std::vector<unsigned> GroupOrder;
  for (unsigned P = 0; P < Order.size();) {
    auto It = std::find_if(Groups.begin(), Groups.end(), [&](const Group &G) {
      return G.Fields.front() == Order[P];
    });
    if (It == Groups.end() ||
        !std::equal(It->Fields.begin(), It->Fields.end(), Order.begin() + P,
                    Order.begin() +
                        std::min<size_t>(Order.size(), P + It->Fields.size())))
      return error("'" + R.Fields[Order[P]].Name +
                   "' shares a declaration with fields that go elsewhere; "
                   "split it into one declaration per field");
    GroupOrder.push_back(It - Groups.begin());
    P += It->Fields.size();
  }
  for (unsigned I = 0; I < Groups.size(); ++I)
    if (R.Fields[Groups[GroupOrder[I]].Fields.front()].Access !=
        R.Fields[Groups[I].Fields.front()].Access)
      return error("the order would move a field into another access section");

  std::vector<clang::tooling::Replacement> Edits;
  std::vector<SourceSpan> Slots;
  std::vector<std::string> Texts;
  for (const Group &G : Groups) {
    Slots.push_back(G.Slot);
    Texts.push_back(G.Text);
  }
  permute(R.Loc.File, Slots, Texts, GroupOrder, Edits);

  // Initialisers: each written element moves with its field.
  for (const InitSite &Site : R.InitSites) {
    std::vector<unsigned> ElementOrder(Site.FieldOf.size());
    for (unsigned I = 0; I < ElementOrder.size(); ++I)
      ElementOrder[I] = I;
    std::stable_sort(ElementOrder.begin(), ElementOrder.end(),
                     [&](unsigned A, unsigned B) {
                       return NewPos[Site.FieldOf[A]] < NewPos[Site.FieldOf[B]];
                     });
    if (Site.Kind == InitSite::Positional) {
      // The written elements must still be the first fields, in order.
      std::vector<unsigned> Initialisable;
      for (unsigned F : Order)
        if (!(R.Fields[F].IsBitField && R.Fields[F].Name.empty()))
          Initialisable.push_back(F);
      for (unsigned I = 0; I < ElementOrder.size(); ++I)
        if (Site.FieldOf[ElementOrder[I]] != Initialisable[I])
          return error("the initialiser at " + where(Site.Loc) +
                       " leaves out '" + R.Fields[Initialisable[I]].Name +
                       "', which would move before fields it sets; "
                       "initialise every field there");
    }
    permute(Site.Loc.File, Site.Elements, Site.Texts, ElementOrder, Edits);
  }
  return Edits;
}

} // namespace structlayout
