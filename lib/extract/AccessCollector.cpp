//===- AccessCollector.cpp - Where the code touches each field ------------===//

#include "AccessCollector.h"
#include "CallGraphCollector.h"
#include "NameWords.h"
#include "SourceMapper.h"
#include "StdContainers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

using namespace clang;

namespace structlayout {

namespace {

constexpr double LoopFactor = 10;
constexpr double ColdFactor = 0.1;
constexpr unsigned MaxDepth = 6; ///< Deeper loops count as this deep.
constexpr double MaxFrequency = 1e6;

class AccessVisitor : public RecursiveASTVisitor<AccessVisitor> {
public:
  AccessVisitor(ASTContext &Ctx, const RecordIndex &Records)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Map(SM, Ctx.getLangOpts()),
        Records(Records) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (SourceMapper::inSystemHeader(SM, D))
      return true;
    const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      return RecursiveASTVisitor::TraverseDecl(D);
    // A virtual call to what it overrides may run it.
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      for (const CXXMethodDecl *O : MD->overridden_methods())
        Overriders[O->getCanonicalDecl()].push_back(MD->getCanonicalDecl());
    std::vector<Loop> Outer;
    Outer.swap(Loops);
    Functions.push_back(FD->getCanonicalDecl());
    bool Result = RecursiveASTVisitor::TraverseDecl(D);
    Functions.pop_back();
    Loops.swap(Outer);
    return Result;
  }

  // Loops: their condition, increment and body run once per iteration.
  bool TraverseForStmt(ForStmt *S) {
    if (S->getInit() && !TraverseStmt(S->getInit()))
      return false;
    return inLoop(S, [&] {
      Loops.back().TripCount = tripCount(S);
      return TraverseStmt(S->getCond()) && TraverseStmt(S->getInc()) &&
             TraverseStmt(S->getBody());
    });
  }
  bool TraverseWhileStmt(WhileStmt *S) {
    return inLoop(S, [&] { return RecursiveASTVisitor::TraverseWhileStmt(S); });
  }
  bool TraverseDoStmt(DoStmt *S) {
    return inLoop(S, [&] { return RecursiveASTVisitor::TraverseDoStmt(S); });
  }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    if (!TraverseStmt(S->getRangeInit()))
      return false;
    return inLoop(S, [&] {
      QualType Range = S->getRangeInit()->getType();
      Loops.back().TripCount = fixedSize(Range);
      // The nodes of a list, map or set are not side by side.
      if (stdContainer(Range) != StdContainer::Nodes)
        Loops.back().Element = S->getLoopVariable();
      Loops.back().Sequence = text(S->getRangeInit());
      return TraverseStmt(S->getLoopVarStmt()) && TraverseStmt(S->getBody());
    });
  }

