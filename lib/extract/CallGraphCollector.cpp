//===- CallGraphCollector.cpp - Calls and thread entries ------------------===//

#include "CallGraphCollector.h"
#include "NameWords.h"
#include "SourceMapper.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtOpenMP.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace structlayout {

std::string functionName(const FunctionDecl *F) {
  // Every lambda's call operator is `(anonymous class)::operator()`: name
  // it by where it is written, inside the function that holds it.
  const auto *M = dyn_cast<CXXMethodDecl>(F);
  if (!M || !M->getParent()->isLambda())
    return F->getQualifiedNameAsString();
  const SourceManager &SM = F->getASTContext().getSourceManager();
  PresumedLoc P =
      SM.getPresumedLoc(SM.getFileLoc(M->getParent()->getLocation()));
  std::string Outer;
  const DeclContext *DC = M->getParent()->getDeclContext();
  if (const auto *Holder = dyn_cast<FunctionDecl>(DC))
    Outer = functionName(Holder) + "::";
  else if (const auto *Named = dyn_cast<NamedDecl>(DC))
    Outer = Named->getQualifiedNameAsString() + "::";
  if (P.isInvalid())
    return Outer + "(lambda)";
  return Outer + "(lambda at " +
         llvm::sys::path::filename(P.getFilename()).str() + ":" +
         std::to_string(P.getLine()) + ":" + std::to_string(P.getColumn()) +
         ")";
}

namespace {

/// Functions whose callable arguments run on a new thread.
bool startsThreads(llvm::StringRef Name,
                   const std::vector<std::string> &Starters) {
  static const llvm::StringRef Standard[] = {
      "pthread_create", "thrd_create",    "std::async",  "uv_thread_create",
      "g_thread_new",   "_beginthreadex", "CreateThread"};
  return llvm::is_contained(Standard, Name) ||
         llvm::is_contained(Starters, Name.str());
}

/// The function or lambda an argument names: `worker`, `&worker`,
/// `[&] {...}`, `&Pool::run`, `std::bind(&f, x)`; null if none.
const FunctionDecl *callableIn(const Stmt *S, unsigned Depth = 0) {
  if (!S || Depth > 6)
    return nullptr;
  if (const auto *L = dyn_cast<LambdaExpr>(S))
    return L->getCallOperator();
  if (const auto *R = dyn_cast<DeclRefExpr>(S))
    return dyn_cast<FunctionDecl>(R->getDecl());
  for (const Stmt *Child : S->children())
    if (const FunctionDecl *F = callableIn(Child, Depth + 1))
      return F;
  return nullptr;
}

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &Ctx, const std::vector<std::string> &Starters,
            CallGraphFacts &Out)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Map(SM, Ctx.getLangOpts()),
        Starters(Starters), Out(Out) {}

  TUThreads Threads;

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (SourceMapper::inSystemHeader(SM, D))
      return true;
    const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      return RecursiveASTVisitor::TraverseDecl(D);
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      for (const CXXMethodDecl *O : MD->overridden_methods())
        Out.Calls.push_back({functionName(O), functionName(MD), false});
    return inFunction(FD, [&] { return RecursiveASTVisitor::TraverseDecl(D); });
  }

  // A lambda's body is its call operator's: a function of its own, which
  // the enclosing one calls unless it hands it to a thread.
  bool TraverseLambdaExpr(LambdaExpr *E) {
    const FunctionDecl *Op = E->getCallOperator();
    if (!Functions.empty() && !Threads.Roots.count(Op))
      call(Op, false, E->getBeginLoc());
    return inFunction(
        Op, [&] { return RecursiveASTVisitor::TraverseLambdaExpr(E); });
  }

  bool TraverseForStmt(ForStmt *S) {
    return inLoop(S, [&] { return RecursiveASTVisitor::TraverseForStmt(S); });
  }
  bool TraverseWhileStmt(WhileStmt *S) {
    return inLoop(S, [&] { return RecursiveASTVisitor::TraverseWhileStmt(S); });
  }
  bool TraverseDoStmt(DoStmt *S) {
    return inLoop(S, [&] { return RecursiveASTVisitor::TraverseDoStmt(S); });
  }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    return inLoop(
        S, [&] { return RecursiveASTVisitor::TraverseCXXForRangeStmt(S); });
  }

  bool VisitCallExpr(CallExpr *E) {
    if (Functions.empty())
      return true;
    const FunctionDecl *Callee = E->getDirectCallee();
    if (!Callee) {
      // Through a pointer: any function of its type whose address is taken.
      QualType T = E->getCallee()->getType();
      if (const auto *P = T->getAs<PointerType>())
        T = P->getPointeeType();
      if (T->isFunctionType())
        Out.IndirectCalls.push_back(
            {functionName(Functions.back()), typeKey(T)});
      return true;
    }
    std::string Name = Callee->getQualifiedNameAsString();
    std::string How = startsThreads(Name, Starters) ? Name : threadsEmplaced(E);
    if (!How.empty()) {
      for (const Expr *Arg : E->arguments()) {
        Threads.StartArguments.insert(Arg->IgnoreParenCasts());
        if (const FunctionDecl *F = callableIn(Arg))
          root(F, How, E->getBeginLoc());
      }
      return true;
    }
    call(Callee, true, E->getBeginLoc());
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (Functions.empty())
      return true;
    const CXXRecordDecl *Class = E->getConstructor()->getParent();
    std::string Name = Class->getQualifiedNameAsString();
    if (Name == "std::thread" || Name == "std::jthread") {
      for (const Expr *Arg : E->arguments())
        Threads.StartArguments.insert(Arg->IgnoreParenCasts());
      if (E->getNumArgs())
        if (const FunctionDecl *F = callableIn(E->getArg(0)))
          root(F, Name, E->getBeginLoc());
      return true;
    }
    if (!SourceMapper::inSystemHeader(SM, E->getConstructor()))
      call(E->getConstructor(), true, E->getBeginLoc());
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    // A function named other than as a direct callee: its address is taken.
    const auto *F = dyn_cast<FunctionDecl>(E->getDecl());
    if (!F || Callees.count(E))
      return true;
    Out.AddressTaken.push_back({typeKey(F->getType()), functionName(F)});
    return true;
  }

  bool VisitOMPExecutableDirective(OMPExecutableDirective *D) {
    if (!Functions.empty() && isOpenMPParallelDirective(D->getDirectiveKind()))
      root(Functions.back(), "OpenMP parallel", D->getBeginLoc(),
           /*Many=*/true);
    return true;
  }

  // Direct callees are not "address taken".
  bool TraverseCallExpr(CallExpr *E) {
    if (const Expr *C = E->getCallee())
      if (const auto *R = dyn_cast<DeclRefExpr>(C->IgnoreParenImpCasts()))
        Callees.insert(R);
    return RecursiveASTVisitor::TraverseCallExpr(E);
  }

