// Records of a small inventory service. Several waste bytes to padding.
#pragma once
#include <cstdint>
#include <string>

// 40 bytes; 32 with its fields reordered.
struct Item {
  bool active;
  double price;
  int32_t id;
  char code[3];
  int64_t stock;
  uint16_t shelf;
};

// Bit-field runs move as a unit and pack into a neighbour's tail.
struct Packet {
  uint8_t kind;
  uint64_t sequence;
  unsigned urgent : 1;
  unsigned retries : 3;
  uint16_t length;
};

// Access sections keep their members: public ones stay public.
class Account {
public:
  char tier;
  double balance;

private:
  bool frozen;
  std::string owner;
  int32_t flags;
};

// Every instantiation is analysed on its own.
template <typename T> struct Slot {
  bool used;
  T value;
  bool dirty;
};

// Laid out on purpose, and said so: no warning.
struct WireHeader { // NOLINT(layout-padding)
  uint8_t version;
  uint32_t length;
  uint8_t flags;
};

double total(const Item *Items, int Count);
