//===- EvidenceCollector.cpp - What a rewrite must keep -------------------===//

#include "EvidenceCollector.h"

#include "SourceMapper.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

#include <algorithm>

using namespace clang;

namespace structlayout {
namespace {

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &Ctx, const RecordIndex &Records, TUEvidence &Out)
      : Ctx(Ctx), SM(Ctx.getSourceManager()),
        Map(Ctx.getSourceManager(), Ctx.getLangOpts()), Records(Records),
        Out(Out), Policy(Ctx.getLangOpts()) {
    Policy.SuppressImplicitBase = true;
  }

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (SourceMapper::inSystemHeader(SM, D))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  /// Syntactic lists are visited; what they mean is their semantic form.
  bool VisitInitListExpr(InitListExpr *E) {
    InitListExpr *Sem = E->isSemanticForm() ? E : E->getSemanticForm();
    if (!Sem || !Seen.insert(Sem).second)
      return true;
    const RecordDecl *RD = Sem->getType()->getAsRecordDecl();
    const RecordFacts *R = find(RD);
    if (!R)
      return true;
    InitMeaning M;
    M.RecordUSR = R->USR;
    M.Loc = Map.loc(E->getBeginLoc());
    recordValues(RD->getDefinition(), Sem, M.Values);
    add(std::move(M));
    return true;
  }

  bool VisitCXXConstructorDecl(CXXConstructorDecl *D) {
    if (!D->isThisDeclarationADefinition() || D->isImplicit())
      return true;
    const RecordFacts *R = find(D->getParent());
    if (!R)
      return true;
    InitMeaning M;
    M.RecordUSR = R->USR;
    M.Loc = Map.loc(D->getLocation());
    for (const CXXCtorInitializer *Init : D->inits()) {
      const FieldDecl *FD = Init->getAnyMember();
      if (!FD || !Init->isWritten())
        continue;
      M.Values.emplace_back(label(FD), text(Init->getInit()));
    }
    add(std::move(M));
    return true;
  }

  /// Default member initialisers: one meaning per record.
  void defaults(const RecordDecl *RD, const RecordFacts &R) {
    InitMeaning M;
    M.RecordUSR = R.USR;
    M.Loc = R.Loc;
    for (const FieldDecl *FD : RD->fields())
      if (const Expr *Init = FD->getInClassInitializer())
        M.Values.emplace_back(label(FD), text(Init));
    if (!M.Values.empty())
      add(std::move(M));
  }

private:
  const RecordFacts *find(const RecordDecl *RD) const {
    if (!RD || !(RD = RD->getDefinition()))
      return nullptr;
    auto It = Records.find(RD);
    return It == Records.end() ? nullptr : It->second;
  }

  void add(InitMeaning M) {
    std::sort(M.Values.begin(), M.Values.end());
    Out.Inits.push_back(std::move(M));
  }

  /// How messages and comparisons name a field: its name, or its place
  /// among the unnamed ones (anonymous structs and unions).
  static std::string label(const FieldDecl *FD) {
    if (!FD->getName().empty())
      return FD->getName().str();
    unsigned Unnamed = 0;
    for (const FieldDecl *F : FD->getParent()->fields()) {
      if (F == FD)
        break;
      Unnamed += F->getName().empty();
    }
    return "(unnamed " + std::to_string(Unnamed) + ")";
  }

  /// The value an element gives: nested lists by what they give each of
  /// their fields (so braces elided or not, and nested lists rewritten for
  /// their own record, read the same), expressions as Clang prints them
  /// (macros expanded, spacing normalised).
  std::string text(const Expr *E) {
    if (!E)
      return "<none>";
    E = E->IgnoreImplicitAsWritten();
    if (isa<ImplicitValueInitExpr>(E))
      return "<zero>";
    if (isa<CXXDefaultInitExpr>(E))
      return "<default>";
    if (isa<NoInitExpr>(E))
      return "<none>";
    if (isZero(E))
      return "<zero>"; // `0`, `0.0`, `nullptr`, `false` as a left-out field.
    if (const auto *L = dyn_cast<InitListExpr>(E)) {
      const InitListExpr *Sem = L->isSemanticForm() ? L : L->getSemanticForm();
      if (Sem)
        return listText(Sem);
    }
    std::string S;
    llvm::raw_string_ostream OS(S);
    E->printPretty(OS, nullptr, Policy);
    return S;
  }

