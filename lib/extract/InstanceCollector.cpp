//===- InstanceCollector.cpp - How many objects a record has --------------===//

#include "InstanceCollector.h"
#include "SourceMapper.h"
#include "StdContainers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace structlayout {
namespace {

/// A fixed array of fewer elements (`modules[4]`, a cache's 16 shards)
/// holds a handful, which stay in cache: not many.
constexpr uint64_t MinArrayElements = 64;

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &Ctx, const RecordIndex &Records)
      : SM(Ctx.getSourceManager()), Records(Records) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (SourceMapper::inSystemHeader(SM, D))
      return true;
    if (!isa_and_nonnull<FunctionDecl>(D))
      return RecursiveASTVisitor::TraverseDecl(D);
    unsigned Outer = LoopDepth;
    LoopDepth = 0;
    bool Result = RecursiveASTVisitor::TraverseDecl(D);
    LoopDepth = Outer;
    return Result;
  }
  bool TraverseForStmt(ForStmt *S) {
    return inLoop([&] { return RecursiveASTVisitor::TraverseForStmt(S); });
  }
  bool TraverseWhileStmt(WhileStmt *S) {
    return inLoop([&] { return RecursiveASTVisitor::TraverseWhileStmt(S); });
  }
  bool TraverseDoStmt(DoStmt *S) {
    return inLoop([&] { return RecursiveASTVisitor::TraverseDoStmt(S); });
  }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    return inLoop(
        [&] { return RecursiveASTVisitor::TraverseCXXForRangeStmt(S); });
  }

  // Variables and fields: arrays and containers of it; a field pointing to
  // its own record makes that record a node.
  bool VisitDeclaratorDecl(DeclaratorDecl *D) {
    if (!isa<VarDecl>(D) && !isa<FieldDecl>(D))
      return true;
    QualType T = D->getType();
    holds(T);
    if (const auto *F = dyn_cast<FieldDecl>(D))
      if (const auto *P = T->getAs<PointerType>())
        if (const RecordDecl *To = P->getPointeeType()->getAsRecordDecl())
          if (To->getDefinition() == F->getParent()->getDefinition() &&
              namesALink(F->getName()))
            if (RecordFacts *R = find(To))
              R->Instances.IsNode = true;
    return true;
  }
  bool VisitCXXNewExpr(CXXNewExpr *E) {
    if (RecordFacts *R = find(E->getAllocatedType()->getAsRecordDecl()))
      allocated(*R, E->isArray());
    holds(E->getAllocatedType());
    return true;
  }
  // malloc(sizeof(T)), calloc(n, sizeof(T)), malloc(n * sizeof *p).
  bool VisitCallExpr(CallExpr *E) {
    const FunctionDecl *F = E->getDirectCallee();
    if (!F || !F->getIdentifier())
      return true;
    llvm::StringRef Name = F->getName();
    bool Calloc = Name == "calloc" || Name == "reallocarray";
    if (!Calloc && Name != "malloc" && Name != "realloc" &&
        Name != "aligned_alloc")
      return true;
    for (unsigned I = 0; I < E->getNumArgs(); ++I) {
      const Expr *Arg = E->getArg(I)->IgnoreParenImpCasts();
      bool Product = false;
      if (const auto *B = dyn_cast<BinaryOperator>(Arg);
          B && B->getOpcode() == BO_Mul)
        Product = true;
      if (RecordFacts *R = sizeOfRecord(Arg))
        allocated(*R, Product || (Calloc && !isOne(E->getArg(0))) ||
                          Name == "realloc");
    }
    return true;
  }

