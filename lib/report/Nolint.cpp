//===- Nolint.cpp - NOLINT comments, as clang-tidy reads them -------------===//

#include "Nolint.h"

#include "GlobList.h"

namespace structlayout {

namespace {

bool covers(bool HasList, llvm::StringRef Checks, llvm::StringRef Check) {
  return !HasList || GlobList(Checks).contains(Check);
}

} // namespace

NolintIndex::FileMarkers &NolintIndex::markers(const std::string &File) {
  auto [It, New] = Files.try_emplace(File);
  FileMarkers &M = It->second;
  if (!New)
    return M;
  for (unsigned L = 1, N = Sources.lineCount(File); L <= N; ++L) {
    llvm::StringRef Text = Sources.line(File, L);
    for (size_t At = Text.find("NOLINT"); At != llvm::StringRef::npos;
         At = Text.find("NOLINT", At + 1)) {
      llvm::StringRef After = Text.drop_front(At);
      std::string Kind = "NOLINT";
      for (const char *K : {"NOLINTNEXTLINE", "NOLINTBEGIN", "NOLINTEND"})
        if (After.starts_with(K))
          Kind = K;
      llvm::StringRef Rest = After.drop_front(Kind.size());
      // NOLINTFOO is not a marker.
      if (!Rest.empty() && (isalnum(Rest[0]) || Rest[0] == '_'))
        continue;
      Marker Mk{L, unsigned(At + 1), Kind, Rest.starts_with("("), ""};
      if (Mk.HasList)
        Mk.Checks = Rest.drop_front().split(')').first.str();
      M.Markers.push_back(std::move(Mk));
      At += Kind.size() - 1;
    }
  }
  // NOLINTEND closes the latest open NOLINTBEGIN with the same list.
  std::vector<const Marker *> Open;
  for (const Marker &Mk : M.Markers) {
    if (Mk.Kind == "NOLINTBEGIN") {
      Open.push_back(&Mk);
    } else if (Mk.Kind == "NOLINTEND") {
      if (!Open.empty() && Open.back()->HasList == Mk.HasList &&
          Open.back()->Checks == Mk.Checks) {
        M.Blocks.push_back({Open.back()->Line, Mk.Line, Mk.Checks, Mk.HasList});
        Open.pop_back();
      } else {
        M.Unmatched.push_back(&Mk);
      }
    }
  }
  M.Unmatched.insert(M.Unmatched.end(), Open.begin(), Open.end());
  return M;
}

bool NolintIndex::suppresses(const std::string &File, unsigned Line,
                             llvm::StringRef Check) {
  FileMarkers &M = markers(File);
  for (const Marker &Mk : M.Markers) {
    if (Mk.Kind == "NOLINT" && Mk.Line == Line &&
        covers(Mk.HasList, Mk.Checks, Check))
      return true;
    if (Mk.Kind == "NOLINTNEXTLINE" && Mk.Line + 1 == Line &&
        covers(Mk.HasList, Mk.Checks, Check))
      return true;
  }
  for (const Block &B : M.Blocks)
    if (Line >= B.Begin && Line <= B.End && covers(B.HasList, B.Checks, Check))
      return true;
  return false;
}

std::vector<Finding>
NolintIndex::problems(const std::string &File,
                      llvm::function_ref<bool(llvm::StringRef)> IsCheck) {
  FileMarkers &M = markers(File);
  std::vector<Finding> Out;
  auto Add = [&](const Marker &Mk, Severity Level, std::string Message,
                 std::string Subject) {
    Finding F;
    F.Check = NolintCheck;
    F.Level = Level;
    F.Loc.File = File;
    F.Loc.Line = Mk.Line;
    F.Loc.Column = Mk.Column;
    F.Message = std::move(Message);
    F.Subject = std::move(Subject);
    Out.push_back(std::move(F));
  };
  for (const Marker *Mk : M.Unmatched)
    Add(*Mk, Severity::Error,
        Mk->Kind == "NOLINTBEGIN"
            ? "unmatched 'NOLINTBEGIN' comment without a subsequent "
              "'NOLINTEND' comment"
            : "unmatched 'NOLINTEND' comment without a previous "
              "'NOLINTBEGIN' comment",
        "unmatched:" + Mk->Kind + "(" + Mk->Checks + ")");
  for (const Marker &Mk : M.Markers) {
    if (!Mk.HasList)
      continue;
    llvm::SmallVector<llvm::StringRef, 4> Names;
    llvm::StringRef(Mk.Checks).split(Names, ',', -1, false);
    for (llvm::StringRef Name : Names) {
      Name = Name.trim();
      if (Name.consume_front("-"))
        Name = Name.trim();
      if (Name.starts_with("layout-") && !IsCheck(Name))
        Add(Mk, Severity::Warning,
            "unknown check '" + Name.str() + "' in a " + Mk.Kind +
                " comment: it suppresses nothing (see --list-checks)",
            "unknown:" + Name.str());
    }
  }
  return Out;
}

} // namespace structlayout
