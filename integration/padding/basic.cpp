// RUN: %struct-layout %s -- -std=c++17 2>%t.err | FileCheck %s --implicit-check-not=warning:
// RUN: FileCheck --check-prefix=SUMMARY %s < %t.err

struct Plain {
  // CHECK: padding/basic.cpp:[[@LINE-1]]:8: warning: struct 'Plain' is 24 bytes; reordering its fields makes it 16 (saves 8 bytes, 33%) on x86_64-{{.*}}linux-gnu [layout-padding]
  char a;
  // CHECK: :[[@LINE-1]]:8: note: 7-byte hole after 'a' (offset 1)
  double b;
  char c;
  // CHECK: :[[@LINE-1]]:8: note: 3-byte hole after 'c' (offset 17)
  int d;
};
// CHECK: note: suggested order: a, c, d, b

// Already minimal: no warning.
struct Tight { double x; int y; short z; char w; };

// Bit-fields move as one run; the runs pack into a neighbour's tail.
struct Flags {
  // CHECK: :[[@LINE-1]]:8: warning: struct 'Flags' is 24 bytes; reordering its fields makes it 16
  char kind;
  unsigned ready : 1, dirty : 1;
  // CHECK: note: {{[0-9]+}}-bit hole after 'dirty'
  long id;
  char tail;
};
// CHECK: note: suggested order: kind, ready, dirty, tail, id

class Access {
  // CHECK: :[[@LINE-1]]:7: warning: class 'Access' is 32 bytes; reordering its fields makes it 24
public:
  char a;
  double b;
private:
  double c;
  char d;
  char e;
  // CHECK: note: suggested order: b, a, d, e, c
};

template <typename T> struct Box { char tag; T value; char tag2; };
// CHECK: :[[@LINE-1]]:30: warning: struct 'Box<double>' is 24 bytes; reordering its fields makes it 16
Box<double> BoxOfDouble;
Box<char> BoxOfChar; // three chars: nothing to gain

struct Outer {
  struct Inner { char c; long l; char d; } in;
  // CHECK: :[[@LINE-1]]:10: warning: struct 'Outer::Inner' is 24 bytes; reordering its fields makes it 16
  char x;
};

// Unions are not reordered; records with virtual bases get no order (the
// model does not place virtual bases), but they are not silent.
union U { char c; double d; };
struct VB { int v; };
struct Virtual : virtual VB { char a; double d; char b; };
// CHECK: :[[@LINE-1]]:8: warning: struct 'Virtual' is 32 bytes on x86_64-pc-linux-gnu, and its fields need 24; no order is proposed because struct-layout can't predict its layout in another order (virtual bases are placed after the fields)

// SUMMARY: struct-layout: 1 TUs, {{[0-9]+}} records analysed, 6 flagged, 40 bytes saved by reordering
