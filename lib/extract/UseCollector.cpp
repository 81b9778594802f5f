//===- UseCollector.cpp - How a TU uses its records -----------------------===//

#include "UseCollector.h"
#include "CallGraphCollector.h"
#include "NameWords.h"
#include "SourceMapper.h"
#include "StdContainers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

#include <set>

using namespace clang;

namespace structlayout {
namespace {

/// Functions through which a record's bytes leave or enter the program.
bool movesBytes(llvm::StringRef Name) {
  static const std::set<llvm::StringRef> Names = {"memcpy",
                                                  "memmove",
                                                  "memcmp",
                                                  "__builtin_memcpy",
                                                  "__builtin_memmove",
                                                  "fwrite",
                                                  "fread",
                                                  "send",
                                                  "recv",
                                                  "sendto",
                                                  "recvfrom",
                                                  "write",
                                                  "read",
                                                  "pwrite",
                                                  "pread",
                                                  "mmap",
                                                  "bcopy",
                                                  "memccpy"};
  return Names.count(Name);
}

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &Ctx, const RecordIndex &Records,
            const TUThreads &Threads)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Map(SM, Ctx.getLangOpts()),
        Records(Records), Threads(Threads) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  // A lambda's body is its call operator's, which may run on a thread of
  // its own (std::thread t([&] { ... })).
  bool TraverseLambdaExpr(LambdaExpr *E) {
    Functions.push_back(E->getCallOperator());
    bool Result = RecursiveASTVisitor::TraverseLambdaExpr(E);
    Functions.pop_back();
    return Result;
  }

  bool TraverseDecl(Decl *D) {
    if (SourceMapper::inSystemHeader(SM, D))
      return true;
    const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (FD)
      Functions.push_back(FD);
    if (FD && FD->doesThisDeclarationHaveABody() && FD->getIdentifier()) {
      Defined.insert(FD->getQualifiedNameAsString());
      if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
        defineOverridden(MD);
    }
    bool Result = RecursiveASTVisitor::TraverseDecl(D);
    if (FD)
      Functions.pop_back();
    return Result;
  }

  /// A virtual call to Base::f runs an overrider: the overrider's body is
  /// what a call to f (pure, or not) runs, so defining it defines f.
  void defineOverridden(const CXXMethodDecl *MD) {
    for (const CXXMethodDecl *O : MD->overridden_methods())
      if (O->getIdentifier() &&
          Defined.insert(O->getQualifiedNameAsString()).second)
        defineOverridden(O);
  }

  bool VisitOffsetOfExpr(OffsetOfExpr *E) {
    if (ContainerOf.count(E))
      return true;
    hazard(E->getTypeSourceInfo()->getType(), Hazard::OffsetOf, E, "offsetof");
    // offsetof(Outer, in.c) depends on Inner's layout too.
    for (unsigned I = 0; I < E->getNumComponents(); ++I)
      if (E->getComponent(I).getKind() == OffsetOfNode::Field)
        if (RecordFacts *R = find(E->getComponent(I).getField()->getParent()))
          add(*R, Hazard::OffsetOf, E, "offsetof");
    return true;
  }

  bool VisitBuiltinBitCastExpr(BuiltinBitCastExpr *E) {
    hazard(E->getSubExpr()->getType(), Hazard::PointerCast, E, "bit_cast");
    hazard(E->getType(), Hazard::PointerCast, E, "bit_cast");
    return true;
  }

  bool VisitCXXParenListInitExpr(CXXParenListInitExpr *E) {
    if (RecordFacts *R = find(E->getType()->getAsRecordDecl()))
      unsupported(*R, E, "parenthesised aggregate initialiser");
    return true;
  }

  bool VisitDecompositionDecl(DecompositionDecl *D) {
    if (RecordFacts *R =
            find(D->getType().getNonReferenceType()->getAsRecordDecl()))
      add(*R, Hazard::UnsupportedInit, D, "structured binding");
    return true;
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    // A defaulted <=>, <, >... compares fields in declaration order.
    OverloadedOperatorKind Op = FD->getOverloadedOperator();
    if (!FD->isDefaulted() ||
        (Op != OO_Spaceship && Op != OO_Less && Op != OO_Greater &&
         Op != OO_LessEqual && Op != OO_GreaterEqual))
      return true;
    RecordFacts *R = nullptr;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      R = find(MD->getParent());
    else if (FD->getNumParams())
      R = find(FD->getParamDecl(0)
                   ->getType()
                   .getNonReferenceType()
                   ->getAsRecordDecl());
    if (R)
      add(*R, Hazard::UnsupportedInit, FD, "defaulted comparison");
    return true;
  }

