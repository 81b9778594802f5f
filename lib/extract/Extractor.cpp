//===- Extractor.cpp - Facts from a Clang AST -----------------------------===//

#include "Extractor.h"
#include "AccessCollector.h"
#include "EvidenceCollector.h"
#include "InstanceCollector.h"
#include "SourceMapper.h"
#include "Targets.h"
#include "UseCollector.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecordLayout.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace structlayout {
namespace {

/// Collects every record definition, template instantiations included.
class RecordCollector : public RecursiveASTVisitor<RecordCollector> {
public:
  explicit RecordCollector(const SourceManager &SM) : SM(SM) {}
  std::vector<const RecordDecl *> Records;
  bool shouldVisitTemplateInstantiations() const { return true; }
  /// System headers are never reported: don't walk the standard library.
  bool TraverseDecl(Decl *D) {
    if (SourceMapper::inSystemHeader(SM, D))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitRecordDecl(RecordDecl *RD) {
    Records.push_back(RD);
    return true;
  }

private:
  const SourceManager &SM;
};

/// Names of sibling fields an initialiser reads through `this`: directly, in
/// a lambda that captures it, or in the member functions it calls, followed
/// through their bodies. A call to one whose body the TU doesn't have may
/// read anything (InitReadsAll); without bodies (SkipFunctionBodies) calls
/// are not followed.
class MemberReads : public RecursiveASTVisitor<MemberReads> {
public:
  MemberReads(const RecordDecl *Parent, bool FollowCalls,
              std::vector<std::string> &Out)
      : Parent(Parent), FollowCalls(FollowCalls), Out(Out) {}
  bool VisitMemberExpr(MemberExpr *ME) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (FD && FD->getParent() == Parent && throughThis(ME->getBase()))
      add(FD->getName().str());
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *E) {
    const CXXMethodDecl *MD = E->getMethodDecl();
    if (!FollowCalls || !MD || MD->isStatic() ||
        !throughThis(E->getImplicitObjectArgument()))
      return true;
    // In a constructor a virtual call runs this class's own function.
    const FunctionDecl *Body = nullptr;
    if (!MD->hasBody(Body)) {
      add(InitReadsAll);
      return true;
    }
    if (Followed.insert(Body).second)
      TraverseStmt(Body->getBody());
    return true;
  }

private:
  static bool throughThis(const Expr *Base) {
    return Base && isa<CXXThisExpr>(Base->IgnoreParenImpCasts());
  }
  void add(std::string Name) {
    if (!llvm::is_contained(Out, Name))
      Out.push_back(std::move(Name));
  }

  const RecordDecl *Parent;
  bool FollowCalls;
  std::vector<std::string> &Out;
  llvm::DenseSet<const FunctionDecl *> Followed;
};

/// The latest member of a record (type, enumerator, static constant) that a
/// field's declaration names, as the number of fields declared before it.
class NamedMembers : public RecursiveASTVisitor<NamedMembers> {
public:
  NamedMembers(const FieldDecl *Field, const SourceManager &SM)
      : Parent(Field->getParent()), Own(Field->getSourceRange()), SM(SM) {}
  bool VisitTypedefTypeLoc(TypedefTypeLoc TL) {
    return note(TL.getTypedefNameDecl());
  }
  bool VisitTagTypeLoc(TagTypeLoc TL) { return note(TL.getDecl()); }
  bool VisitUsingTypeLoc(UsingTypeLoc TL) { return note(TL.getFoundDecl()); }
  bool VisitTemplateSpecializationTypeLoc(TemplateSpecializationTypeLoc TL) {
    return note(TL.getTypePtr()->getTemplateName().getAsTemplateDecl());
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) { return note(E->getDecl()); }
  unsigned FieldsBefore = 0;

private:
  bool note(const Decl *D) {
    if (!D || D->getDeclContext()->getRedeclContext() != Parent)
      return true;
    // `struct { ... } s;` defines its type in its own declaration.
    SourceLocation At = D->getLocation();
    if (!SM.isBeforeInTranslationUnit(At, Own.getBegin()) &&
        !SM.isBeforeInTranslationUnit(Own.getEnd(), At))
      return true;
    unsigned Before = 0;
    for (const FieldDecl *F : Parent->fields())
      Before +=
          SM.isBeforeInTranslationUnit(F->getLocation(), D->getLocation());
    FieldsBefore = std::max(FieldsBefore, Before);
    return true;
  }
  const RecordDecl *Parent;
  SourceRange Own;
  const SourceManager &SM;
};

class FactsBuilder {
public:
  FactsBuilder(ASTContext &Ctx, const ExtractOptions &Options)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()),
        Options(Options), Policy(LO), Map(SM, LO) {
    Policy.AnonymousTagLocations = false;
    Policy.SuppressScope = false;
  }

