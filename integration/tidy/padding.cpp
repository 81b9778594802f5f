// The layout-padding check inside the real clang-tidy-19: the messages,
// notes and fix-its of the CLI, fixed code that compiles with the size the
// message predicts.
// RUN: %check_clang_tidy %s layout-padding %t -- -- -std=c++20
// RUN: %clang -std=c++20 -fsyntax-only -DCHECK_FIXED_SIZES %t.cpp

struct Point {
  char Tag;
  double X;
  char Kind;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: struct 'Point' is 24 bytes; reordering its fields makes it 16 (saves 8 bytes, 33%) on x86_64-pc-linux-gnu [layout-padding]
// CHECK-MESSAGES: :[[@LINE-5]]:8: note: 7-byte hole after 'Tag' (offset 1)
// CHECK-MESSAGES: :[[@LINE-4]]:8: note: 7 bytes of tail padding
// CHECK-MESSAGES: :[[@LINE-8]]:8: note: suggested order: Tag, Kind, X
// CHECK-FIXES: struct Point {
// CHECK-FIXES-NEXT:   char Tag;
// CHECK-FIXES-NEXT:   char Kind;
// CHECK-FIXES-NEXT:   double X;
// CHECK-FIXES-NEXT: };

// Initialisers follow the new order.
Point Origin = {'o', 0.5, 'k'};
// CHECK-FIXES: Point Origin = {'o', 'k', 0.5};
Point Named = {.Tag = 'n', .X = 1.5, .Kind = 'm'};
// CHECK-FIXES: Point Named = {.Tag = 'n', .Kind = 'm', .X = 1.5};

class Widget {
public:
  Widget() : Flag(true), Count(3), Small(1) {}
  bool Flag;
  long Count;
  short Small;
};
// CHECK-MESSAGES: :[[@LINE-7]]:7: warning: class 'Widget' is 24 bytes; reordering its fields makes it 16 (saves 8 bytes, 33%) on x86_64-pc-linux-gnu [layout-padding]
// CHECK-FIXES: Widget() : Flag(true), Small(1), Count(3) {}
// CHECK-FIXES-NEXT: bool Flag;
// CHECK-FIXES-NEXT: short Small;
// CHECK-FIXES-NEXT: long Count;

// The diagnostic stays, the fix is refused, with the reason.
struct Wire {
  char Version;
  int Length;
  char Flags;
};
static_assert(sizeof(Wire) == 12, "the wire format");
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: struct 'Wire' is 12 bytes; reordering its fields makes it 8 (saves 4 bytes, 33%) on x86_64-pc-linux-gnu [layout-padding]
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: no automatic fix: {{.*}}static_assert
// CHECK-FIXES: struct Wire {
// CHECK-FIXES-NEXT:   char Version;
// CHECK-FIXES-NEXT:   int Length;

// Already minimal: quiet.
struct Tight {
  double D;
  int I;
  char C;
};

// NOLINT is clang-tidy's own.
struct Suppressed { // NOLINT(layout-padding)
  char A;
  long B;
  char C;
};

#ifdef CHECK_FIXED_SIZES
static_assert(sizeof(Point) == 16);
static_assert(sizeof(Widget) == 16);
static_assert(sizeof(Wire) == 12);
#endif
