//===- Lines.cpp - Cache lines an object's fields touch -------------------===//

#include "Lines.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <set>

namespace structlayout {

uint64_t startStep(ObjectPlacement Where, uint64_t RecordSize,
                   uint64_t RecordAlign, uint64_t Line, uint64_t HeapAlign) {
  RecordAlign = std::max<uint64_t>(RecordAlign, 1);
  uint64_t Step = RecordAlign;
  switch (Where) {
  case ObjectPlacement::ArrayElement:
    Step = std::gcd(std::max(RecordAlign, HeapAlign),
                    std::max<uint64_t>(RecordSize, 1));
    break;
  case ObjectPlacement::Heap:
    Step = std::max(RecordAlign, HeapAlign);
    break;
  case ObjectPlacement::Alone:
    break;
  }
  return std::gcd(Step, std::max<uint64_t>(Line, 1));
}

double expectedLines(const std::vector<std::pair<uint64_t, uint64_t>> &Ranges,
                     uint64_t Step, uint64_t Line) {
  if (Ranges.empty() || !Line)
    return 0;
  Step = std::max<uint64_t>(std::gcd(Step, Line), 1);
  uint64_t Total = 0, Starts = 0;
  for (uint64_t Start = 0; Start < Line; Start += Step, ++Starts) {
    std::set<uint64_t> Lines;
    for (const auto &[Begin, End] : Ranges)
      for (uint64_t L = (Start + Begin) / Line;
           End > Begin && L <= (Start + End - 1) / Line; ++L)
        Lines.insert(L);
    Total += Lines.size();
  }
  return double(Total) / double(Starts);
}

std::string formatLines(double Lines) {
  char Text[32];
  snprintf(Text, sizeof(Text), "%.2f", Lines);
  std::string Out = Text;
  while (Out.back() == '0')
    Out.pop_back();
  if (Out.back() == '.')
    Out.pop_back();
  return Out;
}

} // namespace structlayout
