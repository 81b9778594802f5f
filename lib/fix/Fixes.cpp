//===- Fixes.cpp - Safe field reordering as source edits ------------------===//

#include "Fixes.h"

#include "Optimiser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Sequence.h"
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
  case Hazard::LayoutContract:
    return H.Detail + At;
  }
  return "";
}

/// A comment next to a field that says where it must stay.
static std::string layoutComment(const RecordFacts &R) {
  static const char *const Phrases[] = {
      "must be first",     "must be the first", "must come first",
      "first member must", "first field must",  "first element must",
      "must remain first", "must stay first",   "has to be first",
      "must be last",      "must be the last",  "must stay",
      "do not move",       "don't move",        "do not reorder",
      "don't reorder",     "keep first",        "keep this first",
      "order matters",     "layout matters",    "fixed offset",
      "must match the",    "same layout as",    "same order as"};
  for (const FieldFacts &F : R.Fields) {
    std::string Text = llvm::StringRef(F.FullText).lower();
    for (const char *Phrase : Phrases)
      if (Text.find(Phrase) != std::string::npos)
        return "the comment on '" + F.Name + "' says its place matters ('" +
               Phrase + "')";
  }
  return "";
}

std::string unsafeToReorder(const RecordFacts &R, const FixContext &Context) {
  return unsafeToChangeLayout(R, Context, /*OrderMatters=*/true);
}

std::string unsafeToRealign(const RecordFacts &R, const FixContext &Context) {
  return unsafeToChangeLayout(R, Context, /*OrderMatters=*/false);
}

