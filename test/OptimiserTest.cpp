//===- OptimiserTest.cpp - Minimal, stable, constrained orders ------------===//
//
// Plain data, no Clang: records of plain fields laid out by the SysV rules
// in the test, then the optimiser against brute force over every order and
// against the lower bound.
//
//===----------------------------------------------------------------------===//

#include "Optimiser.h"
#include "LayoutModel.h"

#include "llvm/Support/MathExtras.h"
#include "gtest/gtest.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <random>
#include <tuple>

using namespace structlayout;

namespace {

struct Spec {
  uint64_t Size, Align;
  AccessKind Access = AccessKind::None;
  std::string Name;
  uint64_t ExplicitAlign = 0;
  bool Flexible = false;
  std::vector<std::string> Reads;
};

/// A record of \p Fields laid out in order, as a C compiler would.
RecordFacts makeRecord(const std::vector<Spec> &Fields, uint64_t Begin = 0) {
  RecordFacts R;
  R.Name = "R";
  TargetLayout L;
  L.Triple = "test";
  L.FieldsBegin = L.BasesEnd = Begin;
  uint64_t Offset = Begin, Align = 1;
  for (size_t I = 0; I < Fields.size(); ++I) {
    const Spec &S = Fields[I];
    FieldFacts F;
    F.Name = S.Name.empty() ? "f" + std::to_string(I) : S.Name;
    F.Access = S.Access;
    F.ExplicitAlign = S.ExplicitAlign;
    F.IsFlexibleArray = S.Flexible;
    F.InitReads = S.Reads;
    R.Fields.push_back(F);
    FieldLayout FL;
    FL.AlignBytes = std::max(S.Align, S.ExplicitAlign);
    FL.SizeBytes = S.Flexible ? 0 : S.Size;
    Offset = llvm::alignTo(Offset, FL.AlignBytes);
    FL.OffsetBits = Offset * 8;
    Offset += FL.SizeBytes;
    Align = std::max(Align, FL.AlignBytes);
    L.Fields.push_back(FL);
  }
  L.Align = Align;
  L.Size = std::max<uint64_t>(1, llvm::alignTo(Offset, Align));
  R.Layouts.push_back(L);
  return R;
}

/// The rules of DESIGN.md section 3, restated: may \p Order (field indices)
/// replace the original order?
bool allowed(const RecordFacts &R, const std::vector<unsigned> &Order) {
  auto Label = [&](unsigned I) {
    unsigned Group = 0;
    for (unsigned J = 1; J <= I; ++J)
      Group += R.Fields[J].ExplicitAlign >= 64;
    const FieldFacts &F = R.Fields[I];
    bool Pinned = (F.ExplicitAlign >= 64 && I) || F.IsFlexibleArray ||
                  isExplicitPaddingName(F.Name);
    return std::make_tuple(Group, F.Access, Pinned ? int(I) : -1);
  };
  std::vector<unsigned> Position(Order.size());
  for (unsigned P = 0; P < Order.size(); ++P) {
    if (Label(Order[P]) != Label(P))
      return false;
    Position[Order[P]] = P;
  }
  for (unsigned I = 0; I < R.Fields.size(); ++I)
    for (const std::string &Read : R.Fields[I].InitReads)
      for (unsigned J = 0; J < I; ++J)
        if (R.Fields[J].Name == Read && Position[J] > Position[I])
          return false;
  return true;
}

std::vector<Spec> randomFields(std::mt19937 &Rng, unsigned N,
                               bool Constraints) {
  static const std::pair<uint64_t, uint64_t> Types[] = {
      {1, 1}, {2, 2},  {4, 4},  {8, 8},  {16, 16}, {3, 1},
      {6, 2}, {12, 4}, {24, 8}, {16, 8}, {10, 2},  {8, 4}};
  std::vector<Spec> Out;
  for (unsigned I = 0; I < N; ++I) {
    auto [Size, Align] = Types[Rng() % std::size(Types)];
    Spec S{Size, Align};
    if (Constraints) {
      unsigned Roll = Rng() % 20;
      if (Roll == 0)
        S.Access = AccessKind::Private;
      else if (Roll == 1)
        S.Name = "pad" + std::to_string(I);
      else if (Roll == 2 && I)
        S.Reads = {"f" + std::to_string(Rng() % I)};
      else if (Roll == 3 && I)
        S.ExplicitAlign = 64;
    }
    Out.push_back(S);
  }
  if (Constraints && Rng() % 5 == 0)
    Out.push_back(Spec{0, 4, AccessKind::None, "data", 0, true});
  return Out;
}

/// Least size over every allowed order, and the first such order.
std::pair<uint64_t, std::vector<unsigned>> bruteForce(const RecordFacts &R,
                                                      const LayoutModel &M) {
  std::vector<unsigned> Order(R.Fields.size());
  std::iota(Order.begin(), Order.end(), 0);
  uint64_t Best = UINT64_MAX;
  std::vector<unsigned> BestOrder;
  do {
    if (!allowed(R, Order))
      continue;
    uint64_t Size = M.placeAll(Order).SizeBytes;
    if (Size < Best) {
      Best = Size;
      BestOrder = Order;
    }
  } while (std::next_permutation(Order.begin(), Order.end()));
  return {Best, BestOrder};
}

TEST(Optimiser, MatchesBruteForceAndIsStable) {
  std::mt19937 Rng(42);
  for (int Round = 0; Round < 1500; ++Round) {
    bool Constraints = Round % 2;
    RecordFacts R = makeRecord(randomFields(Rng, 1 + Rng() % 7, Constraints),
                               Round % 3 == 0 ? Rng() % 9 : 0);
    const TargetLayout &L = R.Layouts[0];
    auto Model = LayoutModel::create(R, L);
    ASSERT_TRUE(bool(Model)) << llvm::toString(Model.takeError());
    OptimisedOrder Got = optimiseOrder(R, L, *Model);
    auto [Best, BestOrder] = bruteForce(R, *Model);
    ASSERT_EQ(Got.SizeBytes, std::min(Best, L.Size)) << "round " << Round;
    EXPECT_TRUE(Got.ProvenMinimal);
    EXPECT_TRUE(allowed(R, Got.FieldOrder)) << "round " << Round;
    // Stable: the first minimal order in original-index order; the
    // original itself when it is already minimal.
    if (Best < L.Size)
      EXPECT_EQ(Got.FieldOrder, BestOrder) << "round " << Round;
    else
      EXPECT_FALSE(Got.Changed);
    EXPECT_EQ(Model->placeAll(Got.FieldOrder).SizeBytes, Got.SizeBytes);
  }
}

TEST(Optimiser, FollowsAPreferenceAmongMinimalOrders) {
  // With a ranking of the fields (hot first, say), the order is still of
  // least size, and it is the first minimal allowed order when orders are
  // compared position by position by rank.
  std::mt19937 Rng(11);
  for (int Round = 0; Round < 800; ++Round) {
    RecordFacts R = makeRecord(randomFields(Rng, 1 + Rng() % 6, Round % 2));
    const TargetLayout &L = R.Layouts[0];
    auto Model = LayoutModel::create(R, L);
    ASSERT_TRUE(bool(Model));
    OptimiserOptions Options;
    Options.Preference.resize(R.Fields.size());
    std::iota(Options.Preference.begin(), Options.Preference.end(), 0);
    std::shuffle(Options.Preference.begin(), Options.Preference.end(), Rng);
    Options.AcceptSameSize = true;
    OptimisedOrder Got = optimiseOrder(R, L, *Model, Options);
    std::vector<unsigned> Rank(R.Fields.size());
    for (unsigned I = 0; I < Rank.size(); ++I)
      Rank[Options.Preference[I]] = I;
    std::vector<unsigned> Order(R.Fields.size()), Want, WantRanks;
    std::iota(Order.begin(), Order.end(), 0);
    uint64_t Best = UINT64_MAX;
    do {
      if (!allowed(R, Order))
        continue;
      uint64_t Size = Model->placeAll(Order).SizeBytes;
      std::vector<unsigned> Ranks;
      for (unsigned F : Order)
        Ranks.push_back(Rank[F]);
      if (Size < Best || (Size == Best && Ranks < WantRanks)) {
        Best = Size;
        Want = Order;
        WantRanks = Ranks;
      }
    } while (std::next_permutation(Order.begin(), Order.end()));
    ASSERT_EQ(Got.SizeBytes, std::min(Best, L.Size)) << "round " << Round;
    if (Best <= L.Size) {
      EXPECT_EQ(Got.FieldOrder, Want) << "round " << Round;
      std::vector<unsigned> Original(R.Fields.size());
      std::iota(Original.begin(), Original.end(), 0);
      EXPECT_EQ(Got.Changed, Want != Original) << "round " << Round;
    }
  }
}

TEST(Optimiser, ReachesTheLowerBoundOnThousandsOfFieldSets) {
  std::mt19937 Rng(7);
  static const std::pair<uint64_t, uint64_t> Types[] = {
      {1, 1}, {2, 2}, {4, 4}, {8, 8}, {16, 16}, {6, 2}, {12, 4}, {24, 8}};
  for (int Round = 0; Round < 3000; ++Round) {
    std::vector<Spec> Fields;
    for (unsigned I = 0, N = 1 + Rng() % 40; I < N; ++I) {
      auto [Size, Align] = Types[Rng() % std::size(Types)];
      Fields.push_back({Size, Align});
    }
    RecordFacts R = makeRecord(Fields);
    auto Model = LayoutModel::create(R, R.Layouts[0]);
    ASSERT_TRUE(bool(Model));
    OptimisedOrder Got = optimiseOrder(R, R.Layouts[0], *Model);
    EXPECT_EQ(Got.SizeBytes, Model->lowerBound()) << "round " << Round;
  }
}

TEST(Optimiser, KeepsTheOriginalWhenItIsAlreadyMinimal) {
  RecordFacts R = makeRecord({{8, 8}, {4, 4}, {2, 2}, {1, 1}, {1, 1}});
  auto Model = LayoutModel::create(R, R.Layouts[0]);
  OptimisedOrder Got = optimiseOrder(R, R.Layouts[0], *Model);
  EXPECT_FALSE(Got.Changed);
  EXPECT_EQ(Got.FieldOrder, (std::vector<unsigned>{0, 1, 2, 3, 4}));
}

TEST(Optimiser, MovesAsFewFieldsAsItCan) {
  // char a; double b; char c; int d: only b has to move.
  RecordFacts R = makeRecord({{1, 1}, {8, 8}, {1, 1}, {4, 4}});
  auto Model = LayoutModel::create(R, R.Layouts[0]);
  OptimisedOrder Got = optimiseOrder(R, R.Layouts[0], *Model);
  EXPECT_EQ(Got.SizeBytes, 16u);
  EXPECT_EQ(Got.FieldOrder, (std::vector<unsigned>{0, 2, 3, 1}));
}

TEST(Optimiser, FlexibleArrayStaysLast) {
  RecordFacts R = makeRecord(
      {{1, 1}, {8, 8}, {1, 1}, {0, 8, AccessKind::None, "tail", 0, true}});
  auto Model = LayoutModel::create(R, R.Layouts[0]);
  OptimisedOrder Got = optimiseOrder(R, R.Layouts[0], *Model);
  EXPECT_EQ(Got.FieldOrder.back(), 3u);
  EXPECT_EQ(Got.SizeBytes, 16u);
}

TEST(Optimiser, AccessSectionsKeepTheirFields) {
  RecordFacts R = makeRecord({{1, 1, AccessKind::Public},
                              {8, 8, AccessKind::Public},
                              {1, 1, AccessKind::Private},
                              {8, 8, AccessKind::Private}});
  auto Model = LayoutModel::create(R, R.Layouts[0]);
  OptimisedOrder Got = optimiseOrder(R, R.Layouts[0], *Model);
  EXPECT_TRUE(allowed(R, Got.FieldOrder));
  for (unsigned P = 0; P < 4; ++P)
    EXPECT_EQ(R.Fields[Got.FieldOrder[P]].Access, R.Fields[P].Access);
}

TEST(Optimiser, ExplicitPaddingAndCacheLineGroupsStayPut) {
  RecordFacts R = makeRecord({{1, 1},
                              {8, 8},
                              {3, 1, AccessKind::None, "_reserved1"},
                              {1, 1},
                              {8, 8, AccessKind::None, "hot", 64},
                              {1, 1},
                              {8, 8}});
  auto Model = LayoutModel::create(R, R.Layouts[0]);
  OptimisedOrder Got = optimiseOrder(R, R.Layouts[0], *Model);
  EXPECT_EQ(Got.FieldOrder[2], 2u);
  EXPECT_EQ(Got.FieldOrder[4], 4u);
  EXPECT_TRUE(allowed(R, Got.FieldOrder));
}

TEST(Optimiser, InitialisersThatReadMembersKeepThemFirst) {
  // `char b = a;` must stay after `a`, even though a double would fit better.
  RecordFacts R = makeRecord({{1, 1, AccessKind::None, "a"},
                              {8, 8, AccessKind::None, "d"},
                              {1, 1, AccessKind::None, "b", 0, false, {"a"}},
                              {8, 8, AccessKind::None, "e"}});
  auto Model = LayoutModel::create(R, R.Layouts[0]);
  OptimisedOrder Got = optimiseOrder(R, R.Layouts[0], *Model);
  auto Pos = [&](unsigned F) {
    return std::find(Got.FieldOrder.begin(), Got.FieldOrder.end(), F) -
           Got.FieldOrder.begin();
  };
  EXPECT_LT(Pos(0), Pos(2));
  EXPECT_EQ(Got.SizeBytes, 24u);
}

TEST(Optimiser, HugeRecordsFallBackWithoutLosingMinimality) {
  std::mt19937 Rng(3);
  std::vector<Spec> Fields;
  static const std::pair<uint64_t, uint64_t> Types[] = {
      {1, 1}, {2, 2},  {4, 4},  {8, 8}, {3, 1},
      {6, 2}, {12, 4}, {10, 2}, {24, 8}};
  for (int I = 0; I < 400; ++I)
    Fields.push_back({Types[Rng() % std::size(Types)].first,
                      Types[Rng() % std::size(Types)].second});
  for (Spec &S : Fields)
    S.Size = llvm::alignTo(S.Size, S.Align);
  RecordFacts R = makeRecord(Fields);
  auto Model = LayoutModel::create(R, R.Layouts[0]);
  OptimiserOptions Small;
  Small.StateBudget = 1000;
  OptimisedOrder Got = optimiseOrder(R, R.Layouts[0], *Model, Small);
  EXPECT_FALSE(Got.ProvenMinimal);
  EXPECT_EQ(Got.SizeBytes, Model->lowerBound());
}

TEST(Optimiser, RecognisesExplicitPaddingNames) {
  for (const char *Yes : {"pad", "_pad1", "__reserved", "reserved_2", "padding",
                          "rsvd3", "spare", "pad_bytes", "Unused"})
    EXPECT_TRUE(isExplicitPaddingName(Yes)) << Yes;
  for (const char *No : {"paddle", "padded_len", "reservation", "x", "spread"})
    EXPECT_FALSE(isExplicitPaddingName(No)) << No;
}

} // namespace