  /// The value of std::hardware_destructive_interference_size, if this TU
  /// declares it; looked up once.
  uint64_t interferenceBytes() const {
    if (Interference)
      return *Interference;
    Interference = 0;
    if (!LO.CPlusPlus17)
      return 0;
    DeclContext *TU = Ctx.getTranslationUnitDecl();
    for (NamedDecl *Std : TU->lookup(&Ctx.Idents.get("std"))) {
      auto *NS = dyn_cast<NamespaceDecl>(Std);
      if (!NS)
        continue;
      for (NamedDecl *D : NS->lookup(
               &Ctx.Idents.get("hardware_destructive_interference_size")))
        if (auto *VD = dyn_cast<VarDecl>(D))
          if (const APValue *V = VD->evaluateValue(); V && V->isInt())
            Interference = V->getInt().getZExtValue();
    }
    return *Interference;
  }

  bool wanted(const RecordDecl *RD) const {
    if (!RD->isThisDeclarationADefinition() || !RD->isCompleteDefinition() ||
        RD->isDependentType() || RD->isInvalidDecl() || RD->isImplicit())
      return false;
    if (const auto *CXX = dyn_cast<CXXRecordDecl>(RD))
      if (CXX->isLambda())
        return false;
    SourceLocation Loc = SM.getFileLoc(RD->getLocation());
    return Loc.isValid() && !SM.isInSystemHeader(Loc) &&
           SM.getFileEntryRefForID(SM.getFileID(Loc));
  }

  RecordFacts build(const RecordDecl *RD) {
    RecordFacts R;
    llvm::SmallString<128> USR;
    if (!index::generateUSRForDecl(RD, USR))
      R.USR = USR.str().str();
    R.Kind = RD->isUnion()   ? RecordKind::Union
             : RD->isClass() ? RecordKind::Class
                             : RecordKind::Struct;
    R.IsCXX = LO.CPlusPlus;
    R.IsAnonymous = !RD->getIdentifier() && !RD->getTypedefNameForAnonDecl();
    // Specialisations, and classes nested in them: their text is shared.
    R.IsTemplateSpecialisation =
        isa<ClassTemplateSpecializationDecl>(RD) ||
        (isa<CXXRecordDecl>(RD) &&
         cast<CXXRecordDecl>(RD)->getTemplateInstantiationPattern());
    R.IsPacked = RD->hasAttr<PackedAttr>();
    R.HasPragmaPack = RD->hasAttr<MaxFieldAlignmentAttr>();
    const auto *CXX = dyn_cast<CXXRecordDecl>(RD);
    R.HasVirtualBases = CXX && CXX->getNumVBases() > 0;
    R.InMacro = RD->getLocation().isMacroID() || RD->getBeginLoc().isMacroID();
    R.Loc = loc(RD->getLocation());
    R.Name = name(RD);
    R.Spelling = spelling(RD);
    R.Span = span(RD->getBeginLoc(), RD->getEndLoc(), R.Loc.File);
    R.BodySpan = span(RD->getBraceRange().getBegin(),
                      RD->getBraceRange().getEnd(), R.Loc.File);
    R.SeenIn = mainFile();
    R.IsExternC = LO.CPlusPlus && RD->getDeclContext()->isExternCContext();
    R.InCxxExternCHeader = !LO.CPlusPlus && inCxxSharedHeader(RD);
    if (R.IsTemplateSpecialisation)
      R.TemplateKey = "template@" + R.Loc.File + ":" +
                      std::to_string(R.Loc.Line) + ":" +
                      std::to_string(R.Loc.Column);

    for (const FieldDecl *FD : RD->fields()) {
      R.Fields.push_back(field(FD, R.Loc.File));
      if (const RecordDecl *Inner =
              Ctx.getBaseElementType(FD->getType())->getAsRecordDecl())
        if (wanted(Inner->getDefinition() ? Inner->getDefinition() : Inner)) {
          R.ContainedKeys.push_back(keyOf(Inner->getDefinition()));
          R.Fields.back().HeldRecordKey = R.ContainedKeys.back();
        }
    }
    if (CXX)
      for (const CXXBaseSpecifier &B : CXX->bases())
        if (const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl())
          if (Base->getDefinition() && wanted(Base->getDefinition()))
            R.ContainedKeys.push_back(keyOf(Base->getDefinition()));
    markDeclGroups(RD, R);
    markConditionalRegions(RD, R);
    if (CXX)
      collectConstructorReads(CXX, R);
    R.Layouts.push_back(layout(RD));
    return R;
  }