private:
  /// `threads.emplace_back(worker, i)` on a container of std::thread or
  /// std::jthread starts one: which of them, or empty.
  static std::string threadsEmplaced(const CallExpr *E) {
    const auto *M = dyn_cast<CXXMemberCallExpr>(E);
    const CXXMethodDecl *Method = M ? M->getMethodDecl() : nullptr;
    if (!Method || !Method->getIdentifier() ||
        !Method->getName().starts_with("emplace"))
      return "";
    const auto *Spec =
        dyn_cast<ClassTemplateSpecializationDecl>(Method->getParent());
    if (!Spec || !Spec->isInStdNamespace() ||
        Spec->getTemplateArgs().size() == 0 ||
        Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return "";
    const CXXRecordDecl *Element =
        Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
    if (!Element)
      return "";
    std::string Name = Element->getQualifiedNameAsString();
    return Name == "std::thread" || Name == "std::jthread" ? Name : "";
  }

  template <typename Body>
  bool inFunction(const FunctionDecl *F, Body Traverse) {
    Functions.push_back(F);
    unsigned Loops = LoopDepth;
    std::vector<SourceLocation> Starts;
    Starts.swap(LoopStarts);
    LoopDepth = 0;
    bool Result = Traverse();
    LoopDepth = Loops;
    LoopStarts.swap(Starts);
    Functions.pop_back();
    return Result;
  }
  template <typename Body> bool inLoop(const Stmt *S, Body Traverse) {
    ++LoopDepth;
    LoopStarts.push_back(S->getBeginLoc());
    bool Result = Traverse();
    LoopStarts.pop_back();
    --LoopDepth;
    return Result;
  }

  std::string typeKey(QualType T) const {
    return QualType(Ctx.getCanonicalType(T)).getAsString();
  }

  /// A call by the current function. Made outside loops before the
  /// function starts its first thread, it runs before that thread exists:
  /// settled in finish(), once every start is known.
  void call(const FunctionDecl *Callee, bool Ordered, SourceLocation At) {
    const FunctionDecl *Caller = Functions.back();
    Pending.push_back({Caller, Out.Calls.size(),
                       Ordered ? SM.getFileLoc(At) : SourceLocation()});
    Out.Calls.push_back({functionName(Caller), functionName(Callee), false});
  }

public:
  void finish() {
    for (const PendingCall &P : Pending) {
      auto It = Threads.FirstStart.find(P.Caller);
      Out.Calls[P.Index].BeforeThreads =
          P.At.isValid() && It != Threads.FirstStart.end() &&
          SM.isBeforeInTranslationUnit(P.At, It->second);
    }
  }

private:
  struct PendingCall {
    const FunctionDecl *Caller;
    size_t Index;
    SourceLocation At; ///< Invalid: runs whenever its caller runs.
  };
  std::vector<PendingCall> Pending;

  void root(const FunctionDecl *F, const std::string &How, SourceLocation At,
            bool Many = false) {
    F = F->getCanonicalDecl();
    if (const FunctionDecl *Def = F->getDefinition())
      F = Def;
    Threads.Roots.insert(F);
    Threads.Roots.insert(F->getCanonicalDecl());
    // In a loop, the loop starts it: nothing in the loop is before.
    const FunctionDecl *Caller = Functions.back();
    if (!Threads.FirstStart.count(Caller))
      Threads.FirstStart[Caller] =
          SM.getFileLoc(LoopStarts.empty() ? At : LoopStarts.front());
    Out.Roots.push_back({functionName(F), How, Map.loc(SM.getFileLoc(At)),
                         Many || LoopDepth > 0});
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  SourceMapper Map;
  const std::vector<std::string> &Starters;
  CallGraphFacts &Out;
  std::vector<const FunctionDecl *> Functions;
  unsigned LoopDepth = 0;
  std::vector<SourceLocation> LoopStarts; ///< Of the loops around, outer first.
  llvm::DenseSet<const DeclRefExpr *> Callees;
};

bool identifiesThread(const Stmt *S, const TUThreads &Threads, unsigned Depth) {
  if (!S || Depth > 8)
    return false;
  static const llvm::StringRef IdFunctions[] = {"pthread_self",
                                                "gettid",
                                                "sched_getcpu",
                                                "thrd_current",
                                                "omp_get_thread_num",
                                                "GetCurrentThreadId",
                                                "std::this_thread::get_id",
                                                "uv_thread_self",
                                                "g_thread_self"};
  if (const auto *C = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *F = C->getDirectCallee())
      if (llvm::is_contained(IdFunctions, F->getQualifiedNameAsString()))
        return true;
  if (const auto *M = dyn_cast<MemberExpr>(S))
    if (const auto *ND = M->getMemberDecl();
        ND && ND->getIdentifier() && namesAThread(ND->getName()))
      return true;
  if (const auto *R = dyn_cast<DeclRefExpr>(S))
    if (const auto *V = dyn_cast<VarDecl>(R->getDecl())) {
      if (V->getIdentifier() && namesAThread(V->getName()))
        return true;
      if (const auto *P = dyn_cast<ParmVarDecl>(V)) {
        const auto *F = dyn_cast<FunctionDecl>(P->getDeclContext());
        return F && (Threads.Roots.count(F) ||
                     Threads.Roots.count(F->getCanonicalDecl()));
      }
      if (V->hasLocalStorage() && V->getInit())
        return identifiesThread(V->getInit(), Threads, Depth + 1);
      return false;
    }
  for (const Stmt *Child : S->children())
    if (identifiesThread(Child, Threads, Depth + 1))
      return true;
  return false;
}

} // namespace

bool identifiesThread(const Expr *Index, const TUThreads &Threads) {
  return identifiesThread(static_cast<const Stmt *>(Index), Threads, 0);
}

TUThreads collectCallGraph(ASTContext &Ctx,
                           const std::vector<std::string> &Starters,
                           CallGraphFacts &Out) {
  Collector C(Ctx, Starters, Out);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  C.finish();
  CallGraphFacts Unique;
  Unique.merge(Out);
  Out = std::move(Unique);
  return std::move(C.Threads);
}

} // namespace structlayout