  // Writes: who changes which field (DESIGN.md section 2, access facts).
  bool VisitBinaryOperator(BinaryOperator *E) {
    if (E->isAssignmentOp())
      noteWrite(E->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *E) {

    // `&q->lock` handed to pthread_mutex_lock, atomic_fetch_add...: the
    // callee may write through it.
    if (E->isIncrementDecrementOp() ||
        (E->getOpcode() == UO_AddrOf &&
         !E->getSubExpr()->getType().isConstQualified() &&
         !ReadOnlyAddress.count(E)))
      noteWrite(E->getSubExpr());
    return true;
  }
  // An address handed over only to be read: an atomic load, a parameter
  // that points to const. Parents are visited before their operands.
  bool VisitAtomicExpr(AtomicExpr *E) {
    switch (E->getOp()) {
    case AtomicExpr::AO__c11_atomic_load:
    case AtomicExpr::AO__atomic_load_n:
    case AtomicExpr::AO__atomic_load:
    case AtomicExpr::AO__opencl_atomic_load:
    case AtomicExpr::AO__hip_atomic_load:
    case AtomicExpr::AO__scoped_atomic_load:
    case AtomicExpr::AO__scoped_atomic_load_n:
      readOnly(E->getPtr());
      break;
    default:
      break;
    }
    return true;
  }
  void readOnly(const Expr *Arg) {
    if (const auto *U = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts()))
      if (U->getOpcode() == UO_AddrOf)
        ReadOnlyAddress.insert(U);
  }
  /// A pointer to a record handed to a function this TU can't see into.
  void noteOpaqueCall(const CallExpr *E) {
    const FunctionDecl *Callee = E->getDirectCallee();
    if (!Callee || Callee->hasBody() || !Callee->getIdentifier() ||
        Callee->getBuiltinID() ||
        SM.isInSystemHeader(SM.getFileLoc(Callee->getLocation())))
      return;
    for (const Expr *Arg : E->arguments()) {
      RecordFacts *R = pointee(Arg);
      if (!R || R->OpaqueCalls.size() >= 64)
        continue;
      std::string Name = Callee->getQualifiedNameAsString();
      if (llvm::none_of(R->OpaqueCalls, [&](const RecordFacts::OpaqueCall &C) {
            return C.Callee == Name;
          }))
        R->OpaqueCalls.push_back(
            {Map.loc(SM.getFileLoc(E->getBeginLoc())), std::move(Name)});
    }
  }

  /// Arguments for pointer parameters: `&s->f` for a `const T *` is read;
  /// an array field that decays to a `T *` may be written (`accept(s->err)`).
  void noteArguments(const CallExpr *E) {
    const FunctionDecl *Callee = E->getDirectCallee();
    if (!Callee)
      return;
    for (unsigned I = 0; I < E->getNumArgs() && I < Callee->getNumParams();
         ++I) {
      QualType P = Callee->getParamDecl(I)->getType();
      if (!P->isPointerType())
        continue;
      const Expr *Arg = E->getArg(I);
      if (P->getPointeeType().isConstQualified())
        readOnly(Arg);
      else if (Arg->IgnoreParenImpCasts()->getType()->isArrayType())
        noteWrite(Arg);
    }
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *E) {
    const CXXMethodDecl *M = E->getMethodDecl();
    if (M && !M->isConst())
      noteWrite(E->getImplicitObjectArgument());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *E) {
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(E->getCalleeDecl());
    if (M && !M->isConst() && E->getNumArgs())
      noteWrite(E->getArg(0));
    return true;
  }

