//===- Registry.cpp - Every check, by its public name ---------------------===//

#include "AosToSoaCheck.h"
#include "FalseSharingCheck.h"
#include "HotColdCheck.h"
#include "LayoutCheck.h"
#include "PaddingCheck.h"
#include "SimdAlignmentCheck.h"

#include "llvm/ADT/StringExtras.h"

namespace structlayout {

uint64_t CheckOptionsView::get(llvm::StringRef Option, uint64_t Default) {
  Known.push_back(Option.str());
  auto It = All.find(Prefix + Option.str());
  if (It == All.end())
    return Default;
  uint64_t Value;
  if (llvm::StringRef(It->second).trim().getAsInteger(10, Value)) {
    Errors.push_back("option '" + It->first +
                     "' must be a non-negative "
                     "integer, not '" +
                     It->second + "'");
    return Default;
  }
  return Value;
}

std::string CheckOptionsView::getString(llvm::StringRef Option,
                                        llvm::StringRef Default) {
  Known.push_back(Option.str());
  auto It = All.find(Prefix + Option.str());
  return It == All.end() ? Default.str() : It->second;
}

const char *toString(Impact I) {
  switch (I) {
  case Impact::Low:
    return "low";
  case Impact::Medium:
    return "medium";
  case Impact::High:
    return "high";
  }
  return "low";
}

Impact CheckOptionsView::getImpact(llvm::StringRef Option, Impact Default) {
  std::string Value = getString(Option, toString(Default));
  for (Impact I : {Impact::Low, Impact::Medium, Impact::High})
    if (llvm::StringRef(Value).trim().equals_insensitive(toString(I)))
      return I;
  Errors.push_back("option '" + Prefix + Option.str() +
                   "' must be low, medium or high, not '" + Value + "'");
  return Default;
}

template <typename T>
static std::unique_ptr<LayoutCheck> make(CheckOptionsView &Options) {
  return std::make_unique<T>(Options);
}

llvm::ArrayRef<CheckDescriptor> registeredChecks() {
  static const CheckDescriptor Checks[] = {
      {"layout-padding", "records that shrink when their fields are reordered",
       &make<PaddingCheck>},
      {"layout-false-sharing",
       "fields that different threads write, sharing one cache line",
       &make<FalseSharingCheck>},
      {"layout-simd-alignment",
       "vector fields at offsets aligned loads can't rely on; over-aligned "
       "records allocated without their alignment",
       &make<SimdAlignmentCheck>},
      {"layout-hot-cold",
       "hot fields spread over more cache lines than they need, among cold "
       "ones",
       &make<HotColdCheck>},
      {"layout-aos-to-soa",
       "hot loops over arrays of a record that use a small part of each "
       "element",
       &make<AosToSoaCheck>},
  };
  return Checks;
}

} // namespace structlayout
