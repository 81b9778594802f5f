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
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(SM.getFileLoc(D->getLocation())))
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
    A.ThroughElement = throughElement(E->getBase(), Sequence);
    A.Sequence = std::move(Sequence);
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
  /// the loop steps `p` (`++p`, `p += n`, `p = p + 1`).
  bool throughElement(const Expr *Base, std::string &Sequence) const {
    Base = Base->IgnoreParenImpCasts();
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(Base)) {
      Sequence = text(A->getBase());
      return !Loops.empty();
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Base);
        Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
      Sequence = text(Op->getArg(0));
      return !Loops.empty();
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(Base);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var)
      return false;
    // `T *e = &a[i];` (or `a + i`) declared in a loop: this iteration's
    // element.
    if (!Loops.empty() && Var->getType()->isPointerType() && Var->getInit() &&
        SM.isBeforeInTranslationUnit(Loops.back().S->getBeginLoc(),
                                     Var->getLocation()))
      if (const Expr *Of = elementAddress(Var->getInit())) {
        Sequence = text(Of);
        return true;
      }
    for (const Loop &L : Loops) {
      if (L.Element == Var) {
        Sequence = L.Sequence;
        return true;
      }
      const auto *For = dyn_cast_or_null<ForStmt>(L.S);
      if (For && Var->getType()->isPointerType() && steps(For->getInc(), Var)) {
        Sequence = Var->getName().str();
        return true;
      }
    }
    return false;
  }

  /// The array or pointer in `&a[i]` or `a + i`, else null.
  static const Expr *elementAddress(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_AddrOf)
      if (const auto *A =
              dyn_cast<ArraySubscriptExpr>(U->getSubExpr()->IgnoreParens()))
        return A->getBase()->IgnoreParenImpCasts();
    if (const auto *B = dyn_cast<BinaryOperator>(E);
        B && B->getOpcode() == BO_Add && B->getType()->isPointerType())
      return B->getLHS()->getType()->isPointerType()
                 ? B->getLHS()->IgnoreParenImpCasts()
                 : B->getRHS()->IgnoreParenImpCasts();
    return nullptr;
  }

  /// True if \p Inc moves pointer \p Var by whole elements.
  static bool steps(const Expr *Inc, const VarDecl *Var) {
    if (!Inc)
      return false;
    auto Names = [&](const Expr *E) {
      const auto *R = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
      return R && R->getDecl() == Var;
    };
    Inc = Inc->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(Inc))
      return U->isIncrementDecrementOp() && Names(U->getSubExpr());
    if (const auto *B = dyn_cast<BinaryOperator>(Inc)) {
      if (B->getOpcode() == BO_Comma)
        return steps(B->getLHS(), Var) || steps(B->getRHS(), Var);
      if (B->getOpcode() == BO_AddAssign || B->getOpcode() == BO_SubAssign)
        return Names(B->getLHS());
      if (B->getOpcode() == BO_Assign && Names(B->getLHS()))
        if (const auto *Sum =
                dyn_cast<BinaryOperator>(B->getRHS()->IgnoreParenImpCasts()))
          return Sum->isAdditiveOp() &&
                 (Names(Sum->getLHS()) || Names(Sum->getRHS()));
    }
    return false;
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  SourceMapper Map;
  const RecordIndex &Records;
  std::vector<const FunctionDecl *> Functions;
  std::vector<Loop> Loops;
  std::vector<Call> Calls;
  std::vector<PendingAccess> Pending;
};

} // namespace

void collectAccesses(ASTContext &Ctx, const RecordIndex &Records) {
  AccessVisitor V(Ctx, Records);
  V.TraverseDecl(Ctx.getTranslationUnitDecl());
  V.finish();
}

} // namespace structlayout
