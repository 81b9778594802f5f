// check: layout-hot-cold
// expect: report
// record: CTxMemPoolEntry
// source: Bitcoin Core src/kernel/mempool_entry.h CTxMemPoolEntry + src/node/miner.cpp BlockAssembler::addPackageTxs (walks the whole mempool by ancestor feerate for every block template)
// why: block assembly scans hundreds of thousands of entries reading tx and the *WithAncestors totals; the parent/child sets and per-tx bookkeeping put 208 bytes between them, so each 272-byte entry costs two or three lines instead of one
#include <algorithm>
#include <cstdint>
#include <memory>
#include <set>
#include <vector>

typedef int64_t CAmount;
struct CTransaction { uint64_t hash; int32_t weight; };
typedef std::shared_ptr<const CTransaction> CTransactionRef;
struct LockPoints { int height = 0; int64_t time = 0; const void* maxInputBlock = nullptr; };

class CTxMemPoolEntry {
 public:
  explicit CTxMemPoolEntry(CTransactionRef t, CAmount fee)
      : tx(std::move(t)), nFee(fee), nTxWeight(tx->weight), m_modified_fee(fee),
        nSizeWithAncestors(tx->weight / 4), nModFeesWithAncestors(fee) {}

  CTransactionRef tx;
  std::set<const CTxMemPoolEntry*> m_parents;
  std::set<const CTxMemPoolEntry*> m_children;
  CAmount nFee;
  int32_t nTxWeight;
  size_t nUsageSize = 0;
  int64_t nTime = 0;
  uint64_t entry_sequence = 0;
  unsigned int entryHeight = 0;
  bool spendsCoinbase = false;
  int64_t sigOpCost = 0;
  CAmount m_modified_fee;
  LockPoints lockPoints;
  uint64_t nCountWithDescendants = 1;
  int64_t nSizeWithDescendants = 0;
  CAmount nModFeesWithDescendants = 0;
  uint64_t nCountWithAncestors = 1;
  int64_t nSizeWithAncestors;
  CAmount nModFeesWithAncestors;
  int64_t nSigOpCostWithAncestors = 0;
  size_t idx_randomized = 0;
  uint64_t m_epoch_marker = 0;
};

static size_t addPackageTxs(const std::vector<CTxMemPoolEntry>& mapTx, CAmount minFeeRatePerKvB,
                            int64_t maxBlockWeight, std::vector<uint64_t>& selected) {
  int64_t blockWeight = 4000, blockSigOps = 400;
  for (const CTxMemPoolEntry& entry : mapTx) {
    CAmount packageFees = entry.nModFeesWithAncestors;
    int64_t packageSize = entry.nSizeWithAncestors;
    if (packageFees < minFeeRatePerKvB * packageSize / 1000) break;
    if (blockWeight + 4 * packageSize >= maxBlockWeight) continue;
    if (blockSigOps + entry.nSigOpCostWithAncestors >= 80000) continue;
    if (entry.nCountWithAncestors > 25) continue;
    blockWeight += 4 * packageSize;
    blockSigOps += entry.nSigOpCostWithAncestors;
    selected.push_back(entry.tx->hash);
  }
  return selected.size();
}

int main() {
  std::vector<CTxMemPoolEntry> mapTx;
  for (uint64_t i = 0; i < 300000; ++i)
    mapTx.emplace_back(std::make_shared<CTransaction>(CTransaction{i * 2654435761u, int32_t(400 + i % 4000)}),
                       CAmount(1000 + (i * 7919) % 50000));
  std::sort(mapTx.begin(), mapTx.end(), [](const CTxMemPoolEntry& a, const CTxMemPoolEntry& b) {
    return a.nModFeesWithAncestors * b.nSizeWithAncestors > b.nModFeesWithAncestors * a.nSizeWithAncestors;
  });
  std::vector<uint64_t> selected;
  size_t n = 0;
  for (int tmpl = 0; tmpl < 50; ++tmpl) {
    selected.clear();
    n += addPackageTxs(mapTx, 1000, 4000000, selected);
  }
  return n == 0;
}