/// Why moving \p R's fields, or only their offsets (\p OrderMatters false:
/// initialisers still follow), could change what the program means.
std::string unsafeToChangeLayout(const RecordFacts &R,
                                 const FixContext &Context, bool OrderMatters) {
  if (R.InMacro)
    return "the record is written in a macro";
  for (const FieldFacts &F : R.Fields) {
    // A reorder that leaves the field in its place does not touch it.
    if (!OrderMatters && (F.InMacro || !F.DeclSpan.valid()))
      return "field '" + F.Name + "' is written in a macro";
    if (!F.Name.empty() && isExplicitPaddingName(F.Name))
      return "it has explicit padding ('" + F.Name + "')";
  }
  if (std::string Says = layoutComment(R); !Says.empty())
    return Says;
  if (R.FieldsDifferByTarget)
    return "its fields differ between the targets of the run (preprocessor "
           "conditionals); change it by hand";
  if (R.IsPacked)
    return "it is packed: its layout is deliberate";
  if (R.HasPragmaPack)
    return "#pragma pack is in force: its layout is deliberate";
  bool InMainFile =
      Context.MainFiles &&
      std::find(Context.MainFiles->begin(), Context.MainFiles->end(),
                R.Loc.File) != Context.MainFiles->end();
  if (R.IsExternC && !InMainFile)
    return "it is an extern \"C\" record in a header";
  if (R.InCxxExternCHeader && Context.OneTU && !InMainFile)
    return "its header declares it extern \"C\" for C++, and a C++ TU this "
           "one does not show may share it with C; struct-layout --fix reads "
           "every TU and fixes it when none does";
  for (const Hazard &H : R.Hazards) {
    if (!OrderMatters && H.Kind == Hazard::UnsupportedInit)
      continue;
    return H.Via.empty() ? hazardReason(H)
                         : "'" + H.Via + "' holds it, and " + hazardReason(H);
  }
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

bool inMacro(const FieldFacts &F) { return F.InMacro || !F.DeclSpan.valid(); }

/// One element of a rewritten initialiser: a written one (its index), or
/// what the list gave a field it left out.
struct Item {
  int Element = -1;
  std::string Text;
  std::string Comment;
};

/// \p Comment where code follows it on the line: `//` becomes `/* */`.
llvm::Expected<std::string> beforeCode(llvm::StringRef Comment,
                                       const InitSite &Site) {
  llvm::StringRef Body = Comment.ltrim();
  bool Line = Body.starts_with("//");
  if (Comment.contains('\n') || (Line && Body.contains("*/")) ||
      !(Line || Body.starts_with("/*")))
    return error("the comment '" + Body.split('\n').first +
                 "' in the initialiser at " + where(Site.Loc) +
                 " can't move with its element: code follows where it goes");
  if (!Line)
    return Comment.str();
  return Comment.take_front(Comment.size() - Body.size()).str() + "/* " +
         Body.drop_front(2).trim().str() + " */";
}

/// The elements \p Site gets under the new order \p NewPos: written ones
/// with their comments, and for a positional list what leaving a field out
/// gave it, where the order puts that field before others it sets.
llvm::Expected<std::vector<Item>> newItems(const RecordFacts &R,
                                           const InitSite &Site,
                                           llvm::ArrayRef<unsigned> Order,
                                           llvm::ArrayRef<unsigned> NewPos) {
  std::vector<unsigned> Written(Site.FieldOf.size());
  for (unsigned I = 0; I < Written.size(); ++I)
    Written[I] = I;
  std::stable_sort(Written.begin(), Written.end(), [&](unsigned A, unsigned B) {
    return NewPos[Site.FieldOf[A]] < NewPos[Site.FieldOf[B]];
  });
  auto ItemOf = [&](unsigned E) {
    return Item{int(E), Site.Texts[E],
                E < Site.Trailers.size() ? Site.Trailers[E].Comment : ""};
  };
  std::vector<Item> Items;
  if (Site.Kind != InitSite::Positional) {
    for (unsigned E : Written)
      Items.push_back(ItemOf(E));
    return Items;
  }
  // Every field up to the last one the list sets, in the new order.
  std::vector<unsigned> Initialisable;
  for (unsigned F : Order)
    if (!(R.Fields[F].IsBitField && R.Fields[F].Name.empty()))
      Initialisable.push_back(F);
  for (unsigned P = 0, Next = 0; Next < Written.size(); ++P) {
    unsigned F = Initialisable[P];
    if (Site.FieldOf[Written[Next]] == F) {
      Items.push_back(ItemOf(Written[Next++]));
      continue;
    }
    if (R.Fields[F].ImplicitInit.empty())
      return error("the initialiser at " + where(Site.Loc) + " leaves out '" +
                   R.Fields[F].Name +
                   "', which would move before fields it sets and has a "
                   "default member initialiser; initialise every field "
                   "there");
    Items.push_back({-1, R.Fields[F].ImplicitInit, ""});
  }
  return Items;
}

/// Slots keep their places and commas; slot I gets item I and its comment,
/// the last slot every item left.
llvm::Error initialiserEdits(const InitSite &Site, llvm::ArrayRef<Item> Items,
                             std::vector<clang::tooling::Replacement> &Out) {
  size_t Slots = Site.Elements.size();
  bool Same = Items.size() == Slots;
  for (size_t I = 0; I < Items.size(); ++I)
    Same &= Items[I].Element == int(I);
  if (Same)
    return llvm::Error::success();
  if (Site.StrandedComment)
    return error("a comment in the initialiser at " + where(Site.Loc) +
                 " belongs to none of its elements and would stay behind; "
                 "reorder it by hand");
  for (size_t I = 0; I < Slots; ++I) {
    size_t End = I + 1 == Slots ? Items.size() : I + 1;
    if (End == I + 1 && Items[I].Element == int(I))
      continue;
    InitSite::Trailer Trailer;
    Trailer.Span = {Site.Elements[I].End, Site.Elements[I].End};
    if (I < Site.Trailers.size())
      Trailer = Site.Trailers[I];
    std::string Text, Comment;
    for (size_t K = I; K < End; ++K) {
      Text += (K > I ? ", " : "") + Items[K].Text;
      if (Items[K].Comment.empty())
        continue;
      if (!Comment.empty())
        return error("two comments in the initialiser at " + where(Site.Loc) +
                     " would share one line; reorder it by hand");
      Comment = Items[K].Comment;
    }
    // Where code follows, the comment goes before the comma, as `/* */`.
    std::string Tail = Trailer.Comma + Comment;
    if (Trailer.CodeAfter && !Comment.empty()) {
      auto Moved = beforeCode(Comment, Site);
      if (!Moved)
        return Moved.takeError();
      Tail = *Moved + Trailer.Comma;
    }
    Out.emplace_back(Site.Loc.File, Site.Elements[I].Begin,
                     Trailer.Span.End - Site.Elements[I].Begin, Text + Tail);
  }
  return llvm::Error::success();
}

/// Declarations next to each other: lines, or words on one line.
std::string separated(const std::string &Before, const std::string &Text,
                      bool WholeLines) {
  return Before.empty() || WholeLines ? Text : " " + Text;
}

/// One field of `T a, b;` as a declaration of its own. The first field keeps
/// the comments above the group, the last the comment after it.
std::string splitDeclaration(const RecordFacts &R, unsigned Field,
                             bool WholeLines) {
  const FieldFacts &F = R.Fields[Field];
  std::string Decl = F.DeclSpec + " " + F.Declarator + ";";
  if (!WholeLines)
    return Decl;
  size_t Lead = F.DeclSpan.Begin - F.FullSpan.Begin;
  std::string Before = F.FullText.substr(0, Lead);
  std::string After =
      F.FullText.substr(Lead + (F.DeclSpan.End - F.DeclSpan.Begin));
  bool First =
      Field == 0 || R.Fields[Field - 1].DeclSpan.Begin != F.DeclSpan.Begin;
  bool Last = Field + 1 == R.Fields.size() ||
              R.Fields[Field + 1].DeclSpan.Begin != F.DeclSpan.Begin;
  std::string Indent = Before.substr(Before.rfind('\n') + 1);
  return (First ? Before : Indent) + Decl + (Last ? After : "\n");
}

} // namespace