private:
  template <typename Body> bool inLoop(Body Traverse) {
    ++LoopDepth;
    bool Result = Traverse();
    --LoopDepth;
    return Result;
  }

  RecordFacts *find(const RecordDecl *RD) const {
    if (!RD || !(RD = RD->getDefinition()))
      return nullptr;
    auto It = Records.find(RD);
    return It == Records.end() ? nullptr : It->second;
  }

  /// `next`, `hnext`, `m_prev`, `left`, `child`: a link of a list or tree
  /// of many nodes. A parser's `m_parentParser` or an object's `owner`
  /// points to its own type without making many of them.
  static bool namesALink(llvm::StringRef Name) {
    std::string Lower = Name.lower();
    for (llvm::StringRef Link : {"next", "prev", "link", "left", "right",
                                 "child", "succ", "pred", "chain", "sibling"})
      if (llvm::StringRef(Lower).contains(Link))
        return true;
    return false;
  }

  void allocated(RecordFacts &R, bool AsArray) {
    R.Instances.OnHeap = true;
    R.Instances.InArray |= AsArray;
    R.Instances.AllocatedInLoop |= LoopDepth > 0;
  }

  /// The record an element of this type stands for: itself, or what a
  /// pointer or smart pointer to it points to (a table of pointers to
  /// nodes holds many nodes).
  RecordFacts *elementRecord(QualType E, bool &ByPointer) const {
    ByPointer = true;
    if (const auto *P = E->getAs<PointerType>())
      E = P->getPointeeType();
    else if (const auto *Smart =
                 dyn_cast_or_null<ClassTemplateSpecializationDecl>(
                     E->getAsRecordDecl());
             Smart && Smart->isInStdNamespace() &&
             (Smart->getName() == "unique_ptr" ||
              Smart->getName() == "shared_ptr") &&
             Smart->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      E = Smart->getTemplateArgs()[0].getAsType();
    else
      ByPointer = false;
    return find(E->getAsRecordDecl());
  }

  void many(QualType Element) {
    bool ByPointer = false;
    if (RecordFacts *R = elementRecord(Element, ByPointer))
      (ByPointer ? R->Instances.HeldByPointers : R->Instances.InArray) = true;
  }

  /// `T x[N]`, `std::vector<T>`, `std::map<K, T>`, `T *table[N]`: many
  /// objects of T.
  void holds(QualType T) {
    T = T.getNonReferenceType();
    if (const ArrayType *A = T->getAsArrayTypeUnsafe()) {
      QualType E = A->getElementType();
      while (const ArrayType *Inner = E->getAsArrayTypeUnsafe())
        E = Inner->getElementType();
      if (!isa<ConstantArrayType>(A) ||
          cast<ConstantArrayType>(A)->getSize().getZExtValue() >=
              MinArrayElements)
        many(E);
      return;
    }
    const ClassTemplateSpecializationDecl *Spec = nullptr;
    if (stdContainer(T, &Spec) == StdContainer::None)
      return;
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
      if (Arg.getKind() == TemplateArgument::Type)
        many(Arg.getAsType());
  }

  RecordFacts *sizeOfRecord(const Expr *E) const {
    if (const auto *S = dyn_cast<UnaryExprOrTypeTraitExpr>(E)) {
      if (S->getKind() != UETT_SizeOf)
        return nullptr;
      QualType T = S->isArgumentType() ? S->getArgumentType()
                                       : S->getArgumentExpr()->getType();
      return find(T->getAsRecordDecl());
    }
    for (const Stmt *Child : E->children())
      if (const auto *C = dyn_cast_or_null<Expr>(Child))
        if (RecordFacts *R = sizeOfRecord(C->IgnoreParenImpCasts()))
          return R;
    return nullptr;
  }

  static bool isOne(const Expr *E) {
    const auto *L = dyn_cast<IntegerLiteral>(E->IgnoreParenImpCasts());
    return L && L->getValue() == 1;
  }

  const SourceManager &SM;
  const RecordIndex &Records;
  unsigned LoopDepth = 0;
};

} // namespace

void collectInstances(ASTContext &Ctx, const RecordIndex &Records) {
  Collector C(Ctx, Records);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
}

} // namespace structlayout
