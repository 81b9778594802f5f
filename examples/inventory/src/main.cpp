#include "inventory.h"

#include <cstdio>

Slot<double> PriceCache[16];
Slot<char> Flags[16];

int main() {
  Item Items[2] = {};
  Items[0].price = 2.5;
  Items[0].stock = 4;
  std::printf("%.2f\n", total(Items, 2));
  return 0;
}