  // Allocations that only guarantee the default alignment.
  bool VisitCXXNewExpr(CXXNewExpr *E) {
    if (E->getNumPlacementArgs() || Ctx.getLangOpts().AlignedAllocation)
      return true;
    noteAllocation(E->getAllocatedType(), E->getBeginLoc(),
                   "'new' without aligned new (before C++17, or "
                   "-fno-aligned-new)");
    return true;
  }
  bool VisitCastExpr(CastExpr *E) {
    const auto *Call =
        dyn_cast<CallExpr>(E->getSubExpr()->IgnoreParenImpCasts());
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || !E->getType()->isPointerType() ||
        !E->getSubExpr()->IgnoreParenImpCasts()->getType()->isVoidPointerType())
      return true;
    llvm::StringRef Name = Callee->getName();
    if (Name == "malloc" || Name == "calloc" || Name == "realloc")
      noteAllocation(E->getType()->getPointeeType(), E->getBeginLoc(),
                     Name.str() + "() result used as a pointer to it");
    return true;
  }

  // Standard containers allocate with std::allocator, which ignores
  // over-alignment until aligned new (C++17).
  bool VisitVarDecl(VarDecl *D) {
    noteContainer(D->getType(), D->getLocation());
    return true;
  }
  bool VisitFieldDecl(FieldDecl *D) {
    noteContainer(D->getType(), D->getLocation());
    return true;
  }
  void noteContainer(QualType T, SourceLocation Where) {
    if (Ctx.getLangOpts().AlignedAllocation || T.isNull() ||
        T->isDependentType())
      return;
    const ClassTemplateSpecializationDecl *Spec = nullptr;
    StdContainer Kind = stdContainer(T, &Spec);
    if (Kind != StdContainer::Contiguous && Kind != StdContainer::Nodes)
      return;
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    // Only the standard allocator is known to ignore it.
    const TemplateArgument &Alloc = Args[Args.size() - 1];
    const auto *A = Alloc.getKind() == TemplateArgument::Type
                        ? Alloc.getAsType()->getAsCXXRecordDecl()
                        : nullptr;
    if (!A || A->getName() != "allocator" || !A->isInStdNamespace())
      return;
    // Elements, and the keys and values of maps.
    for (unsigned I = 0; I + 1 < Args.size() && I < 2; ++I)
      if (Args[I].getKind() == TemplateArgument::Type)
        noteAllocation(Args[I].getAsType(), Where,
                       "std::" + Spec->getName().str() +
                           " with std::allocator, which ignores "
                           "over-alignment before C++17 aligned new");
  }

  void noteAllocation(QualType T, SourceLocation Where, std::string How) {
    RecordFacts *R = find(T->getAsRecordDecl());
    if (!R || T->isDependentType() || T->isIncompleteType())
      return;
    // Every one for an over-aligned record (each is a finding), a few to
    // name for the others (why it must not become one).
    uint64_t Guaranteed = Ctx.getTargetInfo().getNewAlign() / 8;
    if (uint64_t(Ctx.getTypeAlignInChars(T).getQuantity()) <= Guaranteed &&
        R->UnalignedAllocations.size() >= 4)
      return;
    SourceLoc Loc = Map.loc(SM.getFileLoc(Where));
    for (const RecordFacts::Allocation &A : R->UnalignedAllocations)
      if (A.Loc.File == Loc.File && A.Loc.Offset == Loc.Offset)
        return;
    R->UnalignedAllocations.push_back({Loc, std::move(How), Guaranteed});
  }

  /// `slots[i] = v` in a thread's code, `i` a thread's own: one slot per
  /// thread. A member array marks its field; an array or pointer variable,
  /// or a member pointer, marks the element's record.
  void noteSlotWrite(const Expr *Subscript, const Expr *Base, const Expr *Index,
                     bool HandedToThread = false) {
    if (!HandedToThread && !identifiesThread(Index, Threads))
      return;
    Base = Base->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(Base))
      if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
          FD && !FD->getType()->isPointerType()) {
        RecordFacts *R = find(FD->getParent());
        if (R && FD->getFieldIndex() < R->Fields.size())
          R->Fields[FD->getFieldIndex()].IndexedByThread = true;
        return;
      }
    RecordFacts *Element = find(Subscript->getType()->getAsRecordDecl());
    if (!Element || Element->ThreadSlots.size() >= 8)
      return;
    SourceLoc Loc = Map.loc(SM.getFileLoc(Subscript->getBeginLoc()));
    for (const PerThreadSlots &S : Element->ThreadSlots)
      if (S.Loc.File == Loc.File && S.Loc.Offset == Loc.Offset)
        return;
    Element->ThreadSlots.push_back(
        {std::move(Loc), sourceText(Base), sourceText(Index), HandedToThread});
  }

  /// `pthread_create(&t, 0, worker, &slots[i])`, or `t = &slots[i]`
  /// handed over: the element is the new thread's own.
  void noteHandedSlots() {
    for (const Expr *Arg : Threads.StartArguments) {
      if (const auto *R = dyn_cast<DeclRefExpr>(Arg))
        if (const auto *V = dyn_cast<VarDecl>(R->getDecl());
            V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) && V->getInit() &&
            V->getType()->isPointerType())
          Arg = V->getInit();
      noteBoundElement(Arg, /*HandedToThread=*/true);
    }
  }

  /// The initialiser of a local bound to an element: `slots[i]`,
  /// `&slots[i]`.
  void noteBoundElement(const Expr *Init, bool HandedToThread = false) {
    Init = Init->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(Init);
        U && U->getOpcode() == UO_AddrOf)
      Init = U->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(Init))
      noteSlotWrite(A, A->getBase(), A->getIdx(), HandedToThread);
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Init);
             Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
      noteSlotWrite(Op, Op->getArg(0), Op->getArg(1), HandedToThread);
  }

  std::string sourceText(const Expr *E) const {
    CharSourceRange Range = CharSourceRange::getTokenRange(
        SM.getFileLoc(E->getBeginLoc()), SM.getFileLoc(E->getEndLoc()));
    return Lexer::getSourceText(Range, SM, Ctx.getLangOpts()).str();
  }

  /// In a function that starts threads, before it first does: the threads
  /// do not exist yet, so the write has no rival.
  bool beforeThreads(const Expr *E) const {
    if (Functions.empty())
      return false;
    auto It = Threads.FirstStart.find(Functions.back());
    return It != Threads.FirstStart.end() && It->second.isValid() &&
           SM.isBeforeInTranslationUnit(SM.getFileLoc(E->getBeginLoc()),
                                        It->second);
  }

  /// The field \p E names, of an indexed record, in a function that is not
  /// a constructor, a destructor or a C-style one (`init_queue`,
  /// `pool_free`): those run before or after the threads that share it.
  FieldFacts *accessedField(const Expr *E) const {
    const auto *ME =
        dyn_cast_or_null<MemberExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (!FD || Functions.empty() || isa<CXXConstructorDecl>(Functions.back()) ||
        isa<CXXDestructorDecl>(Functions.back()) ||
        (Functions.back()->getIdentifier() &&
         namesLifecycle(Functions.back()->getName())))
      return nullptr;
    RecordFacts *R = find(FD->getParent());
    unsigned Index = FD->getFieldIndex();
    return R && Index < R->Fields.size() ? &R->Fields[Index] : nullptr;
  }

  static void addFunction(std::vector<std::string> &To, const FunctionDecl *F,
                          size_t Cap) {
    if (To.size() >= Cap)
      return;
    std::string Name = functionName(F);
    if (!llvm::is_contained(To, Name))
      To.push_back(std::move(Name));
  }

  /// If \p E names a field of an indexed record, the enclosing function
  /// writes it.
  void noteWrite(const Expr *E) {
    if (beforeThreads(E))
      return;
    // `s.slots[i] = v`, `s.inner.x = v`, `s.arr[i].x++`: every field on the
    // way is written, up to a pointer (`p->x` writes *p, not p).
    while (E) {
      E = E->IgnoreParenImpCasts();
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
        noteSlotWrite(A, A->getBase(), A->getIdx());
        E = A->getBase();
        continue;
      }
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
          Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
        noteSlotWrite(Op, Op->getArg(0), Op->getArg(1));
        E = Op->getArg(0);
        continue;
      }
      // `T &d = slots[tid]; d.x++`, `T *p = &slots[tid]; p->x++`: the
      // element is written.
      if (const auto *R = dyn_cast<DeclRefExpr>(E)) {
        const auto *V = dyn_cast<VarDecl>(R->getDecl());
        if (V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) && V->getInit() &&
            (V->getType()->isReferenceType() || V->getType()->isPointerType()))
          noteBoundElement(V->getInit());
        return;
      }
      const auto *ME = dyn_cast<MemberExpr>(E);
      if (!ME)
        return;
      if (ME->isArrow())
        if (const auto *R =
                dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenImpCasts()))
          if (const auto *V = dyn_cast<VarDecl>(R->getDecl());
              V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) && V->getInit())
            noteBoundElement(V->getInit());
      if (FieldFacts *F = accessedField(ME))
        addFunction(F->Writers, Functions.back(), ~size_t(0));
      if (ME->isArrow())
        return;
      E = ME->getBase();
    }
  }

  bool VisitMemberExpr(MemberExpr *E) {
    if (FieldFacts *F = accessedField(E))
      addFunction(F->Readers, Functions.back(), 32);
    return true;
  }

  bool VisitStaticAssertDecl(StaticAssertDecl *D) {
    // sizeof/alignof of a record inside the condition pins its layout.
    struct Finder : RecursiveASTVisitor<Finder> {
      Collector &C;
      StaticAssertDecl *D;
      bool VisitUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *E) {
        QualType T = E->isArgumentType() ? E->getArgumentType()
                                         : E->getArgumentExpr()->getType();
        C.hazard(T, Hazard::StaticAssert, D, "static_assert");
        return true;
      }
    } F{{}, *this, D};
    if (D->getAssertExpr())
      F.TraverseStmt(D->getAssertExpr());
    return true;
  }

  bool VisitCallExpr(CallExpr *E) {
    noteArguments(E);
    noteOpaqueCall(E);
    const FunctionDecl *Callee = E->getDirectCallee();
    if (!Callee || !Callee->getIdentifier() || !movesBytes(Callee->getName()))
      return true;
    std::vector<RecordFacts *> Touched;
    for (const Expr *Arg : E->arguments())
      Touched.push_back(pointee(Arg));
    // Copying one object of a type to another of the same type does not
    // depend on the order of its fields.
    llvm::StringRef Name = Callee->getName();
    if (Touched.size() >= 2 && Touched[0] && Touched[0] == Touched[1] &&
        (Name.contains("memcpy") || Name.contains("memmove") ||
         Name == "memcmp"))
      return true;
    for (RecordFacts *R : Touched)
      if (R)
        add(*R, Hazard::ByteCopy, E, Name.str());
    return true;
  }

  bool VisitExplicitCastExpr(ExplicitCastExpr *E) {
    if (E->getCastKind() != CK_BitCast && E->getCastKind() != CK_LValueBitCast)
      return true;
    if (ContainerOf.count(E) || containerOf(E))
      return true;
    // Through any casts in between: (char *)(void *)&s reads s's bytes.
    QualType To = E->getType(),
             From = E->getSubExpr()->IgnoreParenCasts()->getType();
    RecordFacts *ToR = pointeeRecord(To), *FromR = pointeeRecord(From);
    noteOpaqueFirstMember(From, To);
    if (!ToR && !FromR)
      return true;
    if (isVoidPointer(To) || isVoidPointer(From) || ToR == FromR)
      return true;
    // C's common first member: `(struct base *)derived` and back.
    if (isa<CStyleCastExpr>(E)) {
      if (FromR && firstFieldIs(From, To)) {
        FromR->FirstMemberIsBase = true;
        return true;
      }
      if (ToR && firstFieldIs(To, From)) {
        ToR->FirstMemberIsBase = true;
        return true;
      }
    }
    const char *What =
        isa<CXXReinterpretCastExpr>(E) ? "reinterpret_cast" : "pointer cast";
    if (ToR)
      add(*ToR, Hazard::PointerCast, E, What);
    if (FromR)
      add(*FromR, Hazard::PointerCast, E, What);
    return true;
  }

  /// `*(void **)parser` in a TU that sees only `struct XML_ParserStruct;`
  /// (expat's XML_GetUserData): it reads the first member of a record
  /// another TU defines, which must stay first.
  void noteOpaqueFirstMember(QualType From, QualType To) {
    if (!From->isPointerType() || !To->isPointerType() || isVoidPointer(To) ||
        To->getPointeeType()->isCharType())
      return;
    const RecordDecl *Opaque = From->getPointeeType()->getAsRecordDecl();
    if (!Opaque || Opaque->getDefinition() ||
        To->getPointeeType()->getAsRecordDecl())
      return;
    llvm::SmallString<128> USR;
    if (!index::generateUSRForDecl(Opaque, USR))
      OpaqueFirstMembers.insert(USR.str().str());
  }

  bool VisitInitListExpr(InitListExpr *E) {
    InitListExpr *Sem =
        E->isSemanticForm() || !E->getSemanticForm() ? E : E->getSemanticForm();
    InitListExpr *Syn = Sem->getSyntacticForm() ? Sem->getSyntacticForm() : Sem;
    if (!Seen.insert(Syn).second)
      return true;
    findElidedBraces(Sem);
    if (zeroesAll(Syn, Sem->getType()))
      return true;
    const RecordDecl *RD = Sem->getType()->getAsRecordDecl();
    RecordFacts *R = RD ? find(RD) : nullptr;
    if (!R || RD->isUnion() || Syn->getNumInits() == 0)
      return true;
    if (!hasBraces(Syn)) {
      add(*R, Hazard::UnsupportedInit, E, "brace-elided initialiser");
      return true;
    }
    if (sharedTemplateText(RD))
      return unsupported(*R, E,
                         "initialiser in template code shared by "
                         "other types");
    InitSite Site;
    Site.Loc = Map.loc(Syn->getLBraceLoc());
    bool Designated = llvm::any_of(
        Syn->inits(), [](const Expr *I) { return isa<DesignatedInitExpr>(I); });
    if (Designated) {
      // C designators do not depend on the order, unless positional
      // elements follow them.
      if (!Ctx.getLangOpts().CPlusPlus) {
        if (!llvm::all_of(Syn->inits(), [](const Expr *I) {
              return isa<DesignatedInitExpr>(I);
            }))
          return unsupported(*R, E, "positional elements after designators");
        return true;
      }
      Site.Kind = InitSite::Designated;
      for (const Expr *I : Syn->inits()) {
        const auto *D = dyn_cast<DesignatedInitExpr>(I);
        if (!D || D->size() != 1 || !D->getDesignator(0)->isFieldDesignator() ||
            !D->getDesignator(0)->getFieldDecl())
          return unsupported(*R, E, "mixed or nested designators");
        Site.FieldOf.push_back(
            D->getDesignator(0)->getFieldDecl()->getFieldIndex());
      }
    } else {
      Site.Kind = InitSite::Positional;
      if (const auto *CXX = dyn_cast<CXXRecordDecl>(RD);
          CXX && CXX->getNumBases())
        return unsupported(*R, E, "aggregate initialiser of a derived class");
      std::vector<unsigned> Initialisable;
      for (const FieldDecl *FD : RD->fields())
        if (!FD->isUnnamedBitField())
          Initialisable.push_back(FD->getFieldIndex());
      if (Syn->getNumInits() > Initialisable.size() ||
          Syn->getNumInits() > Sem->getNumInits())
        return unsupported(*R, E, "brace-elided initialiser");
      for (unsigned I = 0; I < Syn->getNumInits(); ++I) {
        // Brace elision makes the semantic element a list of its own.
        const Expr *SemI = Sem->getInit(I)->IgnoreImplicit();
        const Expr *SynI = Syn->getInit(I)->IgnoreImplicit();
        if (const auto *L = dyn_cast<InitListExpr>(SemI);
            L && !hasBraces(L) && SemI != SynI)
          return unsupported(*R, E, "brace-elided initialiser");
        Site.FieldOf.push_back(Initialisable[I]);
      }
    }
    for (const Expr *I : Syn->inits())
      if (!element(Site, I->getBeginLoc(), I->getEndLoc()))
        return unsupported(*R, E, "initialiser written in a macro");
    Map.withComments(Syn->getLBraceLoc(), Site,
                     Map.loc(Syn->getRBraceLoc()).Offset);
    R->InitSites.push_back(std::move(Site));
    return true;
  }

  bool VisitCXXConstructorDecl(CXXConstructorDecl *D) {
    if (!D->isThisDeclarationADefinition() || D->isImplicit())
      return true;
    RecordFacts *R = find(D->getParent());
    if (!R)
      return true;
    InitSite Site;
    Site.Kind = InitSite::Constructor;
    Site.Loc = Map.loc(D->getLocation());
    for (const CXXCtorInitializer *Init : D->inits()) {
      if (!Init->isWritten())
        continue;
      if (Init->isIndirectMemberInitializer())
        return unsupported(*R, D, "initialiser of an anonymous member");
      if (!Init->isMemberInitializer())
        continue;
      Site.FieldOf.push_back(Init->getMember()->getFieldIndex());
      // In a template's instantiation the initialiser's own range can end
      // a token short (a member of dependent type): the bracket that closes
      // the one after the member's name is the end.
      SourceLocation Begin = Init->getSourceRange().getBegin();
      SourceLocation End = closingBracket(Begin);
      if (End.isInvalid())
        End = Init->getSourceRange().getEnd();
      if (!element(Site, Begin, End))
        return unsupported(*R, D, "mem-initialiser written in a macro");
    }
    if (Site.FieldOf.size() < 2)
      return true;
    SourceLoc Body =
        Map.loc(D->getBody() ? D->getBody()->getBeginLoc() : D->getEndLoc());
    Map.withComments(D->getLocation(), Site,
                     Body.File == Site.Loc.File ? Body.Offset : ~0u);
    R->InitSites.push_back(std::move(Site));
    return true;
  }

  bool VisitRecordDecl(RecordDecl *RD) {
    // A union that holds a record reads its bytes as something else.
    if (!RD->isUnion() || !RD->isCompleteDefinition())
      return true;
    for (const FieldDecl *FD : RD->fields())
      hazard(FD->getType(), Hazard::UnionMember, FD, "union member");
    return true;
  }

