//===- GlobList.cpp - clang-tidy style check globs ------------------------===//

#include "GlobList.h"

#include "llvm/ADT/SmallVector.h"

namespace structlayout {

GlobList::GlobList(llvm::StringRef Globs) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Globs.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Parts) {
    P = P.trim();
    if (P.empty())
      continue;
    bool Positive = !P.consume_front("-");
    Items.push_back({Positive, P.trim().str()});
  }
}

bool GlobList::matches(llvm::StringRef Glob, llvm::StringRef Name) {
  // Simple '*' wildcards: match the pieces in order.
  llvm::SmallVector<llvm::StringRef, 4> Pieces;
  Glob.split(Pieces, '*');
  if (Pieces.size() == 1)
    return Glob == Name;
  if (!Name.consume_front(Pieces.front()))
    return false;
  for (size_t I = 1; I + 1 < Pieces.size(); ++I) {
    size_t At = Name.find(Pieces[I]);
    if (At == llvm::StringRef::npos)
      return false;
    Name = Name.drop_front(At + Pieces[I].size());
  }
  return Name.ends_with(Pieces.back());
}

std::optional<bool> GlobList::decides(llvm::StringRef Name) const {
  std::optional<bool> Result;
  for (const Item &I : Items)
    if (matches(I.Text, Name))
      Result = I.Positive;
  return Result;
}

bool GlobList::contains(llvm::StringRef Name) const {
  return decides(Name).value_or(false);
}

std::vector<std::string> GlobList::positiveGlobs() const {
  std::vector<std::string> Out;
  for (const Item &I : Items)
    if (I.Positive)
      Out.push_back(I.Text);
  return Out;
}

} // namespace structlayout