  // sizeof(s.f) and alignof read nothing.
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) {
    return true;
  }

  bool VisitCallExpr(CallExpr *E) {
    if (Functions.empty())
      return true;
    if (const FunctionDecl *Callee = E->getDirectCallee()) {
      Calls.push_back(
          {Functions.back(), Callee->getCanonicalDecl(), loopWeight()});
      return true;
    }
    // Through a pointer: any function of its type whose address the TU
    // takes (a callback table, a handler), settled in finish().
    QualType T = E->getCallee()->getType();
    if (const auto *P = T->getAs<PointerType>())
      T = P->getPointeeType();
    if (T->isFunctionType())
      IndirectCalls.push_back({Functions.back(),
                               Ctx.getCanonicalType(T).getTypePtr(),
                               loopWeight()});
    return true;
  }

  bool TraverseCallExpr(CallExpr *E) {
    if (const Expr *C = E->getCallee())
      if (const auto *R = dyn_cast<DeclRefExpr>(C->IgnoreParenImpCasts()))
        DirectCallees.insert(R);
    return RecursiveASTVisitor::TraverseCallExpr(E);
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *F = dyn_cast<FunctionDecl>(E->getDecl());
        F && !DirectCallees.count(E))
      AddressTaken.insert({Ctx.getCanonicalType(F->getType()).getTypePtr(),
                           F->getCanonicalDecl()});
    return true;
  }

  bool VisitMemberExpr(MemberExpr *E) {
    const auto *FD = dyn_cast<FieldDecl>(E->getMemberDecl());
    if (!FD || Functions.empty())
      return true;
    auto It = Records.find(FD->getParent());
    if (It == Records.end() || FD->getFieldIndex() >= It->second->Fields.size())
      return true;
    FieldFacts &Field = It->second->Fields[FD->getFieldIndex()];
    SourceLoc Loc = Map.loc(SM.getFileLoc(E->getMemberLoc()));
    if (Loc.File.empty())
      return true;
    FieldAccess A;
    A.Loc = std::move(Loc);
    A.LoopDepth = Loops.size();
    A.StaticWeight = loopWeight();
    if (!Loops.empty()) {
      A.LoopLoc = Loops.back().Where;
      A.TripCount = Loops.back().TripCount;
    }
    std::string Sequence;
    int Through = elementLoop(E, Sequence);
    if (Through >= 0) {
      A.ThroughElement = true;
      A.LoopLoc = Loops[Through].Where;
      A.TripCount = Loops[Through].TripCount;
      if (SequenceSize && (!A.TripCount || SequenceSize < A.TripCount))
        A.TripCount = SequenceSize;
      A.Sequence = std::move(Sequence);
    }
    Pending.push_back({&Field, Functions.back(), std::move(A)});
    return true;
  }

  /// Weighs every access by how often its function runs, then files it.
  void finish() {
    // Calls through pointers reach every function of their type whose
    // address is taken.
    for (const IndirectCall &C : IndirectCalls)
      for (auto It = AddressTaken.lower_bound({C.FnType, nullptr});
           It != AddressTaken.end() && It->first == C.FnType; ++It)
        Calls.push_back({C.Caller, It->second, C.LoopWeight});
    // Virtual calls reach the overriders (and theirs, in turn).
    for (size_t I = 0; I < Calls.size(); ++I) {
      auto It = Overriders.find(Calls[I].Callee);
      if (It == Overriders.end())
        continue;
      for (const FunctionDecl *O : It->second)
        Calls.push_back({Calls[I].Caller, O, Calls[I].LoopWeight});
    }
    std::map<std::tuple<FieldFacts *, std::string, unsigned>, size_t> Seen;
    std::map<const FunctionDecl *, double> Frequency;
    // A few rounds over the call graph: callers' loops multiply; cycles
    // and very deep chains are cut off.
    for (int Round = 0; Round < 4; ++Round) {
      std::map<const FunctionDecl *, double> Next;
      for (const Call &C : Calls) {
        auto It = Frequency.find(C.Caller);
        double From = It == Frequency.end() ? 1 : It->second;
        Next[C.Callee] += From * C.LoopWeight * coldness(C.Caller);
      }
      for (auto &[F, N] : Next)
        N = std::clamp(N, 1.0, MaxFrequency);
      Frequency.swap(Next);
    }
    std::set<const FunctionDecl *> Once = runOnce();
    for (PendingAccess &P : Pending) {
      auto It = Frequency.find(P.Function);
      double Runs = It == Frequency.end() ? 1 : It->second;
      P.Access.StaticWeight *= Runs * coldness(P.Function);
      // main's own code is set-up, and so is what only main calls outside
      // loops; their callees keep their loops' weight.
      if (P.Function->isMain() || Once.count(P.Function))
        P.Access.StaticWeight *= ColdFactor;
      P.Access.Function = functionName(P.Function);
      // One access per place (a template instantiated twice, a macro).
      std::vector<FieldAccess> &To = P.Field->Accesses;
      auto [At, New] = Seen.try_emplace(
          {P.Field, P.Access.Loc.File, P.Access.Loc.Offset}, To.size());
      if (New)
        To.push_back(std::move(P.Access));
      else
        To[At->second].StaticWeight =
            std::max(To[At->second].StaticWeight, P.Access.StaticWeight);
    }
  }

  /// Functions that run once per program: every call to them is made by
  /// main, or by another such function, outside loops.
  std::set<const FunctionDecl *> runOnce() const {
    std::map<const FunctionDecl *, std::vector<const Call *>> CallsTo;
    for (const Call &C : Calls)
      CallsTo[C.Callee].push_back(&C);
    std::set<const FunctionDecl *> Once;
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const auto &[Callee, Sites] : CallsTo) {
        if (Once.count(Callee) || Callee->isMain())
          continue;
        if (llvm::all_of(Sites, [&](const Call *C) {
              return C->LoopWeight <= 1 &&
                     (C->Caller->isMain() || Once.count(C->Caller));
            }))
          Changed = Once.insert(Callee).second;
      }
    }
    return Once;
  }

