//===- PredictionOracleTest.cpp - Predicted sizes are the compiler's ------===//
//
// Random records (bit-fields, arrays, alignas, packed, #pragma pack) for each
// target: the optimiser's order is written out as a new record and the
// compiler must agree, by static_assert, with the size the tool predicts.
//
//===----------------------------------------------------------------------===//

#include "LayoutModel.h"
#include "Optimiser.h"
#include "TestSupport.h"

#include "gtest/gtest.h"

#include <random>
#include <sstream>

using namespace structlayout;
using namespace structlayout::test;

namespace {

struct GeneratedRecord {
  std::string Name;
  std::string Prefix, Suffix; ///< Pragmas or attributes around it.
  std::string Attributes;
  std::vector<std::string> Fields; ///< Declarations, without ';'.
};

std::string render(const GeneratedRecord &G, const std::string &Name,
                   const std::vector<unsigned> &Order) {
  std::ostringstream OS;
  OS << G.Prefix << "struct " << G.Attributes << " " << Name << " {";
  for (unsigned I : Order)
    OS << " " << G.Fields[I] << ";";
  OS << " };" << G.Suffix << "\n";
  return OS.str();
}

GeneratedRecord generate(std::mt19937 &Rng, unsigned Index) {
  static const char *Plain[] = {"char",    "short",    "int",    "long long",
                                "float",   "double",   "void *", "bool",
                                "char[3]", "short[3]", "int[2]", "long"};
  static const std::pair<const char *, unsigned> BitTypes[] = {
      {"unsigned char", 8},
      {"unsigned short", 16},
      {"unsigned", 32},
      {"int", 32},
      {"unsigned long long", 64}};
  GeneratedRecord G;
  G.Name = "R" + std::to_string(Index);
  unsigned Kind = Rng() % 10;
  if (Kind == 0) {
    G.Attributes = "__attribute__((packed))";
  } else if (Kind == 1) {
    unsigned Pack = 1u << (Rng() % 3);
    G.Prefix = "#pragma pack(push, " + std::to_string(Pack) + ")\n";
    G.Suffix = "\n#pragma pack(pop)";
  }
  unsigned N = 2 + Rng() % 9;
  for (unsigned I = 0; I < N; ++I) {
    std::string Name = "f" + std::to_string(I);
    unsigned Roll = Rng() % 10;
    if (Roll < 3) {
      auto [Type, Bits] = BitTypes[Rng() % std::size(BitTypes)];
      unsigned Width = Rng() % 8 == 0 ? 0 : 1 + Rng() % Bits;
      G.Fields.push_back(std::string(Type) + " " +
                         (Width ? Name : std::string()) + " : " +
                         std::to_string(Width));
      continue;
    }
    std::string Type = Plain[Rng() % std::size(Plain)];
    std::string Array;
    if (size_t B = Type.find('['); B != std::string::npos) {
      Array = Type.substr(B);
      Type = Type.substr(0, B);
    }
    std::string Align = Roll == 3
                            ? "__attribute__((aligned(" +
                                  std::to_string(4 << (Rng() % 3)) + "))) "
                            : "";
    G.Fields.push_back(Align + Type + " " + Name + Array);
  }
  return G;
}

class PredictionPerTarget : public ::testing::TestWithParam<std::string> {};

TEST_P(PredictionPerTarget, PredictedSizesAreWhatTheCompilerComputes) {
  std::mt19937 Rng(1234);
  unsigned Checked = 0, Improved = 0;
  for (int Batch = 0; Batch < 8; ++Batch) {
    std::vector<GeneratedRecord> Records;
    std::string Code;
    for (unsigned I = 0; I < 60; ++I) {
      Records.push_back(generate(Rng, Batch * 100 + I));
      std::vector<unsigned> Order(Records.back().Fields.size());
      for (unsigned J = 0; J < Order.size(); ++J)
        Order[J] = J;
      Code += render(Records.back(), Records.back().Name, Order);
    }
    TUFacts Facts = factsFor(Code, GetParam());
    std::string Asserts;
    for (const GeneratedRecord &G : Records) {
      const RecordFacts &R = record(Facts, G.Name);
      if (R.Layouts.empty())
        continue;
      const TargetLayout &L = R.Layouts.front();
      auto Model = LayoutModel::create(R, L);
      ASSERT_TRUE(bool(Model))
          << GetParam() << ": " << llvm::toString(Model.takeError()) << "\n"
          << render(G, G.Name, {});
      OptimisedOrder Best = optimiseOrder(R, L, *Model);
      ASSERT_LE(Best.SizeBytes, L.Size);
      std::string New = G.Name + "_best";
      Asserts += render(G, New, Best.FieldOrder);
      Asserts += "static_assert(sizeof(" + New +
                 ") == " + std::to_string(Best.SizeBytes) + ", \"" + New +
                 "\");\n";
      ++Checked;
      Improved += Best.Changed;
    }
    std::string Error;
    EXPECT_TRUE(compiles(Code + Asserts, GetParam(), false, &Error))
        << GetParam() << ": " << Error;
  }
  EXPECT_EQ(Checked, 480u);
  EXPECT_GT(Improved, 50u); // The test must exercise real reorders.
}

INSTANTIATE_TEST_SUITE_P(AllTargets, PredictionPerTarget,
                         ::testing::ValuesIn(allTriples()));

} // namespace
