// C through the plugin: positional initialisers follow the new order, C
// designated initialisers need nothing; a packed record inside another
// moves as one field of alignment 1.
// RUN: %check_clang_tidy %s layout-padding %t -- -- -std=c11
// RUN: %clang -std=c11 -fsyntax-only -DCHECK_FIXED_SIZES %t.c

struct sample {
  char tag;
  long value;
  short id;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: struct 'sample' is 24 bytes; reordering its fields makes it 16 (saves 8 bytes, 33%) on x86_64-pc-linux-gnu [layout-padding]
// CHECK-FIXES: struct sample {
// CHECK-FIXES-NEXT:   char tag;
// CHECK-FIXES-NEXT:   short id;
// CHECK-FIXES-NEXT:   long value;

struct sample first = {'a', 10, 1};
// CHECK-FIXES: struct sample first = {'a', 1, 10};
struct sample second = {.id = 2, .tag = 'b', .value = 20};
// CHECK-FIXES: struct sample second = {.id = 2, .tag = 'b', .value = 20};

struct __attribute__((packed)) wire {
  char version;
  int length;
  char flags;
};

struct framed {
  char version;
  long stamp;
  struct wire body;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: struct 'framed' is 24 bytes; reordering its fields makes it 16 (saves 8 bytes, 33%) on x86_64-pc-linux-gnu [layout-padding]
// CHECK-FIXES: struct framed {
// CHECK-FIXES-NEXT:   char version;
// CHECK-FIXES-NEXT:   struct wire body;
// CHECK-FIXES-NEXT:   long stamp;

#ifdef CHECK_FIXED_SIZES
_Static_assert(sizeof(struct sample) == 16, "fixed");
_Static_assert(sizeof(struct framed) == 16, "fixed");
#endif