  std::string mainFile() const { return Map.mainFile(); }

  /// A C TU's header record whose header wraps itself in `extern "C"` for
  /// C++ (`#ifdef __cplusplus`): C++ TUs would see it as extern "C".
  bool inCxxSharedHeader(const RecordDecl *RD) const {
    SourceLocation L = SM.getFileLoc(RD->getLocation());
    if (L.isInvalid() || SM.isInMainFile(L))
      return false;
    return SM.getBufferData(SM.getFileID(L)).contains("extern \"C\"");
  }

  /// Numbers the regions that preprocessor directives cut the body into.
  void markConditionalRegions(const RecordDecl *RD, RecordFacts &R) const {
    SourceLocation Brace = RD->getBraceRange().getBegin();
    if (!R.BodySpan.valid() || Brace.isInvalid())
      return;
    llvm::StringRef Buf = SM.getBufferData(SM.getFileID(SM.getFileLoc(Brace)));
    unsigned Region = 0, Pos = R.BodySpan.Begin;
    for (FieldFacts &F : R.Fields) {
      if (F.DeclSpan.valid() && F.DeclSpan.Begin > Pos &&
          F.DeclSpan.Begin <= Buf.size()) {
        llvm::SmallVector<llvm::StringRef> Lines;
        Buf.slice(Pos, F.DeclSpan.Begin).split(Lines, '\n');
        // The first piece is the rest of the line before: not a line start.
        for (size_t I = 1; I < Lines.size(); ++I)
          Region += Lines[I].ltrim().starts_with("#");
        Pos = F.DeclSpan.Begin;
      }
      F.PPRegion = Region;
    }
  }

  /// RecordFacts::key() of a record, without building its facts.
  std::string keyOf(const RecordDecl *RD) const {
    RecordFacts K;
    llvm::SmallString<128> USR;
    if (!index::generateUSRForDecl(RD, USR))
      K.USR = USR.str().str();
    K.Loc = loc(RD->getLocation());
    return K.key();
  }

private:
  SourceLoc loc(SourceLocation L) const { return Map.loc(L); }
  SourceSpan span(SourceLocation Begin, SourceLocation End,
                  const std::string &File) const {
    return Map.span(Begin, End, File);
  }

  std::string spelling(const RecordDecl *RD) const {
    if (!RD->getIdentifier()) {
      const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl();
      return TD ? TD->getQualifiedNameAsString() : "";
    }
    PrintingPolicy P = Policy;
    P.SuppressUnwrittenScope = true;
    std::string S;
    llvm::raw_string_ostream OS(S);
    RD->getNameForDiagnostic(OS, P, /*Qualified=*/true);
    return LO.CPlusPlus ? S : RD->getKindName().str() + " " + S;
  }

  std::string name(const RecordDecl *RD) const {
    if (RD->getIdentifier() || RD->getTypedefNameForAnonDecl()) {
      std::string S;
      llvm::raw_string_ostream OS(S);
      if (RD->getIdentifier())
        RD->getNameForDiagnostic(OS, Policy, /*Qualified=*/true);
      else
        OS << RD->getTypedefNameForAnonDecl()->getQualifiedNameAsString();
      return S;
    }
    std::string Prefix;
    if (const auto *Parent = dyn_cast<RecordDecl>(RD->getDeclContext()))
      Prefix = name(Parent) + "::";
    SourceLoc L = loc(RD->getLocation());
    return Prefix + "(anonymous " + RD->getKindName().str() + " at " +
           llvm::sys::path::filename(L.File).str() + ":" +
           std::to_string(L.Line) + ":" + std::to_string(L.Column) + ")";
  }

