//===- FixPlan.cpp - Fixes from all TUs, merged per file ------------------===//

#include "FixPlan.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <yaml-cpp/yaml.h>

namespace structlayout {

using clang::tooling::Replacement;
using clang::tooling::Replacements;

static auto key(const Replacement &R) {
  return std::make_tuple(R.getFilePath().str(), R.getOffset(), R.getLength(),
                         R.getReplacementText().str());
}

FixPlan planFixes(std::vector<Finding> &Findings) {
  FixPlan Plan;
  std::set<decltype(key(std::declval<Replacement>()))> Seen;
  for (Finding &F : Findings) {
    if (F.Fixes.empty())
      continue;
    // Try the finding's edits on copies: all of them go in, or none.
    std::map<std::string, Replacements> Trial;
    bool Conflict = false;
    for (const Replacement &R : F.Fixes) {
      if (Seen.count(key(R)))
        continue; // The same edit from another finding or TU.
      std::string File = R.getFilePath().str();
      auto It = Trial.find(File);
      if (It == Trial.end())
        It = Trial.emplace(File, Plan.Files[File]).first;
      if (llvm::Error E = It->second.add(R)) {
        llvm::consumeError(std::move(E));
        Conflict = true;
        break;
      }
    }
    if (Conflict) {
      ++Plan.Conflicts;
      F.NoFixReason = "its edits overlap another fix's";
      F.Notes.push_back({F.Loc, "no automatic fix: its edits overlap another "
                                "fix's; run again after applying the others"});
      F.Fixes.clear();
      continue;
    }
    for (auto &[File, Reps] : Trial)
      Plan.Files[File] = std::move(Reps);
    for (const Replacement &R : F.Fixes)
      Seen.insert(key(R));
    Plan.Fixed.push_back(&F);
  }
  return Plan;
}

llvm::Expected<std::string> fixedText(const std::string &Path,
                                      const Replacements &R,
                                      std::string *Original) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read '" + Path +
                                       "': " + Buffer.getError().message());
  std::string Code = (*Buffer)->getBuffer().str();
  if (Original)
    *Original = Code;
  return clang::tooling::applyAllReplacements(Code, R);
}

