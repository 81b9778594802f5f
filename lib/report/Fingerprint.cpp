//===- Fingerprint.cpp - A finding's identity across edits ----------------===//

#include "Fingerprint.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/xxhash.h"

#include <map>

namespace structlayout {

std::string relativeToRoot(llvm::StringRef Path, llvm::StringRef Root) {
  if (Root.empty() || Root == "/")
    return Path.str();
  llvm::StringRef Rest = Path;
  if (Rest.consume_front(Root) && Rest.consume_front("/"))
    return Rest.str();
  return Path.str();
}

/// An anonymous record's name says where it is (`(anonymous struct at
/// a.h:12:3)`): without the place.
static std::string placeless(llvm::StringRef Name) {
  static const llvm::Regex At(" at [^()]*:[0-9]+:[0-9]+\\)");
  std::string Out = Name.str();
  while (At.match(Out))
    Out = At.sub(")", Out);
  return Out;
}

/// The targets a finding is about, as its details name them.
static std::string targetsOf(const Finding &F) {
  if (auto Target = F.Details.getString("target"))
    return Target->str();
  std::vector<std::string> Names;
  if (const llvm::json::Array *Targets = F.Details.getArray("targets"))
    for (const llvm::json::Value &T : *Targets) {
      if (auto S = T.getAsString())
        Names.push_back(S->str());
      else if (const llvm::json::Object *O = T.getAsObject())
        if (auto S = O->getString("target"))
          Names.push_back(S->str());
    }
  return llvm::join(Names, ",");
}

void assignFingerprints(std::vector<Finding> &Findings, llvm::StringRef Root) {
  std::map<std::string, unsigned> Seen;
  for (Finding &F : Findings) {
    std::string Identity = F.Check + "|" + placeless(F.RecordName) + "|" +
                           relativeToRoot(F.Loc.File, Root) + "|" + F.Subject +
                           "|" + targetsOf(F);
    // Its file is the record's, or that of the loop or allocation it is
    // about: part of what it is about, unlike its line.
    unsigned N = ++Seen[Identity];
    F.Fingerprint = llvm::utohexstr(llvm::xxh3_64bits(Identity), true, 16) +
                    ":" + std::to_string(N);
  }
}

} // namespace structlayout