  /// The start of a field declaration, with `[[attributes]]` before it.
  SourceLocation declBegin(const FieldDecl *FD) const {
    SourceLocation Begin = FD->getBeginLoc();
    for (const Attr *A : FD->attrs()) {
      SourceLocation L = A->getRange().getBegin();
      if (!A->isImplicit() && L.isValid() && L.isFileID() &&
          SM.isBeforeInTranslationUnit(L, Begin))
        Begin = L;
    }
    if (Begin == FD->getBeginLoc() || Begin.isMacroID())
      return Begin;
    // The attribute's range starts at its name: take in the `[[`.
    llvm::StringRef Buf = SM.getBufferData(SM.getFileID(Begin));
    unsigned Offset = SM.getFileOffset(Begin);
    llvm::StringRef Before = Buf.take_front(Offset).rtrim();
    if (Before.ends_with("[["))
      return Begin.getLocWithOffset(int(Before.size()) - 2 - int(Offset));
    return Begin;
  }

  /// The end of a field declaration: just past its ';'.
  SourceLocation declEnd(const FieldDecl *FD) const {
    SourceLocation End = FD->getEndLoc();
    // An anonymous struct or union ends at its closing brace (C++ gives the
    // member the location of its keyword: the first ';' is inside).
    if (const RecordDecl *Inner = FD->getType()->getAsRecordDecl();
        Inner && FD->isAnonymousStructOrUnion()) {
      SourceLocation Brace = Inner->getBraceRange().getEnd();
      if (Brace.isValid() && End.isValid() &&
          SM.isBeforeInTranslationUnit(End, Brace))
        End = Brace;
    }
    SourceLocation L = Lexer::getLocForEndOfToken(End, 0, SM, LO);
    for (int Guard = 0; L.isValid() && Guard < 4096; ++Guard) {
      Token T;
      if (Lexer::getRawToken(L, T, SM, LO, /*IgnoreWhiteSpace=*/true))
        break;
      if (T.is(tok::semi))
        return T.getLocation();
      if (T.is(tok::eof) || T.is(tok::r_brace))
        break;
      L = T.getEndLoc();
    }
    return FD->getEndLoc();
  }

  FieldFacts field(const FieldDecl *FD, const std::string &File) {
    FieldFacts F;
    F.Name = FD->getName().str();
    F.IsAnonymousRecord = FD->isAnonymousStructOrUnion();
    if (F.IsAnonymousRecord)
      F.TypeName =
          FD->getType()->isUnionType() ? "union {...}" : "struct {...}";
    else
      F.TypeName = FD->getType().getAsString(Policy);
    switch (FD->getAccess()) {
    case AS_public:
      F.Access = AccessKind::Public;
      break;
    case AS_protected:
      F.Access = AccessKind::Protected;
      break;
    case AS_private:
      F.Access = AccessKind::Private;
      break;
    case AS_none:
      F.Access = AccessKind::None;
      break;
    }
    if (const TypeSourceInfo *TSI = FD->getTypeSourceInfo()) {
      NamedMembers Named(FD, SM);
      Named.TraverseTypeLoc(TSI->getTypeLoc());
      if (FD->isBitField())
        Named.TraverseStmt(FD->getBitWidth());
      F.NamesMemberAfter = Named.FieldsBefore;
    }
    F.IsBitField = FD->isBitField();
    if (F.IsBitField && !FD->getBitWidth()->isValueDependent())
      F.BitWidth = FD->getBitWidthValue(Ctx);
    F.IsFlexibleArray = isFlexibleArray(FD);
    F.IsNoUniqueAddress = FD->hasAttr<NoUniqueAddressAttr>();
    F.ExplicitAlign = FD->getMaxAlignment() / 8;
    F.Loc = loc(FD->getLocation());
    F.InMacro = FD->getLocation().isMacroID() || FD->getBeginLoc().isMacroID();
    F.DeclSpan = span(declBegin(FD), declEnd(FD), File);
    F.FullSpan = Map.withComments(FD->getLocation(), F.DeclSpan);
    F.FullText = Map.text(FD->getLocation(), F.FullSpan);
    F.ImplicitInit = implicitInit(FD);
    typeFacts(FD->getType(), F);
    if (const Expr *Init = FD->getInClassInitializer())
      MemberReads(FD->getParent(), !Options.SkipFunctionBodies, F.InitReads)
          .TraverseStmt(const_cast<Expr *>(Init));
    return F;
  }

  /// FieldFacts::ImplicitInit: in C, zero (`{0}` for aggregates); in C++
  /// the element is copy-initialised from `{}` when it has no default
  /// member initialiser.
  std::string implicitInit(const FieldDecl *FD) const {
    QualType T = FD->getType();
    if (!LO.CPlusPlus)
      return T->isScalarType() || T->isAtomicType() ? "0" : "{0}";
    if (FD->hasInClassInitializer() || T->isReferenceType())
      return "";
    if (T->isBooleanType())
      return "false";
    if (T->isAnyPointerType() || T->isMemberPointerType())
      return "nullptr";
    if (T->isArithmeticType() && !T->isEnumeralType())
      return "0";
    return "{}";
  }