  /// A scalar constant whose value is zero: what value-initialisation gives.
  bool isZero(const Expr *E) const {
    if (E->isValueDependent() || !E->getType()->isScalarType())
      return false;
    Expr::EvalResult Result;
    if (!E->EvaluateAsRValue(Result, Ctx))
      return false;
    const APValue &V = Result.Val;
    return (V.isInt() && V.getInt().isZero()) ||
           (V.isFloat() && V.getFloat().isPosZero()) ||
           (V.isLValue() && V.isNullPointer());
  }

  std::string listText(const InitListExpr *Sem) {
    std::vector<std::pair<std::string, std::string>> Values;
    if (const RecordDecl *RD = Sem->getType()->getAsRecordDecl())
      recordValues(RD->getDefinition(), Sem, Values);
    else
      for (unsigned I = 0; I < Sem->getNumInits(); ++I)
        Values.emplace_back("[" + std::to_string(I) + "]",
                            text(Sem->getInit(I)));
    if (Sem->hasArrayFiller())
      Values.emplace_back("[...]", text(Sem->getArrayFiller()));
    std::sort(Values.begin(), Values.end());
    if (llvm::all_of(Values,
                     [](const auto &V) { return V.second == "<zero>"; }))
      return "<zero>"; // `{0}`, `{}`: what a left-out member gets.
    std::string S = "{";
    for (const auto &[Field, Value] : Values)
      S += (S.size() > 1 ? ", " : "") + Field + "=" + Value;
    return S + "}";
  }

  /// A record's semantic list: bases first, then one element per field
  /// (unions: the one it initialises).
  void recordValues(const RecordDecl *RD, const InitListExpr *Sem,
                    std::vector<std::pair<std::string, std::string>> &Out) {
    if (!RD)
      return;
    if (RD->isUnion()) {
      if (const FieldDecl *FD = Sem->getInitializedFieldInUnion())
        Out.emplace_back(label(FD),
                         text(Sem->getNumInits() ? Sem->getInit(0) : nullptr));
      return;
    }
    unsigned I = 0;
    if (const auto *CXX = dyn_cast<CXXRecordDecl>(RD))
      for (const CXXBaseSpecifier &B : CXX->bases()) {
        if (I < Sem->getNumInits())
          Out.emplace_back("base " + B.getType().getAsString(Policy),
                           text(Sem->getInit(I)));
        ++I;
      }
    for (const FieldDecl *FD : RD->fields()) {
      if (FD->isUnnamedBitField())
        continue;
      Out.emplace_back(label(FD), I < Sem->getNumInits() ? text(Sem->getInit(I))
                                                         : "<zero>");
      ++I;
    }
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  SourceMapper Map;
  const RecordIndex &Records;
  TUEvidence &Out;
  PrintingPolicy Policy;
  llvm::DenseSet<const InitListExpr *> Seen;
};

} // namespace

std::vector<std::string> filesRead(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceMapper Map(SM, Ctx.getLangOpts());
  std::vector<std::string> Files;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It)
    Files.push_back(Map.normalise(It->first.getName()));
  std::sort(Files.begin(), Files.end());
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  return Files;
}

void collectEvidence(ASTContext &Ctx, const RecordIndex &Records,
                     TUEvidence &Out) {
  Collector C(Ctx, Records, Out);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const auto &[RD, R] : Records)
    C.defaults(RD, *R);
}

} // namespace structlayout
