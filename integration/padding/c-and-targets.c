// A C file on four targets: the same record wastes different amounts.
// RUN: %struct-layout %s -- -std=c11 --target=x86_64-linux-gnu 2>/dev/null | FileCheck --check-prefix=X64 %s
// RUN: %struct-layout %s -- -std=c11 --target=i686-linux-gnu 2>/dev/null | FileCheck --check-prefix=I686 %s
// RUN: %struct-layout %s -- -std=c11 --target=aarch64-linux-gnu 2>/dev/null | FileCheck --check-prefix=ARM64 %s
// RUN: %struct-layout %s -- -std=c11 --target=x86_64-pc-windows-msvc 2>/dev/null | FileCheck --check-prefix=MSVC %s

struct sample {
  char tag;
  double value;
  short id;
  void *next;
};
// X64: warning: struct 'sample' is 32 bytes; reordering its fields makes it 24 (saves 8 bytes, 25%) on x86_64-unknown-linux-gnu
// I686: warning: struct 'sample' is 20 bytes; reordering its fields makes it 16 (saves 4 bytes, 20%) on i686-unknown-linux-gnu
// ARM64: warning: struct 'sample' is 32 bytes; reordering its fields makes it 24 (saves 8 bytes, 25%) on aarch64-unknown-linux-gnu
// MSVC: warning: struct 'sample' is 32 bytes; reordering its fields makes it 24 (saves 8 bytes, 25%) on x86_64-pc-windows-msvc

// A bit-field run moves as one, so nothing is gained here on any target.
struct flags {
  char a : 3;
  int b : 20;
  char c : 2;
  double d;
};
// X64-NOT: 'flags'
// MSVC-NOT: 'flags'

// typedef'd anonymous structs go by their typedef name.
typedef struct {
  char c;
  long long ll;
  char d;
} pair_t;
// X64: warning: struct 'pair_t' is 24 bytes; reordering its fields makes it 16
// I686: warning: struct 'pair_t' is 16 bytes; reordering its fields makes it 12

// A flexible array member stays last.
struct message {
  char kind;
  long length;
  char flags;
  int payload[];
};
// X64: warning: struct 'message' is 24 bytes; reordering its fields makes it 16
// X64: note: suggested order: kind, flags, length, payload