  /// The element type of a slot container (C array, std::array,
  /// std::vector, std::deque) and, when fixed, how many there are.
  QualType elementType(QualType T, uint64_t &Count) const {
    Count = 0;
    if (Ctx.getAsConstantArrayType(T)) {
      Count = 1;
      while (const auto *A = Ctx.getAsConstantArrayType(T)) {
        Count *= A->getSize().getZExtValue();
        T = A->getElementType();
      }
      return T;
    }
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T.getCanonicalType()->getAsRecordDecl());
    if (!Spec)
      return {};
    std::string Name =
        Spec->getSpecializedTemplate()->getQualifiedNameAsString();
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() < 1 || Args[0].getKind() != TemplateArgument::Type)
      return {};
    if (Name == "std::array" && Args.size() >= 2 &&
        Args[1].getKind() == TemplateArgument::Integral) {
      Count = Args[1].getAsIntegral().getZExtValue();
      return Args[0].getAsType();
    }
    if (Name == "std::vector" || Name == "std::deque")
      return Args[0].getAsType();
    return {};
  }

  /// The names \p T goes by: as written, each typedef on the way, the
  /// record's qualified name and its template's; `_Atomic` for C11 atomics.
  void typeNames(QualType T, std::vector<std::string> &Names) const {
    auto Add = [&](std::string Name) {
      if (!Name.empty() && !llvm::is_contained(Names, Name))
        Names.push_back(std::move(Name));
    };
    Add(T.getUnqualifiedType().getAsString(Policy));
    for (QualType S = T;;) {
      if (const auto *TT = S->getAs<TypedefType>()) {
        Add(TT->getDecl()->getQualifiedNameAsString());
        S = TT->getDecl()->getUnderlyingType();
        continue;
      }
      break;
    }
    QualType C = T.getCanonicalType();
    if (C->isAtomicType()) {
      Add("_Atomic");
      C = C->getAs<AtomicType>()->getValueType().getCanonicalType();
    }
    if (const RecordDecl *RD = C->getAsRecordDecl()) {
      Add(RD->getQualifiedNameAsString());
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
        Add(Spec->getSpecializedTemplate()->getQualifiedNameAsString());
    }
  }

  /// FieldFacts::TypeNames and the slot-container facts.
  void typeFacts(QualType T, FieldFacts &F) const {
    uint64_t Count = 0;
    QualType Element = elementType(T, Count);
    if (Element.isNull()) {
      F.IsVector = T->isVectorType();
      typeNames(T, F.TypeNames);
      return;
    }
    F.IsSlotContainer = true;
    F.IsVector = Element->isVectorType();
    F.ArrayElements = Count;
    typeNames(Element, F.ElementTypeNames);
    // A C array is its elements, as far as contention goes.
    typeNames(T->isArrayType() ? Element : T, F.TypeNames);
    if (const RecordDecl *RD = Element.getCanonicalType()->getAsRecordDecl()) {
      llvm::SmallString<128> USR;
      if (!index::generateUSRForDecl(RD, USR))
        F.ElementUSR = USR.str().str();
    }
  }

  static bool isFlexibleArray(const FieldDecl *FD) {
    QualType T = FD->getType();
    if (T->isIncompleteArrayType())
      return true;
    const auto *CAT = dyn_cast<ConstantArrayType>(T.getTypePtr());
    if (!CAT || CAT->getSize() != 0)
      return false;
    const FieldDecl *Last = nullptr;
    for (const FieldDecl *F : FD->getParent()->fields())
      Last = F;
    return Last == FD;
  }

  void markDeclGroups(const RecordDecl *RD, RecordFacts &R) const {
    std::vector<const FieldDecl *> Decls(RD->field_begin(), RD->field_end());
    for (size_t I = 0; I < Decls.size();) {
      size_t J = I + 1;
      while (J < Decls.size() &&
             Decls[J]->getBeginLoc() == Decls[I]->getBeginLoc())
        ++J;
      if (J - I > 1)
        splitDeclGroup(Decls[I], R, I, J);
      I = J;
    }
  }

  /// `int a, *b = 1;` -> spec `int`, declarators `a` and `*b = 1`.
  void splitDeclGroup(const FieldDecl *First, RecordFacts &R, size_t Begin,
                      size_t End) const {
    for (size_t I = Begin; I < End; ++I)
      R.Fields[I].SharesDeclGroup = true;
    const FieldFacts &F = R.Fields[Begin];
    SourceSpan Spec =
        span(First->getBeginLoc(), First->getTypeSpecEndLoc(), R.Loc.File);
    if (!Spec.valid() || !F.DeclSpan.valid() || Spec.End > F.DeclSpan.End)
      return;
    std::string Text = Map.text(First->getLocation(), F.DeclSpan);
    llvm::StringRef Rest = llvm::StringRef(Text)
                               .drop_front(Spec.End - F.DeclSpan.Begin)
                               .rtrim()
                               .drop_back(1); // The ';'.
    std::vector<std::string> Parts;
    int Depth = 0;
    size_t From = 0;
    for (size_t I = 0; I <= Rest.size(); ++I) {
      char C = I < Rest.size() ? Rest[I] : ',';
      Depth += (C == '(' || C == '[' || C == '{') -
               (C == ')' || C == ']' || C == '}');
      if (C == ',' && Depth == 0) {
        Parts.push_back(Rest.slice(From, I).trim().str());
        From = I + 1;
      }
    }
    if (Parts.size() != End - Begin)
      return;
    std::string SpecText = Map.text(First->getLocation(), Spec);
    // Clang's "type specifier" of `void *a, *b` takes the first `*`: a spec
    // with declarator parts in it would change the other fields' types, so
    // such a group is not split (the fix says so).
    if (SpecText.find_first_of("*&([") != std::string::npos)
      return;
    for (size_t I = Begin; I < End; ++I) {
      R.Fields[I].DeclSpec = SpecText;
      R.Fields[I].Declarator = Parts[I - Begin];
    }
  }

  void collectConstructorReads(const CXXRecordDecl *RD, RecordFacts &R) const {
    for (const CXXConstructorDecl *Ctor : RD->ctors()) {
      const FunctionDecl *Def = nullptr;
      if (!Ctor->hasBody(Def))
        continue;
      for (const CXXCtorInitializer *Init :
           cast<CXXConstructorDecl>(Def)->inits()) {
        const FieldDecl *Member = Init->getMember();
        if (!Member || !Init->isWritten() || Member->getParent() != RD)
          continue;
        std::vector<std::string> &Reads =
            R.Fields[Member->getFieldIndex()].InitReads;
        MemberReads(RD, !Options.SkipFunctionBodies, Reads)
            .TraverseStmt(Init->getInit());
      }
    }
  }

  bool microsoftLayout() const {
    return Ctx.getTargetInfo().getCXXABI().isMicrosoft();
  }

  /// The most a field may be aligned under #pragma pack / packed (bits, 0 =
  /// no limit), as the layout builders start from.
  uint64_t maxFieldAlignment(const RecordDecl *RD) const {
    uint64_t Max = 0;
    if (const auto *MFAA = RD->getAttr<MaxFieldAlignmentAttr>())
      Max = MFAA->getAlignment();
    if (microsoftLayout() && RD->hasAttr<PackedAttr>())
      Max = 8;
    return Max;
  }

  bool fieldPacked(const FieldDecl *FD) const {
    const RecordDecl *RD = FD->getParent();
    const CXXRecordDecl *FieldClass = FD->getType()->getAsCXXRecordDecl();
    const llvm::Triple &T = Ctx.getTargetInfo().getTriple();
    return (RD->hasAttr<PackedAttr>() &&
            (!FieldClass || FieldClass->isPOD() ||
             FieldClass->hasAttr<PackedAttr>() || T.isPS() || T.isOSDarwin() ||
             T.isOSAIX())) ||
           FD->hasAttr<PackedAttr>();
  }

  /// The alignment (bits) a field gets in its record.
  FieldLayout fieldLayout(const FieldDecl *FD, const ASTRecordLayout &L,
                          unsigned Index) const {
    FieldLayout Out;
    Out.OffsetBits = L.getFieldOffset(Index);
    QualType T = FD->getType();
    TypeInfo TI = Ctx.getTypeInfo(T);
    uint64_t TypeAlign = TI.Align;
    uint64_t MaxField = maxFieldAlignment(FD->getParent());
    uint64_t Explicit = FD->getMaxAlignment();
    bool Packed = fieldPacked(FD);
    unsigned Width = FD->isBitField() && !FD->getBitWidth()->isValueDependent()
                         ? FD->getBitWidthValue(Ctx)
                         : 0;
    uint64_t Align;
    if (microsoftLayout()) {
      uint64_t Required = Explicit;
      if (Ctx.isAlignmentRequired(T))
        Required = std::max<uint64_t>(Required, TypeAlign);
      if (const auto *FRD = T->getAsRecordDecl(); FRD && !FD->isBitField())
        Required = std::max<uint64_t>(
            Required,
            Ctx.toBits(Ctx.getASTRecordLayout(FRD).getRequiredAlignment()));
      Align = TypeAlign;
      if (MaxField)
        Align = std::min(Align, MaxField);
      if (FD->hasAttr<PackedAttr>())
        Align = 8;
      Align = std::max(Align, Required);
    } else if (FD->isBitField()) {
      Align = TypeAlign;
      const TargetInfo &TInfo = Ctx.getTargetInfo();
      if (!TInfo.useBitFieldTypeAlignment() &&
          !(Width == 0 && TInfo.useZeroLengthBitfieldAlignment()))
        Align = 1;
      uint64_t Unpacked = Align;
      if (Packed && Width != 0)
        Align = 1;
      if (Explicit) {
        Align = std::max(Align, Explicit);
        Unpacked = std::max(Unpacked, Explicit);
      }
      if (MaxField && Width) {
        Unpacked = std::min(Unpacked, MaxField);
        Align = Packed ? Unpacked : std::min(Align, MaxField);
      }
    } else {
      Align = Packed ? 8 : TypeAlign;
      Align = std::max(Align, Explicit);
      if (MaxField)
        Align = std::min(Align, MaxField);
    }
    if (FD->isBitField()) {
      Out.StorageUnitBits = TI.Width;
      Out.BitAlignBits = Align;
      Out.BitFieldMayPad = MaxField == 0;
      Out.SizeBytes = (Width + 7) / 8;
      Out.AlignBytes = std::max<uint64_t>(1, Align / 8);
      return Out;
    }
    Out.AlignBytes = std::max<uint64_t>(1, Align / 8);
    if (isFlexibleArray(FD) || T->isIncompleteArrayType())
      Out.SizeBytes = 0;
    else if (FD->isPotentiallyOverlapping()) {
      const ASTRecordLayout &FL =
          Ctx.getASTRecordLayout(T->getAsCXXRecordDecl());
      Out.SizeBytes = T->getAsCXXRecordDecl()->isEmpty()
                          ? 0
                          : std::max(FL.getNonVirtualSize(), FL.getDataSize())
                                .getQuantity();
    } else
      Out.SizeBytes = Ctx.toCharUnitsFromBits(TI.Width).getQuantity();
    if (!T->isIncompleteType() && !T->isDependentType())
      Out.NaturalAlignBytes = std::max<uint64_t>(
          Ctx.getTypeAlignInChars(T).getQuantity(), FD->getMaxAlignment() / 8);
    uint64_t Count = 0;
    QualType Element = elementType(T, Count);
    if (!Element.isNull() && !Element->isIncompleteType() &&
        !Element->isDependentType())
      Out.ElementBytes = Ctx.getTypeSizeInChars(Element).getQuantity();
    return Out;
  }

  TargetLayout layout(const RecordDecl *RD) const {
    const ASTRecordLayout &L = Ctx.getASTRecordLayout(RD);
    TargetLayout T;
    const TargetInfo &TI = Ctx.getTargetInfo();
    T.Triple = TI.getTriple().str();
    T.Target = Options.TargetName.empty() ? T.Triple : Options.TargetName;
    T.TargetRank = Options.TargetRank;
    T.MicrosoftLayout = microsoftLayout();
    T.PointerBytes = TI.getPointerWidth(LangAS::Default) / 8;
    T.CacheLineBytes = Options.CacheLineBytes ? Options.CacheLineBytes
                                              : defaultCacheLineBytes(T.Triple);
    T.InterferenceBytes = interferenceBytes();
    T.Size = L.getSize().getQuantity();
    T.Align = L.getAlignment().getQuantity();
    T.DataSize = L.getDataSize().getQuantity();
    unsigned Index = 0;
    for (const FieldDecl *FD : RD->fields())
      T.Fields.push_back(fieldLayout(FD, L, Index++));

    const auto *CXX = dyn_cast<CXXRecordDecl>(RD);
    if (!CXX)
      return T;
    T.HasOwnVFPtr = L.hasOwnVFPtr();
    T.HasOwnVBPtr = L.hasOwnVBPtr();
    if (T.HasOwnVFPtr)
      T.FieldsBegin = T.PointerBytes;
    if (L.hasVBPtr()) {
      T.VBPtrOffset = L.getVBPtrOffset().getQuantity();
      if (T.HasOwnVBPtr)
        T.FieldsBegin =
            std::max<uint64_t>(T.FieldsBegin, T.VBPtrOffset + T.PointerBytes);
    }
    for (const CXXBaseSpecifier &B : CXX->bases()) {
      const CXXRecordDecl *BRD = B.getType()->getAsCXXRecordDecl();
      if (!BRD)
        continue;
      const ASTRecordLayout &BL = Ctx.getASTRecordLayout(BRD);
      BaseLayout Base;
      Base.Name = B.getType().getAsString(Policy);
      Base.IsVirtual = B.isVirtual();
      Base.IsEmpty = BRD->isEmpty();
      Base.Offset = (B.isVirtual() ? L.getVBaseClassOffset(BRD)
                                   : L.getBaseClassOffset(BRD))
                        .getQuantity();
      Base.Size = BL.getNonVirtualSize().getQuantity();
      if (!B.isVirtual()) {
        if (Base.IsEmpty)
          T.BasesEnd = std::max<uint64_t>(
              T.BasesEnd, Base.Offset + BL.getSize().getQuantity());
        else
          T.FieldsBegin = std::max(T.FieldsBegin, Base.Offset + Base.Size);
      }
      T.Bases.push_back(Base);
    }
    T.BasesEnd = std::max(T.BasesEnd, T.FieldsBegin);
    return T;
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  const ExtractOptions &Options;
  PrintingPolicy Policy;
  SourceMapper Map;
  mutable std::optional<uint64_t> Interference;
};

