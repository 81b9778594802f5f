//===- ExportSoa.cpp - --export-soa ---------------------------------------===//

#include "ExportSoa.h"
#include "ApplyFixes.h"
#include "SoaExport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace structlayout {

int exportSoa(const std::string &Dir, const std::vector<Finding> &Findings,
              const std::vector<RecordFacts> &Records, bool Quiet) {
  std::map<std::string, const RecordFacts *> ByKey;
  for (const RecordFacts &R : Records)
    ByKey.try_emplace(R.key(), &R); // The first shape of a record.
  // One request per record: every reported loop's fields.
  std::map<std::string, std::pair<SoaRequest, double>> Requests;
  for (const Finding &F : Findings) {
    if (F.Check != "layout-aos-to-soa")
      continue;
    auto It = ByKey.find(F.RecordKey);
    if (It == ByKey.end())
      continue;
    auto &[Q, Weight] = Requests[F.RecordKey];
    Q.Record = It->second;
    if (const llvm::json::Array *Fields = F.Details.getArray("soa_fields"))
      for (const llvm::json::Value &V : *Fields)
        if (auto Name = V.getAsString();
            Name && !llvm::is_contained(Q.HotFields, Name->str()))
          Q.HotFields.push_back(Name->str());
    double W = F.Details.getNumber("loop_weight").value_or(0);
    if (Q.Sequence.empty() || W > Weight) {
      Weight = W;
      Q.Loop = F.Loc;
      Q.Sequence = F.Details.getString("sequence").value_or("").str();
    }
  }
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir)) {
    llvm::errs() << "error: cannot create '" << Dir << "': " << EC.message()
                 << "\n";
    return 2;
  }
  int Status = 0;
  unsigned Written = 0;
  for (const auto &[Key, Request] : Requests) {
    const SoaRequest &Q = Request.first;
    auto Header = soaHeader(Q);
    if (!Header) {
      llvm::errs() << "note: no struct of arrays for '" << Q.Record->Name
                   << "': " << llvm::toString(Header.takeError()) << "\n";
      continue;
    }
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, soaFileName(*Q.Record));
    if (llvm::Error E = writeAtomically(std::string(Path), *Header)) {
      llvm::errs() << "error: cannot write '" << Path
                   << "': " << llvm::toString(std::move(E)) << "\n";
      Status = 2;
      continue;
    }
    ++Written;
  }
  if (!Quiet)
    llvm::errs() << "struct-layout: wrote " << Written
                 << " struct-of-arrays headers to " << Dir << "\n";
  return Status;
}

} // namespace structlayout
