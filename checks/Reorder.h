//===- Reorder.h - What the reordering checks share -------------*- C++ -*-===//
//
// The record's layout models on each target it can be modelled on, how a
// field and an order are named in messages, and the safe reorder fix-it
// (DESIGN.md section 4) that layout-padding, layout-simd-alignment and
// layout-hot-cold all offer.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_REORDER_H
#define STRUCTLAYOUT_REORDER_H

#include "LayoutCheck.h"
#include "LayoutModel.h"
#include "Optimiser.h"

namespace structlayout {

/// A record's models, one per target whose layout the model reproduces.
struct RecordModels {
  std::vector<LayoutModel> Models;
  std::vector<const TargetLayout *> Layouts; ///< Parallel to Models.
  /// Why the first target that could not be modelled could not.
  std::string WhyNot;

  static RecordModels create(const RecordFacts &R);
  bool empty() const { return Layouts.empty(); }
  std::vector<const LayoutModel *> pointers() const;
  /// The optimiser's order for every modelled target at once.
  OptimisedOrder optimise(const RecordFacts &R,
                          const OptimiserOptions &Options = {}) const;
};

/// What \p R looks like on \p L's target with its fields in \p Order at
/// \p OffsetsBits (parallel to Order): what verification will expect.
PredictedLayout predictedLayout(const RecordFacts &R, const TargetLayout &L,
                                uint64_t Size, uint64_t Align,
                                llvm::ArrayRef<unsigned> Order,
                                std::vector<uint64_t> OffsetsBits);

/// `'name'`, or what an unnamed field is.
std::string fieldLabel(const FieldFacts &F);

/// "a, c, b", and the same names as JSON in \p Items.
std::string orderText(const RecordFacts &R, const std::vector<unsigned> &Order,
                      llvm::json::Array &Items);

/// Gives \p F the edits that reorder \p R as \p Order, or a note saying why
/// there are none. A class template is fixed for every specialisation seen,
/// or not at all; no record may grow on any target.
void addReorderFix(const RecordFacts &R, const std::vector<unsigned> &Order,
                   const CheckContext &Context, Finding &F);

} // namespace structlayout

#endif
