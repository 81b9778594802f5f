//===- AccessCollector.cpp - Where the code touches each field ------------===//

#include "AccessCollector.h"
#include "NameWords.h"
#include "SourceMapper.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>
#include <cmath>
#include <map>
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
    if (const FunctionDecl *Callee = E->getDirectCallee())
      Calls.push_back({Functions.back(), Callee->getCanonicalDecl(),
                       unsigned(Loops.size())});
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
    if (!Loops.empty())
      A.LoopLoc = Loops.back().Where;
    std::string Sequence;
    int Through = elementLoop(E, Sequence);
    if (Through >= 0) {
      A.ThroughElement = true;
      A.LoopLoc = Loops[Through].Where;
      A.Sequence = std::move(Sequence);
    }
    Pending.push_back({&Field, Functions.back(), std::move(A)});
    return true;
  }

  /// Weighs every access by how often its function runs, then files it.
  void finish() {
    std::map<std::tuple<FieldFacts *, std::string, unsigned>, size_t> Seen;
    std::map<const FunctionDecl *, double> Frequency;
    // A few rounds over the call graph: callers' loops multiply; cycles
    // and very deep chains are cut off.
    for (int Round = 0; Round < 4; ++Round) {
      std::map<const FunctionDecl *, double> Next;
      for (const Call &C : Calls) {
        auto It = Frequency.find(C.Caller);
        double From = It == Frequency.end() ? 1 : It->second;
        Next[C.Callee] += From * loopWeight(C.Depth) * coldness(C.Caller);
      }
      for (auto &[F, N] : Next)
        N = std::clamp(N, 1.0, MaxFrequency);
      Frequency.swap(Next);
    }
    for (PendingAccess &P : Pending) {
      auto It = Frequency.find(P.Function);
      double Runs = It == Frequency.end() ? 1 : It->second;
      P.Access.StaticWeight =
          Runs * loopWeight(P.Access.LoopDepth) * coldness(P.Function);
      if (P.Function->isMain()) // main's own code is set-up; its callees
        P.Access.StaticWeight *= ColdFactor; // keep their loops' weight
      P.Access.Function = P.Function->getQualifiedNameAsString();
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

private:
  struct Loop {
    SourceLoc Where;
    const VarDecl *Element = nullptr; ///< A range-for's element.
    std::string Sequence;
    const Stmt *S = nullptr;
  };
  struct Call {
    const FunctionDecl *Caller, *Callee;
    unsigned Depth;
  };
  struct PendingAccess {
    FieldFacts *Field;
    const FunctionDecl *Function;
    FieldAccess Access;
  };

  static double loopWeight(unsigned Depth) {
    return std::pow(LoopFactor, std::min(Depth, MaxDepth));
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
    if (const auto *For = dyn_cast<ForStmt>(S))
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
  std::vector<PendingAccess> Pending;
  std::map<std::pair<const Stmt *, const VarDecl *>, bool> Modified;
};

} // namespace

void collectAccesses(ASTContext &Ctx, const RecordIndex &Records) {
  AccessVisitor V(Ctx, Records);
  V.TraverseDecl(Ctx.getTranslationUnitDecl());
  V.finish();
}

} // namespace structlayout
