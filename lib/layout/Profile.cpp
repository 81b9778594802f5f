//===- Profile.cpp - Execution counts from a coverage export --------------===//

#include "Profile.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace structlayout {

static std::string normalised(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

static llvm::Error bad(llvm::StringRef Name, const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "bad profile '" + Name + "': " + What);
}

llvm::Expected<CoverageProfile> CoverageProfile::load(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read profile '" + Path +
                                       "': " + Buffer.getError().message());
  return parse((*Buffer)->getBuffer(), Path);
}

llvm::Expected<CoverageProfile> CoverageProfile::parse(llvm::StringRef JSON,
                                                       llvm::StringRef Name) {
  llvm::Expected<llvm::json::Value> Root = llvm::json::parse(JSON);
  if (!Root)
    return bad(Name, llvm::toString(Root.takeError()));
  const llvm::json::Object *Top = Root->getAsObject();
  const llvm::json::Array *Data = Top ? Top->getArray("data") : nullptr;
  if (!Data)
    return bad(Name, "not an 'llvm-cov export -format=text' document (no "
                     "\"data\" array)");
  CoverageProfile Out;
  for (const llvm::json::Value &Export : *Data) {
    const llvm::json::Object *E = Export.getAsObject();
    const llvm::json::Array *Files = E ? E->getArray("files") : nullptr;
    if (!Files)
      return bad(Name, "an export without \"files\"");
    for (const llvm::json::Value &FileValue : *Files) {
      const llvm::json::Object *File = FileValue.getAsObject();
      std::optional<llvm::StringRef> FileName =
          File ? File->getString("filename") : std::nullopt;
      const llvm::json::Array *Segments =
          File ? File->getArray("segments") : nullptr;
      if (!FileName || !Segments)
        return bad(Name, "a file without \"filename\" or \"segments\"");
      std::vector<Segment> &To = Out.Files[normalised(*FileName)];
      for (const llvm::json::Value &SV : *Segments) {
        const llvm::json::Array *S = SV.getAsArray();
        if (!S || S->size() < 4)
          return bad(Name, "a segment of '" + *FileName +
                               "' is not [line, col, count, hasCount, ...]");
        Segment Seg;
        std::optional<int64_t> Line = (*S)[0].getAsInteger(),
                               Col = (*S)[1].getAsInteger(),
                               Count = (*S)[2].getAsInteger();
        std::optional<bool> Has = (*S)[3].getAsBoolean();
        if (!Line || !Col || !Count || !Has)
          return bad(Name, "a segment of '" + *FileName +
                               "' has a field of the wrong type");
        Seg.Line = *Line;
        Seg.Column = *Col;
        Seg.Count = *Count;
        Seg.HasCount = *Has;
        To.push_back(Seg);
      }
      std::stable_sort(
          To.begin(), To.end(), [](const Segment &A, const Segment &B) {
            return std::tie(A.Line, A.Column) < std::tie(B.Line, B.Column);
          });
    }
  }
  return Out;
}

const std::vector<CoverageProfile::Segment> *
CoverageProfile::find(llvm::StringRef File) const {
  auto It = Files.find(normalised(File));
  return It == Files.end() ? nullptr : &It->second;
}

std::optional<uint64_t> CoverageProfile::count(llvm::StringRef File,
                                               unsigned Line,
                                               unsigned Column) const {
  const std::vector<Segment> *Segments = find(File);
  if (!Segments)
    return std::nullopt;
  // The last segment that starts at or before the position sets its count.
  auto After = std::upper_bound(
      Segments->begin(), Segments->end(), std::make_pair(Line, Column),
      [](const std::pair<unsigned, unsigned> &P, const Segment &S) {
        return P < std::make_pair(S.Line, S.Column);
      });
  if (After == Segments->begin())
    return 0;
  const Segment &S = *std::prev(After);
  return S.HasCount ? S.Count : 0;
}

} // namespace structlayout
