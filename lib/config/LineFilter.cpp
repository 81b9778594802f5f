//===- LineFilter.cpp - clang-tidy's --line-filter ------------------------===//

#include "LineFilter.h"

#include "llvm/Support/JSON.h"

namespace structlayout {

static llvm::Error error(const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "bad --line-filter: " + What);
}

llvm::Expected<LineFilter> LineFilter::parse(llvm::StringRef Json) {
  LineFilter Filter;
  if (Json.trim().empty())
    return Filter;
  auto Parsed = llvm::json::parse(Json);
  if (!Parsed)
    return error(llvm::toString(Parsed.takeError()));
  const llvm::json::Array *Items = Parsed->getAsArray();
  if (!Items)
    return error("expected a JSON array of {\"name\": ..., \"lines\": ...}");
  for (size_t I = 0; I < Items->size(); ++I) {
    const llvm::json::Object *O = (*Items)[I].getAsObject();
    std::optional<llvm::StringRef> Name =
        O ? O->getString("name") : std::nullopt;
    if (!Name)
      return error("entry " + llvm::Twine(I + 1) + " has no \"name\" string");
    Entry E{Name->str(), {}};
    if (const llvm::json::Value *Lines = O->get("lines")) {
      const llvm::json::Array *Ranges = Lines->getAsArray();
      if (!Ranges)
        return error("\"lines\" of '" + *Name + "' must be an array");
      for (const llvm::json::Value &R : *Ranges) {
        const llvm::json::Array *Pair = R.getAsArray();
        std::optional<int64_t> From, To;
        if (Pair && Pair->size() == 2) {
          From = (*Pair)[0].getAsInteger();
          To = (*Pair)[1].getAsInteger();
        }
        if (!From || !To || *From < 0 || *To < *From)
          return error("each line range of '" + *Name +
                       "' must be [first, last]");
        E.Lines.push_back({unsigned(*From), unsigned(*To)});
      }
    }
    Filter.Files.push_back(std::move(E));
  }
  return Filter;
}

bool LineFilter::passes(llvm::StringRef File, unsigned Line) const {
  if (Files.empty())
    return true;
  for (const Entry &E : Files) {
    if (!File.ends_with(E.Name))
      continue;
    if (E.Lines.empty())
      return true;
    for (const auto &[From, To] : E.Lines)
      if (Line >= From && Line <= To)
        return true;
  }
  return false;
}

} // namespace structlayout
