//===- Lines.h - Cache lines an object's fields touch ----------*- C++ -*-===//
//
// Objects do not all start on a cache line. An element of an array of
// 144-byte records starts at 144*k: bytes 64..124 of it touch two lines for
// three elements in four. Heap objects start on the allocator's alignment,
// statics and locals on the record's. The expected number of lines a set
// of byte ranges touches, over the starts an object really has, is what
// the hot-cold and aos-to-soa checks compare.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_LINES_H
#define STRUCTLAYOUT_LINES_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace structlayout {

/// The alignment malloc and operator new give (x86-64, AArch64 glibc).
inline constexpr uint64_t DefaultHeapAlign = 16;

/// Where an object of a record lives, as far as its start is concerned.
enum class ObjectPlacement {
  ArrayElement, ///< Element k of an array starts at base + k * size.
  Heap,         ///< On the allocator's alignment.
  Alone,        ///< A static or a local: on the record's alignment.
};

/// Every start offset modulo the line is a multiple of the returned step,
/// each equally likely: for an array element, of the base's alignment (at
/// least the heap's, which is also what the ABI gives big arrays) and the
/// stride; on the heap, of the allocator's; alone, of the record's.
uint64_t startStep(ObjectPlacement Where, uint64_t RecordSize,
                   uint64_t RecordAlign, uint64_t Line,
                   uint64_t HeapAlign = DefaultHeapAlign);

/// The expected number of distinct lines that the byte ranges [Begin, End)
/// of one object touch, its start being a uniformly chosen multiple of
/// \p Step modulo \p Line.
double expectedLines(const std::vector<std::pair<uint64_t, uint64_t>> &Ranges,
                     uint64_t Step, uint64_t Line);

/// \p Lines with at most two decimals, as messages show it: `1.75`, `2`.
std::string formatLines(double Lines);

} // namespace structlayout

#endif
