//===- CheckDocs.cpp - Each check's documentation, embedded ---------------===//

#include "CheckDocs.h"

#include "llvm/ADT/StringExtras.h"

#include <utility>

namespace structlayout {

namespace {
const std::pair<const char *, const char *> Pages[] = {
#include "CheckDocs.inc"
};
} // namespace

std::optional<CheckDoc> checkDoc(llvm::StringRef Check) {
  for (const auto &[Name, Text] : Pages) {
    if (Check != Name)
      continue;
    CheckDoc Doc;
    Doc.Markdown = Text;
    // The first paragraph after the `# name` heading.
    llvm::SmallVector<llvm::StringRef, 64> Lines;
    Doc.Markdown.split(Lines, '\n');
    bool InParagraph = false;
    for (llvm::StringRef Line : Lines) {
      Line = Line.trim();
      if (Line.starts_with("#"))
        continue;
      if (Line.empty()) {
        if (InParagraph)
          break;
        continue;
      }
      InParagraph = true;
      Doc.Description += (Doc.Description.empty() ? "" : " ") + Line.str();
    }
    size_t End = Doc.Description.find(". ");
    Doc.Summary = End == std::string::npos ? Doc.Description
                                           : Doc.Description.substr(0, End + 1);
    return Doc;
  }
  return std::nullopt;
}

} // namespace structlayout