namespace {
/// Line starts of a text, for turning offsets into line numbers.
struct Lines {
  explicit Lines(llvm::StringRef Text) : Text(Text) {
    Starts.push_back(0);
    for (size_t I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n' && I + 1 < Text.size())
        Starts.push_back(I + 1);
  }
  unsigned lineOf(size_t Offset) const {
    return std::upper_bound(Starts.begin(), Starts.end(), Offset) -
           Starts.begin() - 1;
  }
  llvm::StringRef line(unsigned I) const {
    size_t End = I + 1 < Starts.size() ? Starts[I + 1] : Text.size();
    return Text.slice(Starts[I], End);
  }
  unsigned count() const { return Starts.size(); }
  llvm::StringRef Text;
  std::vector<size_t> Starts;
};

} // namespace

/// The lines of a hunk, ' ' where kept, '-' and '+' where changed: a
/// longest common subsequence, hunks being a few dozen lines. A hunk that
/// reaches the end of a file without a newline marks its last
/// line as patch and git do (\p OldOpen, \p NewOpen).
static void emitLineDiff(llvm::raw_ostream &OS,
                         llvm::ArrayRef<llvm::StringRef> Old,
                         llvm::ArrayRef<llvm::StringRef> New, bool OldOpen,
                         bool NewOpen) {
  const char *NoNewline = "\\ No newline at end of file\n";
  size_t N = Old.size(), M = New.size();
  std::vector<std::vector<unsigned>> Common(N + 1,
                                            std::vector<unsigned>(M + 1, 0));
  for (size_t I = N; I-- > 0;)
    for (size_t J = M; J-- > 0;)
      Common[I][J] = Old[I] == New[J]
                         ? Common[I + 1][J + 1] + 1
                         : std::max(Common[I + 1][J], Common[I][J + 1]);
  size_t I = 0, J = 0;
  while (I < N || J < M) {
    bool OldLast = I + 1 == N && OldOpen, NewLast = J + 1 == M && NewOpen;
    if (I < N && J < M && Old[I] == New[J] && OldLast == NewLast) {
      OS << ' ' << Old[I++] << "\n" << (OldLast ? NoNewline : "");
      ++J;
    } else if (J < M && (I == N || Common[I][J + 1] > Common[I + 1][J])) {
      OS << '+' << New[J++] << "\n" << (NewLast ? NoNewline : "");
    } else {
      OS << '-' << Old[I++] << "\n" << (OldLast ? NoNewline : "");
    }
  }
}

void emitUnifiedDiff(llvm::raw_ostream &OS, const std::string &Path,
                     llvm::StringRef Name, llvm::StringRef Old,
                     const Replacements &R) {
  const unsigned Context = 3;
  Lines L(Old);
  OS << "--- a/" << Name << "\n+++ b/" << Name << "\n";
  // Hunks: edits whose line ranges come within 2*Context lines merge.
  std::vector<Replacement> Edits(R.begin(), R.end());
  int Shift = 0; // New line numbers minus old ones, before this hunk.
  for (size_t I = 0; I < Edits.size();) {
    unsigned First = L.lineOf(Edits[I].getOffset());
    unsigned Last =
        L.lineOf(Edits[I].getOffset() + std::max(1u, Edits[I].getLength()) - 1);
    size_t J = I + 1;
    for (; J < Edits.size(); ++J) {
      unsigned Next = L.lineOf(Edits[J].getOffset());
      if (Next > Last + 2 * Context)
        break;
      Last = std::max(Last, L.lineOf(Edits[J].getOffset() +
                                     std::max(1u, Edits[J].getLength()) - 1));
    }
    unsigned From = First > Context ? First - Context : 0;
    unsigned To = std::min(L.count() - 1, Last + Context);
    size_t Begin = L.Starts[From];
    size_t End = To + 1 < L.count() ? L.Starts[To + 1] : Old.size();
    // The hunk's new text: its edits applied to its old text.
    Replacements Local;
    for (size_t K = I; K < J; ++K)
      llvm::consumeError(Local.add(
          Replacement(Path, Edits[K].getOffset() - Begin, Edits[K].getLength(),
                      Edits[K].getReplacementText())));
    llvm::StringRef OldHunk = Old.slice(Begin, End);
    std::string NewHunk =
        clang::tooling::applyAllReplacements(OldHunk, Local).get();
    llvm::SmallVector<llvm::StringRef, 32> OldLines, NewLines;
    OldHunk.drop_back(OldHunk.ends_with("\n")).split(OldLines, '\n');
    llvm::StringRef(NewHunk)
        .drop_back(llvm::StringRef(NewHunk).ends_with("\n"))
        .split(NewLines, '\n');
    unsigned OldCount = OldLines.size(), NewCount = NewLines.size();
    OS << "@@ -" << From + 1 << "," << OldCount << " +" << From + 1 + Shift
       << "," << NewCount << " @@\n";
    emitLineDiff(
        OS, OldLines, NewLines, End == Old.size() && !OldHunk.ends_with("\n"),
        End == Old.size() && !llvm::StringRef(NewHunk).ends_with("\n"));
    Shift += int(NewCount) - int(OldCount);
    I = J;
  }
}

void emitFixesYaml(llvm::raw_ostream &OS, const FixPlan &Plan) {
  YAML::Emitter Out;
  Out << YAML::BeginDoc << YAML::BeginMap;
  Out << YAML::Key << "MainSourceFile" << YAML::Value << "";
  Out << YAML::Key << "Diagnostics" << YAML::Value << YAML::BeginSeq;
  for (const Finding *F : Plan.Fixed) {
    Out << YAML::BeginMap;
    Out << YAML::Key << "DiagnosticName" << YAML::Value << F->Check;
    Out << YAML::Key << "DiagnosticMessage" << YAML::Value << YAML::BeginMap;
    Out << YAML::Key << "Message" << YAML::Value << F->Message;
    Out << YAML::Key << "FilePath" << YAML::Value << F->Loc.File;
    Out << YAML::Key << "FileOffset" << YAML::Value << F->Loc.Offset;
    Out << YAML::Key << "Replacements" << YAML::Value << YAML::BeginSeq;
    for (const Replacement &R : F->Fixes) {
      Out << YAML::BeginMap;
      Out << YAML::Key << "FilePath" << YAML::Value << R.getFilePath().str();
      Out << YAML::Key << "Offset" << YAML::Value << R.getOffset();
      Out << YAML::Key << "Length" << YAML::Value << R.getLength();
      Out << YAML::Key << "ReplacementText" << YAML::Value << YAML::DoubleQuoted
          << R.getReplacementText().str();
      Out << YAML::EndMap;
    }
    Out << YAML::EndSeq << YAML::EndMap;
    Out << YAML::Key << "Level" << YAML::Value << "Warning";
    Out << YAML::EndMap;
  }
  Out << YAML::EndSeq << YAML::EndMap << YAML::EndDoc;
  OS << Out.c_str() << "\n";
}

} // namespace structlayout
