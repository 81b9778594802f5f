//===- SoaExport.h - Struct-of-arrays code for a suggestion ----*- C++ -*-===//
//
// --export-soa: for a record and the fields a hot loop uses, a header with
// the struct-of-arrays type (one array per hot field, the other fields kept
// together in one), functions to convert from and to the original array,
// and the loop's shape rewritten. C++ for C++ records (std::vector), C for
// C records (malloc'd arrays). It compiles when included after the record's
// own header.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_SOAEXPORT_H
#define STRUCTLAYOUT_SOAEXPORT_H

#include "Facts.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace structlayout {

struct SoaRequest {
  const RecordFacts *Record = nullptr;
  std::vector<std::string> HotFields; ///< Names, as the check gave them.
  SourceLoc Loop;                     ///< The loop that motivated it.
  std::string Sequence;               ///< What the loop goes through.
};

/// The header's file name: `<Record>_soa.h`, the name made safe.
std::string soaFileName(const RecordFacts &R);

/// The header, or why this record can't have one (unnamed members, a
/// record without a name code can spell...).
llvm::Expected<std::string> soaHeader(const SoaRequest &Request);

} // namespace structlayout

#endif
