//===- MultiTargetTest.cpp - One order for several ABIs -------------------===//
//
// Random records of types whose size and alignment differ between targets
// (long, pointers, double on i686, long double), laid out by Clang for four
// triples. The one order the optimiser proposes for all of them is checked
// against every permutation: least total size, minimal on every target when
// some order is, never bigger anywhere; and the sizes it predicts are
// compiled as static_asserts for each triple.
//
//===----------------------------------------------------------------------===//

#include "LayoutModel.h"
#include "Optimiser.h"
#include "TestSupport.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <numeric>
#include <random>

using namespace structlayout;
using namespace structlayout::test;

namespace {

const std::vector<std::string> Triples = {"x86_64-linux-gnu", "i686-linux-gnu",
                                          "armv7-linux-gnueabihf",
                                          "x86_64-pc-windows-msvc"};

const char *const Types[] = {"char",   "short",  "int",         "long",
                             "double", "void*",  "long double", "long long",
                             "float",  "char[3]"};

std::string declare(const std::string &Type, const std::string &Name) {
  if (Type.back() == ']') {
    size_t B = Type.find('[');
    return Type.substr(0, B) + " " + Name + Type.substr(B);
  }
  return Type + " " + Name;
}

struct Random {
  std::string Code;
  std::vector<std::vector<std::string>> Fields; ///< Per record, its types.
};

Random randomRecords(unsigned Count, unsigned Seed) {
  std::mt19937 Rng(Seed);
  Random Out;
  for (unsigned R = 0; R < Count; ++R) {
    unsigned N = 3 + Rng() % 4;
    std::vector<std::string> Fields;
    Out.Code += "struct R" + std::to_string(R) + " {";
    for (unsigned F = 0; F < N; ++F) {
      Fields.push_back(Types[Rng() % std::size(Types)]);
      Out.Code += " " + declare(Fields.back(), "f" + std::to_string(F)) + ";";
    }
    Out.Code += " };\n";
    Out.Fields.push_back(Fields);
  }
  return Out;
}

TEST(MultiTarget, OneOrderIsBestOverAllTargets) {
  const unsigned Count = 300;
  Random Records = randomRecords(Count, 7);
  std::vector<TUFacts> PerTarget;
  for (const std::string &T : Triples)
    PerTarget.push_back(factsFor(Records.Code, T));

  std::string Asserts;
  unsigned Improved = 0, Compromises = 0;
  for (unsigned I = 0; I < Count; ++I) {
    std::string Name = "R" + std::to_string(I);
    RecordFacts R = record(PerTarget[0], Name);
    for (size_t T = 1; T < Triples.size(); ++T)
      R.Layouts.push_back(record(PerTarget[T], Name).Layouts.front());
    std::vector<LayoutModel> Models;
    for (const TargetLayout &L : R.Layouts) {
      auto M = LayoutModel::create(R, L);
      ASSERT_TRUE(bool(M)) << Name << ": " << llvm::toString(M.takeError());
      Models.push_back(std::move(*M));
    }
    std::vector<const TargetLayout *> Ls;
    std::vector<const LayoutModel *> Ms;
    for (size_t T = 0; T < Models.size(); ++T) {
      Ls.push_back(&R.Layouts[T]);
      Ms.push_back(&Models[T]);
    }
    OptimisedOrder Best = optimiseOrder(R, Ls, Ms);

    // Every permutation: the least total, and each target's own minimum.
    std::vector<unsigned> Order(R.Fields.size());
    std::iota(Order.begin(), Order.end(), 0);
    uint64_t OriginalTotal = 0, BruteTotal = ~0ull;
    std::vector<uint64_t> OwnMin(Models.size(), ~0ull);
    for (const TargetLayout &L : R.Layouts)
      OriginalTotal += L.Size;
    bool SomeOrderMinimalEverywhere = false;
    std::vector<std::vector<uint64_t>> AllSizes;
    do {
      std::vector<uint64_t> Sizes;
      uint64_t Total = 0;
      for (size_t T = 0; T < Models.size(); ++T) {
        Sizes.push_back(Models[T].placeFields(Order)->SizeBytes);
        Total += Sizes.back();
        OwnMin[T] = std::min(OwnMin[T], Sizes.back());
      }
      BruteTotal = std::min(BruteTotal, Total);
      AllSizes.push_back(Sizes);
    } while (std::next_permutation(Order.begin(), Order.end()));
    for (const std::vector<uint64_t> &Sizes : AllSizes)
      SomeOrderMinimalEverywhere |= Sizes == OwnMin;

    if (!Best.Changed) {
      EXPECT_EQ(BruteTotal, OriginalTotal) << Name << " could shrink";
      continue;
    }
    ++Improved;
    const std::vector<uint64_t> &Sizes = Best.Sizes;
    uint64_t Total = 0;
    for (size_t T = 0; T < Models.size(); ++T) {
      EXPECT_LE(Sizes[T], R.Layouts[T].Size)
          << Name << " grows on " << Triples[T];
      EXPECT_EQ(Sizes[T], Models[T].placeFields(Best.FieldOrder)->SizeBytes);
      Total += Sizes[T];
    }
    EXPECT_EQ(Total, BruteTotal) << Name;
    if (SomeOrderMinimalEverywhere)
      EXPECT_EQ(Sizes, OwnMin) << Name << " is not minimal on every target";
    else
      ++Compromises;

    // The compiler's word on the predicted sizes, per triple.
    std::string Fixed = "struct F" + std::to_string(I) + " {";
    for (unsigned F : Best.FieldOrder)
      Fixed +=
          " " + declare(Records.Fields[I][F], "f" + std::to_string(F)) + ";";
    Fixed += " };\n";
    Asserts += Fixed;
    for (size_t T = 0; T < Triples.size(); ++T)
      Asserts += "#if TARGET == " + std::to_string(T) +
                 "\nstatic_assert(sizeof(F" + std::to_string(I) +
                 ") == " + std::to_string(Sizes[T]) + ", \"\");\n#endif\n";
  }
  EXPECT_GT(Improved, Count / 3) << "the corpus should exercise the search";
  for (size_t T = 0; T < Triples.size(); ++T) {
    std::string Error;
    EXPECT_TRUE(compiles("#define TARGET " + std::to_string(T) + "\n" + Asserts,
                         Triples[T], false, &Error))
        << Triples[T] << ": " << Error;
  }
  RecordProperty("improved", Improved);
  RecordProperty("compromises", Compromises);
}

} // namespace
