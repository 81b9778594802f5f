//===- ExportSoa.h - --export-soa ------------------------------*- C++ -*-===//

#ifndef STRUCTLAYOUT_EXPORTSOA_H
#define STRUCTLAYOUT_EXPORTSOA_H

#include "Findings.h"

namespace structlayout {

/// Writes a struct-of-arrays header into \p Dir for each record that
/// layout-aos-to-soa findings name (the fields of all its reported loops,
/// the heaviest loop as the example). Says why a record gets none. Returns
/// a non-zero exit code when something could not be written.
int exportSoa(const std::string &Dir, const std::vector<Finding> &Findings,
              const std::vector<RecordFacts> &Records, bool Quiet);

} // namespace structlayout

#endif