class ExtractConsumer : public ASTConsumer {
public:
  ExtractConsumer(TUFacts &Out, const ExtractOptions &Options)
      : Out(Out), Options(Options) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return; // A broken TU's layouts can't be trusted.
    Out = extractFacts(Ctx, Options);
  }

private:
  TUFacts &Out;
  const ExtractOptions &Options;
};

class ExtractAction : public ASTFrontendAction {
public:
  ExtractAction(TUFacts &Out, const ExtractOptions &Options)
      : Out(Out), Options(Options) {}

protected:
  bool BeginInvocation(CompilerInstance &CI) override {
    CI.getFrontendOpts().SkipFunctionBodies = Options.SkipFunctionBodies;
    return true;
  }
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<ExtractConsumer>(Out, Options);
  }

private:
  TUFacts &Out;
  const ExtractOptions &Options;
};

class ExtractFactory : public tooling::FrontendActionFactory {
public:
  ExtractFactory(TUFacts &Out, const ExtractOptions &Options)
      : Out(Out), Options(Options) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<ExtractAction>(Out, Options);
  }

private:
  TUFacts &Out;
  ExtractOptions Options;
};

} // namespace

TUFacts extractFacts(ASTContext &Ctx, const ExtractOptions &Options) {
  RecordCollector Collector(Ctx.getSourceManager());
  Collector.TraverseDecl(Ctx.getTranslationUnitDecl());
  FactsBuilder Builder(Ctx, Options);
  TUFacts Out;
  Out.MainFile = Builder.mainFile();
  Out.Evidence.Files = filesRead(Ctx);
  std::vector<const RecordDecl *> Wanted;
  for (const RecordDecl *RD : Collector.Records)
    if (Builder.wanted(RD)) {
      Out.Records.push_back(Builder.build(RD));
      Wanted.push_back(RD);
    }
  if (!Options.SkipFunctionBodies) {
    RecordIndex Index;
    for (size_t I = 0; I < Wanted.size(); ++I)
      Index[Wanted[I]] = &Out.Records[I];
    TUThreads Threads =
        collectCallGraph(Ctx, Options.ThreadStarters, Out.CallGraph);
    collectUses(Ctx, Index, Threads, Out);
    collectInstances(Ctx, Index);
    collectAccesses(Ctx, Index);
    if (Options.CollectEvidence)
      collectEvidence(Ctx, Index, Out.Evidence);
  }
  if (!Options.FixFacts)
    for (RecordFacts &R : Out.Records)
      R.InitSites.clear();
  return Out;
}

std::unique_ptr<tooling::FrontendActionFactory>
newExtractActionFactory(TUFacts &Out, const ExtractOptions &Options) {
  return std::make_unique<ExtractFactory>(Out, Options);
}

} // namespace structlayout
