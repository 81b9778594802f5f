//===- Baseline.cpp - Findings a legacy codebase already has --------------===//

#include "Baseline.h"
#include "Fingerprint.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace structlayout {

static llvm::Error error(llvm::StringRef Path, const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "baseline '" + Path + "': " + What);
}

llvm::Expected<std::set<std::string>> loadBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return error(Path, Buffer.getError().message());
  auto Parsed = llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return error(Path, "not JSON: " + llvm::toString(Parsed.takeError()));
  const llvm::json::Object *Root = Parsed->getAsObject();
  if (!Root)
    return error(Path, "expected a JSON object");
  std::set<std::string> Out;
  // Ours: {"fingerprints": [{"fingerprint": ...}, ...]}.
  if (const llvm::json::Array *Items = Root->getArray("fingerprints")) {
    for (size_t I = 0; I < Items->size(); ++I) {
      const llvm::json::Object *Item = (*Items)[I].getAsObject();
      std::optional<llvm::StringRef> Print =
          Item ? Item->getString("fingerprint") : std::nullopt;
      if (!Print)
        return error(Path, "entry " + llvm::Twine(I + 1) +
                               " of \"fingerprints\" has no \"fingerprint\" "
                               "string");
      Out.insert(Print->str());
    }
    return Out;
  }
  // A SARIF log of an earlier run: its results' fingerprints.
  if (const llvm::json::Array *Runs = Root->getArray("runs")) {
    for (const llvm::json::Value &Run : *Runs)
      if (const llvm::json::Object *R = Run.getAsObject())
        if (const llvm::json::Array *Results = R->getArray("results"))
          for (const llvm::json::Value &Result : *Results)
            if (const llvm::json::Object *O = Result.getAsObject())
              if (const llvm::json::Object *Prints =
                      O->getObject("partialFingerprints"))
                if (auto Print = Prints->getString(FingerprintKey))
                  Out.insert(Print->str());
    return Out;
  }
  return error(Path, "neither a struct-layout baseline (\"fingerprints\") "
                     "nor a SARIF log (\"runs\")");
}

llvm::Error writeBaseline(llvm::StringRef Path,
                          const std::vector<Finding> &Findings,
                          llvm::StringRef Root) {
  llvm::json::Array Items;
  for (const Finding &F : Findings)
    Items.push_back(
        llvm::json::Object{{"fingerprint", F.Fingerprint},
                           {"check", F.Check},
                           {"record", F.RecordName},
                           {"file", relativeToRoot(F.Loc.File, Root)},
                           {"message", F.Message}});
  llvm::json::Object Baseline{{"version", 1},
                              {"tool", "struct-layout"},
                              {"fingerprints", std::move(Items)}};
  if (llvm::Error E = llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
        OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Baseline)))
           << "\n";
        return llvm::Error::success();
      }))
    return error(Path, llvm::toString(std::move(E)));
  return llvm::Error::success();
}

} // namespace structlayout