private:
  struct Loop {
    SourceLoc Where;
    const VarDecl *Element = nullptr; ///< A range-for's element.
    std::string Sequence;
    const Stmt *S = nullptr;
    uint64_t TripCount = 0; ///< From constant bounds or the array's size.
  };
  struct Call {
    const FunctionDecl *Caller, *Callee;
    double LoopWeight; ///< How often the loops around it run it.
  };
  struct IndirectCall {
    const FunctionDecl *Caller;
    const Type *FnType;
    double LoopWeight;
  };
  struct PendingAccess {
    FieldFacts *Field;
    const FunctionDecl *Function;
    FieldAccess Access;
  };

  /// How often code inside the current loops runs per call of its
  /// function: each loop's trip count where its bounds say, else
  /// LoopFactor; deeper than MaxDepth loops count as that deep.
  double loopWeight() const {
    double W = 1;
    for (size_t I = 0; I < Loops.size() && I < MaxDepth; ++I)
      W *= Loops[I].TripCount ? double(Loops[I].TripCount) : LoopFactor;
    return std::clamp(W, 1.0, MaxFrequency);
  }

  /// Constructors, destructors, main's set-up and functions named for
  /// error, debug and set-up paths run rarely.
  double coldness(const FunctionDecl *F) const {
    if (isa<CXXConstructorDecl>(F) || isa<CXXDestructorDecl>(F))
      return ColdFactor;
    if (F->getIdentifier() && namesColdCode(F->getName()))
      return ColdFactor;
    return 1;
  }

  /// Elements of a C array or std::array type; 0 for anything else.
  static uint64_t fixedSize(QualType T) {
    T = T.getNonReferenceType();
    if (const auto *A =
            dyn_cast_or_null<ConstantArrayType>(T->getAsArrayTypeUnsafe()))
      return A->getSize().getZExtValue();
    const auto *Spec =
        dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsRecordDecl());
    if (Spec && Spec->isInStdNamespace() && Spec->getName() == "array" &&
        Spec->getTemplateArgs().size() == 2 &&
        Spec->getTemplateArgs()[1].getKind() == TemplateArgument::Integral)
      return Spec->getTemplateArgs()[1].getAsIntegral().getZExtValue();
    return 0;
  }

  /// `for (i = A; i < B; i += C)` with constant A, B and C (or ++, --, >,
  /// <=, !=): how many times it runs; 0 if the bounds are not constants.
  uint64_t tripCount(const ForStmt *S) const {
    const VarDecl *V = nullptr;
    const Expr *Start = nullptr;
    if (const auto *D = dyn_cast_or_null<DeclStmt>(S->getInit());
        D && D->isSingleDecl())
      if ((V = dyn_cast<VarDecl>(D->getSingleDecl())))
        Start = V->getInit();
    if (const auto *B = dyn_cast_or_null<BinaryOperator>(S->getInit());
        B && B->getOpcode() == BO_Assign)
      if (const auto *R =
              dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts()))
        if ((V = dyn_cast<VarDecl>(R->getDecl())))
          Start = B->getRHS();
    const auto *Cond = dyn_cast_or_null<BinaryOperator>(S->getCond());
    if (!V || !Start || !Cond || !S->getInc())
      return 0;
    auto Names = [&](const Expr *E) {
      const auto *R = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
      return R && R->getDecl() == V;
    };
    auto Value = [&](const Expr *E) -> std::optional<int64_t> {
      Expr::EvalResult R;
      if (E->isValueDependent() || !E->EvaluateAsInt(R, Ctx))
        return std::nullopt;
      return R.Val.getInt().getExtValue();
    };
    std::optional<int64_t> From = Value(Start);
    if (!From || !Names(Cond->getLHS()))
      return 0;
    std::optional<int64_t> To = Value(Cond->getRHS());
    int64_t Step = 0;
    const Expr *Inc = S->getInc()->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(Inc);
        U && U->isIncrementDecrementOp() && Names(U->getSubExpr()))
      Step = U->isIncrementOp() ? 1 : -1;
    if (const auto *B = dyn_cast<BinaryOperator>(Inc);
        B &&
        (B->getOpcode() == BO_AddAssign || B->getOpcode() == BO_SubAssign) &&
        Names(B->getLHS()))
      if (std::optional<int64_t> K = Value(B->getRHS()))
        Step = B->getOpcode() == BO_AddAssign ? *K : -*K;
    if (!To || !Step)
      return 0;
    int64_t Span = 0;
    switch (Cond->getOpcode()) {
    case BO_LT:
    case BO_NE:
      Span = *To - *From;
      break;
    case BO_LE:
      Span = *To - *From + 1;
      break;
    case BO_GT:
      Span = *From - *To;
      break;
    case BO_GE:
      Span = *From - *To + 1;
      break;
    default:
      return 0;
    }
    int64_t Stride = Step < 0 ? -Step : Step;
    if (Span <= 0 || (Step < 0) != (Cond->getOpcode() == BO_GT ||
                                    Cond->getOpcode() == BO_GE))
      return Span <= 0 ? 1 : 0;
    return uint64_t((Span + Stride - 1) / Stride);
  }

  template <typename Body> bool inLoop(const Stmt *S, Body Traverse) {
    Loops.push_back({Map.loc(SM.getFileLoc(S->getBeginLoc())), nullptr, "", S});
    bool Result = Traverse();
    Loops.pop_back();
    return Result;
  }

  std::string text(const Expr *E) const {
    if (!E)
      return "";
    CharSourceRange Range = CharSourceRange::getTokenRange(
        SM.getFileLoc(E->getBeginLoc()), SM.getFileLoc(E->getEndLoc()));
    return Lexer::getSourceText(Range, SM, Ctx.getLangOpts()).str();
  }

  /// `a[i].x`, `v[i].x`, `e.x` for a range-for element `e`, `p->x` where
  /// a loop steps `p` (`++p`, `p += n`, `p = p + 1`), `q->x` for `q = &a[i]`:
  /// the loop whose iterations go through the elements (the one that steps
  /// the index, the pointer or the range), or -1. `a[i]->x` (an array of
  /// pointers) and `a[k].x` with `k` fixed in every loop are not.
  int elementLoop(const MemberExpr *E, std::string &Sequence) {
    SequenceSize = 0;
    const Expr *Base = E->getBase()->IgnoreParenImpCasts();
    const Expr *Array = nullptr, *Index = nullptr;
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(Base)) {
      Array = A->getBase();
      Index = A->getIdx();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Base);
               Op && Op->getOperator() == OO_Subscript &&
               Op->getNumArgs() == 2) {
      Array = Op->getArg(0);
      Index = Op->getArg(1);
    }
    if (Array) {
      if (E->isArrow())
        return -1;
      Sequence = text(Array);
      SequenceSize = fixedSize(Array->IgnoreParenImpCasts()->getType());
      return loopStepping(Index);
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(Base);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var)
      return -1;
    // `T *e = &a[i];` declared in a loop: the loop that steps i.
    if (!Loops.empty() && Var->getType()->isPointerType() && Var->getInit() &&
        SM.isBeforeInTranslationUnit(Loops.front().S->getBeginLoc(),
                                     Var->getLocation()))
      if (const Expr *Of = elementAddress(Var->getInit(), Index)) {
        Sequence = text(Of);
        return loopStepping(Index);
      }
    for (int L = int(Loops.size()) - 1; L >= 0; --L) {
      if (Loops[L].Element == Var) {
        Sequence = Loops[L].Sequence;
        return L;
      }
      if (Var->getType()->isPointerType() && modifies(Loops[L].S, Var)) {
        Sequence = Var->getName().str();
        return L;
      }
    }
    return -1;
  }

  /// The innermost loop that changes a variable \p Index names, or -1.
  int loopStepping(const Expr *Index) {
    if (!Index)
      return -1;
    struct Vars : RecursiveASTVisitor<Vars> {
      std::vector<const VarDecl *> Found;
      bool VisitDeclRefExpr(DeclRefExpr *D) {
        if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
          Found.push_back(V);
        return true;
      }
    } Names;
    Names.TraverseStmt(const_cast<Expr *>(Index));
    for (int L = int(Loops.size()) - 1; L >= 0; --L)
      for (const VarDecl *V : Names.Found)
        if (modifies(Loops[L].S, V))
          return L;
    return -1;
  }

  /// True if loop \p S declares \p V in its header or changes it (`++`,
  /// `--`, any assignment) anywhere in it. Cached: the same loop is asked
  /// about the same variable for every access.
  bool modifies(const Stmt *S, const VarDecl *V) {
    auto [It, New] = Modified.try_emplace({S, V}, false);
    if (!New)
      return It->second;
    // An index declared in the loop's header is its counter; a pointer
    // declared there walks an array only if the loop steps it by
    // arithmetic (`for (T *n = head; n; n = n->next)` walks a list).
    if (const auto *For = dyn_cast<ForStmt>(S);
        For && !V->getType()->isPointerType())
      if (const auto *Init = dyn_cast_or_null<DeclStmt>(For->getInit()))
        for (const Decl *D : Init->decls())
          if (D == V)
            return It->second = true;
    struct Writes : RecursiveASTVisitor<Writes> {
      const VarDecl *V;
      bool Found = false;
      bool names(const Expr *E) const {
        const auto *R = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
        return R && R->getDecl() == V;
      }
      bool VisitUnaryOperator(UnaryOperator *U) {
        Found |= U->isIncrementDecrementOp() && names(U->getSubExpr());
        return !Found;
      }
      bool VisitBinaryOperator(BinaryOperator *B) {
        if (!B->isAssignmentOp() || !names(B->getLHS()))
          return true;
        // A pointer walks an array by arithmetic (`p += k`, `p = p + 1`);
        // `p = p->next` walks a list, whose nodes are not side by side.
        const auto *Sum =
            dyn_cast<BinaryOperator>(B->getRHS()->IgnoreParenImpCasts());
        Found |= !V->getType()->isPointerType() ||
                 B->getOpcode() == BO_AddAssign ||
                 B->getOpcode() == BO_SubAssign ||
                 (B->getOpcode() == BO_Assign && Sum && Sum->isAdditiveOp() &&
                  (names(Sum->getLHS()) || names(Sum->getRHS())));
        return !Found;
      }
      bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *C) {
        Found |= (C->isAssignmentOp() || C->getOperator() == OO_PlusPlus ||
                  C->getOperator() == OO_MinusMinus) &&
                 C->getNumArgs() && names(C->getArg(0));
        return !Found;
      }
    } W;
    W.V = V;
    W.TraverseStmt(const_cast<Stmt *>(S));
    return Modified[{S, V}] = W.Found;
  }

  /// The array or pointer in `&a[i]` or `a + i`, else null; \p Index
  /// gets the `i`.
  static const Expr *elementAddress(const Expr *E, const Expr *&Index) {
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_AddrOf)
      if (const auto *A =
              dyn_cast<ArraySubscriptExpr>(U->getSubExpr()->IgnoreParens())) {
        Index = A->getIdx();
        return A->getBase()->IgnoreParenImpCasts();
      }
    if (const auto *B = dyn_cast<BinaryOperator>(E);
        B && B->getOpcode() == BO_Add && B->getType()->isPointerType()) {
      bool LeftIsPointer = B->getLHS()->getType()->isPointerType();
      Index = LeftIsPointer ? B->getRHS() : B->getLHS();
      return (LeftIsPointer ? B->getLHS() : B->getRHS())->IgnoreParenImpCasts();
    }
    return nullptr;
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  SourceMapper Map;
  const RecordIndex &Records;
  std::vector<const FunctionDecl *> Functions;
  std::vector<Loop> Loops;
  std::vector<Call> Calls;
  std::vector<IndirectCall> IndirectCalls;
  std::map<const FunctionDecl *, std::vector<const FunctionDecl *>> Overriders;
  std::set<std::pair<const Type *, const FunctionDecl *>> AddressTaken;
  llvm::DenseSet<const DeclRefExpr *> DirectCallees;
  std::vector<PendingAccess> Pending;
  /// Elements in the array the last elementLoop() found, if fixed.
  uint64_t SequenceSize = 0;
  std::map<std::pair<const Stmt *, const VarDecl *>, bool> Modified;
};

} // namespace

void collectAccesses(ASTContext &Ctx, const RecordIndex &Records) {
  AccessVisitor V(Ctx, Records);
  V.TraverseDecl(Ctx.getTranslationUnitDecl());
  V.finish();
}

} // namespace structlayout