llvm::Expected<std::vector<clang::tooling::Replacement>>
reorderEdits(const RecordFacts &R, llvm::ArrayRef<unsigned> Order) {
  std::vector<unsigned> NewPos(R.Fields.size());
  for (unsigned P = 0; P < Order.size(); ++P)
    NewPos[Order[P]] = P;

  // Declarations: whole lines with their comments when every field has its
  // lines to itself, else just the declarations. Fields written in a macro
  // keep their places (checked below).
  bool WholeLines = true;
  for (const FieldFacts &F : R.Fields)
    WholeLines &=
        inMacro(F) || (!F.FullText.empty() && F.FullText.back() == '\n');
  std::vector<Group> Groups;
  for (unsigned I = 0; I < R.Fields.size(); ++I) {
    const FieldFacts &F = R.Fields[I];
    if (!Groups.empty() && !inMacro(F) &&
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
  // Slot I keeps the positions of group I; it gets the fields the new order
  // puts there: a whole group's text when they are one, else one
  // declaration per field (`int a, b;` split where its fields part).
  std::vector<clang::tooling::Replacement> Edits;
  // Without whole lines only declarations move: a comment beside a field
  // would stay behind and describe another field.
  bool Moves = !llvm::equal(Order, llvm::seq<unsigned>(0, R.Fields.size()));
  if (!WholeLines && Moves)
    for (const FieldFacts &Field : R.Fields) {
      if (inMacro(Field))
        continue;
      llvm::StringRef Full = Field.FullText;
      size_t Lead = Field.DeclSpan.Begin - Field.FullSpan.Begin;
      size_t Decl = Field.DeclSpan.End - Field.DeclSpan.Begin;
      llvm::StringRef Around[] = {Full.take_front(Lead),
                                  Full.drop_front(Lead + Decl)};
      if (llvm::any_of(Around, [](llvm::StringRef T) {
            return T.contains("/*") || T.contains("//");
          }))
        return error("the comment beside '" + Field.Name +
                     "' can't move with it (fields share lines with "
                     "others or with a comment); reorder by hand");
    }
  unsigned Position = 0;
  for (const Group &G : Groups) {
    llvm::ArrayRef<unsigned> Here = Order.slice(Position, G.Fields.size());
    Position += G.Fields.size();
    if (Here.equals(G.Fields))
      continue;
    for (unsigned F : Here)
      if (R.Fields[F].Access != R.Fields[G.Fields.front()].Access)
        return error("the order would move '" + R.Fields[F].Name +
                     "' into another access section");
    for (llvm::ArrayRef<unsigned> Fields :
         {Here, llvm::ArrayRef<unsigned>(G.Fields)})
      for (unsigned F : Fields)
        if (inMacro(R.Fields[F]))
          return error("field '" + R.Fields[F].Name +
                       "' is written in a macro and the order would move it");
    std::string Text;
    for (size_t I = 0; I < Here.size();) {
      auto Whole =
          std::find_if(Groups.begin(), Groups.end(), [&](const Group &O) {
            return O.Fields.front() == Here[I] &&
                   O.Fields.size() <= Here.size() - I &&
                   Here.slice(I, O.Fields.size()).equals(O.Fields);
          });
      if (Whole != Groups.end()) {
        Text += separated(Text, Whole->Text, WholeLines);
        I += Whole->Fields.size();
        continue;
      }
      const FieldFacts &F = R.Fields[Here[I]];
      if (F.Declarator.empty())
        return error("'" + F.Name +
                     "' shares a declaration that can't be "
                     "split; split it into one declaration per field");
      Text +=
          separated(Text, splitDeclaration(R, Here[I], WholeLines), WholeLines);
      ++I;
    }
    Edits.emplace_back(R.Loc.File, G.Slot.Begin, G.Slot.End - G.Slot.Begin,
                       Text);
  }

  // Initialisers: each written element moves with its field and comment.
  for (const InitSite &Site : R.InitSites) {
    auto Items = newItems(R, Site, Order, NewPos);
    if (!Items)
      return Items.takeError();
    if (llvm::Error E = initialiserEdits(Site, *Items, Edits))
      return E;
  }
  return Edits;
}

} // namespace structlayout
