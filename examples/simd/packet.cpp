// A wire packet made packed so it matches the bytes on the network, with an
// SSE vector inside: `struct-layout --checks=-*,layout-simd-alignment
// packet.cpp -- -std=c++14` reports the vector at offset 2 and the
// over-aligned record allocated with malloc.
#include <cstdlib>
#include <cstring>
#include <xmmintrin.h>

struct __attribute__((packed)) Packet {
  unsigned short kind;
  __m128 samples; // at offset 2: _mm_load_ps(&p->samples) would fault
};

struct alignas(32) Frame {
  float channels[8];
};

int main() {
  Packet P;
  std::memset(&P, 0, sizeof P);
  __m128 V = _mm_loadu_ps(reinterpret_cast<float *>(&P.samples));
  Frame *F = static_cast<Frame *>(std::malloc(sizeof(Frame)));
  if (!F)
    return 1;
  _mm_storeu_ps(F->channels, V);
  std::free(F);
  return 0;
}