private:
  /// Is the code being walked an instantiation whose text other types share?
  /// A class template's own members are fixed with the template, as one.
  bool sharedTemplateText(const RecordDecl *RD) const {
    if (Functions.empty() || !Functions.back()->isTemplateInstantiation())
      return false;
    const auto *MD = dyn_cast<CXXMethodDecl>(Functions.back());
    return !(MD && MD->getParent()->getDefinition() == RD->getDefinition() &&
             !Functions.back()->getPrimaryTemplate());
  }

  /// After the name at \p Name, the ')' or '}' that closes the bracket
  /// that follows it; invalid if the text is not that (macros).
  SourceLocation closingBracket(SourceLocation Name) const {
    if (Name.isInvalid() || Name.isMacroID())
      return {};
    const LangOptions &LO = Ctx.getLangOpts();
    SourceLocation L = Lexer::getLocForEndOfToken(Name, 0, SM, LO);
    int Depth = 0;
    for (int Guard = 0; L.isValid() && Guard < 100000; ++Guard) {
      Token T;
      if (Lexer::getRawToken(L, T, SM, LO, /*IgnoreWhiteSpace=*/true))
        return {};
      if (T.isOneOf(tok::l_paren, tok::l_brace, tok::l_square))
        ++Depth;
      else if (T.isOneOf(tok::r_paren, tok::r_brace, tok::r_square) &&
               --Depth == 0)
        return T.getLocation();
      else if (Depth == 0 || T.is(tok::eof))
        return {};
      L = T.getEndLoc();
    }
    return {};
  }

  /// Clang gives lists whose braces were elided the location of their first
  /// element: only a written '{' is a brace.
  bool hasBraces(const InitListExpr *L) const {
    SourceLocation B = L->getLBraceLoc();
    if (B.isInvalid() || B.isMacroID())
      return B.isMacroID();
    bool Invalid = false;
    const char *C = SM.getCharacterData(B, &Invalid);
    return !Invalid && *C == '{';
  }

  /// `S arr[2] = {1, 2, 3, 4}`: the braces of each S were left out, so its
  /// elements can't be told apart in the text. In C, lists that designators
  /// make (`[0].x = 1`, `.in.y = 2`) name their fields: no order in them,
  /// when every element of the written list has a designator, and none
  /// gives a record a value without braces (`[2] = 5` sets its first field).
  void findElidedBraces(const InitListExpr *Sem, bool ByDesignators = false) {
    const InitListExpr *Syn =
        Sem->getSyntacticForm() ? Sem->getSyntacticForm() : Sem;
    if (zeroesAll(Syn, Sem->getType()))
      return;
    if (!ByDesignators && !Ctx.getLangOpts().CPlusPlus && Syn->getNumInits() &&
        llvm::all_of(Syn->inits(), [](const Expr *I) {
          return isa<DesignatedInitExpr>(I);
        })) {
      ByDesignators = true;
      for (const Expr *I : Syn->inits())
        if (RecordFacts *R =
                find(elidedBy(Sem->getType(), cast<DesignatedInitExpr>(I))))
          add(*R, Hazard::UnsupportedInit, I, "brace-elided initialiser");
    }
    for (const Expr *I : Sem->inits()) {
      const auto *L =
          dyn_cast_or_null<InitListExpr>(I ? I->IgnoreImplicit() : nullptr);
      if (!L)
        continue;
      bool Braced = hasBraces(L);
      if (!Braced && !ByDesignators)
        if (RecordFacts *R = find(L->getType()->getAsRecordDecl()))
          add(*R, Hazard::UnsupportedInit, Sem, "brace-elided initialiser");
      findElidedBraces(L, ByDesignators && !Braced);
    }
  }

  /// The record whose braces \p D leaves out: what it designates in a
  /// \p List is a record (or an array of them) and its value is neither a
  /// braced list nor such a record.
  const RecordDecl *elidedBy(QualType List, const DesignatedInitExpr *D) {
    QualType T = List;
    for (const DesignatedInitExpr::Designator &Des : D->designators()) {
      if (Des.isFieldDesignator() && Des.getFieldDecl())
        T = Des.getFieldDecl()->getType();
      else if (const ArrayType *A = Ctx.getAsArrayType(T))
        T = A->getElementType();
      else
        return nullptr;
    }
    const RecordDecl *RD = Ctx.getBaseElementType(T)->getAsRecordDecl();
    const Expr *Value = D->getInit()->IgnoreParenImpCasts();
    if (!RD || isa<InitListExpr>(Value) ||
        Ctx.getBaseElementType(Value->getType())->getAsRecordDecl() == RD)
      return nullptr;
    return RD;
  }

  /// `= {0}`: in C it gives every field zero, whatever their order; in C++
  /// only when 0 converts to every field (of each element) and none has a
  /// default member initialiser.
  bool zeroesAll(const InitListExpr *Syn, QualType T) const {
    if (Syn->getNumInits() != 1 || !hasBraces(Syn))
      return false;
    const auto *Zero =
        dyn_cast<IntegerLiteral>(Syn->getInit(0)->IgnoreParenImpCasts());
    if (!Zero || Zero->getValue() != 0)
      return false;
    if (!Ctx.getLangOpts().CPlusPlus)
      return true;
    const RecordDecl *RD = Ctx.getBaseElementType(T)->getAsRecordDecl();
    return RD && llvm::all_of(RD->fields(), [](const FieldDecl *FD) {
             QualType F = FD->getType();
             return !FD->hasInClassInitializer() &&
                    (F->isBuiltinType() || F->isAnyPointerType() ||
                     F->isMemberPointerType());
           });
  }

  RecordFacts *find(const RecordDecl *RD) const {
    if (!RD || !(RD = RD->getDefinition()))
      return nullptr;
    auto It = Records.find(RD);
    return It == Records.end() ? nullptr : It->second;
  }

  RecordFacts *pointeeRecord(QualType T) const {
    if (T->isPointerType() || T->isReferenceType())
      T = T->getPointeeType();
    else
      return nullptr;
    return find(T->getAsRecordDecl());
  }

  static bool isVoidPointer(QualType T) {
    return T->isPointerType() && T->getPointeeType()->isVoidType();
  }

  /// The record an argument points at: `&s`, `s_ptr`, an array of them,
  /// through any casts (to void * and the like).
  RecordFacts *pointee(const Expr *Arg) const {
    QualType T = Arg->IgnoreParenCasts()->getType();
    if (const auto *A = Ctx.getAsArrayType(T))
      return find(Ctx.getBaseElementType(A)->getAsRecordDecl());
    return pointeeRecord(T);
  }

  /// `(T *)((char *)p - offsetof(T, m))`: the object whose member m p
  /// points to. The offset and the cast see the same layout, whatever the
  /// order of T's fields, so neither the offsetof, the cast to T * nor the
  /// cast of p to bytes depends on it. Marks the parts, visited after it.
  bool containerOf(const ExplicitCastExpr *E) {
    const auto *Sub =
        dyn_cast<BinaryOperator>(E->getSubExpr()->IgnoreParenImpCasts());
    if (!Sub || Sub->getOpcode() != BO_Sub || !E->getType()->isPointerType())
      return false;
    const auto *Offset =
        dyn_cast<OffsetOfExpr>(Sub->getRHS()->IgnoreParenImpCasts());
    QualType Bytes = Sub->getLHS()->getType();
    if (!Offset || !Bytes->isPointerType() ||
        !(Bytes->getPointeeType()->isCharType() ||
          Bytes->getPointeeType()->isVoidType()) ||
        !Ctx.hasSameUnqualifiedType(Offset->getTypeSourceInfo()->getType(),
                                    E->getType()->getPointeeType()))
      return false;
    ContainerOf.insert(Offset);
    if (const auto *P =
            dyn_cast<ExplicitCastExpr>(Sub->getLHS()->IgnoreParenImpCasts()))
      ContainerOf.insert(P);
    return true;
  }

  /// Does \p Pointer point to the type of the first field of the record
  /// \p RecordPointer points to (through typedefs and qualifiers)?
  bool firstFieldIs(QualType RecordPointer, QualType Pointer) const {
    if (!Pointer->isPointerType() || !RecordPointer->isPointerType())
      return false;
    const RecordDecl *RD = RecordPointer->getPointeeType()->getAsRecordDecl();
    RD = RD ? RD->getDefinition() : nullptr;
    QualType Base = Pointer->getPointeeType();
    return RD && !RD->field_empty() && Base->isRecordType() &&
           Ctx.hasSameUnqualifiedType(RD->field_begin()->getType(), Base);
  }

  template <typename Node>
  void add(RecordFacts &R, Hazard::KindType Kind, const Node *N,
           std::string Detail) {
    R.Hazards.push_back({Kind, Map.loc(N->getBeginLoc()), std::move(Detail)});
  }

  template <typename Node>
  void hazard(QualType T, Hazard::KindType Kind, const Node *N,
              const char *Detail) {
    if (RecordFacts *R = find(Ctx.getBaseElementType(T)->getAsRecordDecl()))
      add(*R, Kind, N, Detail);
  }

  template <typename Node>
  bool unsupported(RecordFacts &R, const Node *N, const char *Why) {
    add(R, Hazard::UnsupportedInit, N, Why);
    return true;
  }

  /// Adds the text of one element. An element may be a macro (`NULL`); the
  /// elements must still be apart from each other in the file.
  bool element(InitSite &Site, SourceLocation Begin, SourceLocation End) {
    Begin = SM.getExpansionRange(Begin).getBegin();
    End = SM.getExpansionRange(End).getEnd();
    SourceSpan S = Map.span(Begin, End, Site.Loc.File);
    if (!S.valid() || S.Begin <= Site.Loc.Offset ||
        (!Site.Elements.empty() && S.Begin < Site.Elements.back().End))
      return false;
    Site.Elements.push_back(S);
    Site.Texts.push_back(Map.text(Begin, S));
    return true;
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  SourceMapper Map;
  const RecordIndex &Records;
  const TUThreads &Threads;
  llvm::DenseSet<const InitListExpr *> Seen;
  llvm::DenseSet<const UnaryOperator *> ReadOnlyAddress;
  /// The parts of a container_of expression.
  llvm::DenseSet<const Expr *> ContainerOf;

public:
  std::set<std::string> Defined;               ///< Functions with bodies here.
  std::set<std::string> OpaqueFirstMembers;    ///< USRs: see TUFacts.
  std::vector<const FunctionDecl *> Functions; ///< Enclosing, innermost last.
};

} // namespace

void collectUses(ASTContext &Ctx, const RecordIndex &Records,
                 const TUThreads &Threads, TUFacts &Out) {
  Collector C(Ctx, Records, Threads);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  C.noteHandedSlots();
  Out.DefinedFunctions.assign(C.Defined.begin(), C.Defined.end());
  Out.OpaqueFirstMembers.assign(C.OpaqueFirstMembers.begin(),
                                C.OpaqueFirstMembers.end());
}

} // namespace structlayout
