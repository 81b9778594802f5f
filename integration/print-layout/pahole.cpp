// RUN: %struct-layout --print-layout='Packet|Node' %s -- 2>/dev/null | FileCheck --strict-whitespace --match-full-lines %s
// RUN: %struct-layout --print-layout=Nothing %s -- 2>&1 >/dev/null | FileCheck --check-prefix=NOMATCH %s
// RUN: %struct-layout --print-layout='Packet' %s -- --target=i686-linux-gnu 2>/dev/null | FileCheck --check-prefix=I686 %s

struct Packet {
  char kind;
  long sequence;
  unsigned urgent : 1;
  unsigned length : 12;
  char payload[50];
  short checksum;
};

namespace net {
struct Node { Node *next; int value; };
}

struct Unrelated { int x; };

// CHECK:/* pahole.cpp:5, x86_64-{{.*}}linux-gnu */
// CHECK-NEXT:struct Packet {
// CHECK-NEXT:	char                       kind;                  /*     0     1 */
// CHECK-EMPTY:
// CHECK-NEXT:	/* XXX 7 bytes hole, try to pack */
// CHECK-EMPTY:
// CHECK-NEXT:	long                       sequence;              /*     8     8 */
// CHECK-NEXT:	unsigned int               urgent:1;              /*    16: 0    4 */
// CHECK-NEXT:	unsigned int               length:12;             /*    16: 1    4 */
// CHECK-EMPTY:
// CHECK-NEXT:	/* XXX 3 bits hole, try to pack */
// CHECK-EMPTY:
// CHECK-NEXT:	char                       payload[50];           /*    18    50 */
// CHECK-NEXT:	/* --- cacheline 1 boundary (64 bytes) was 4 bytes ago --- */
// CHECK-NEXT:	short                      checksum;              /*    68     2 */
// CHECK-EMPTY:
// CHECK-NEXT:	/* size: 72, cachelines: 2, members: 6 */
// CHECK-NEXT:	/* sum members: 61, holes: 1, sum holes: 7 */
// CHECK-NEXT:	/* sum bitfield members: 13 bits, bit holes: 1, sum bit holes: 3 bits */
// CHECK-NEXT:	/* padding: 2 */
// CHECK-NEXT:	/* last cacheline: 8 bytes */
// CHECK-NEXT:};
// CHECK-EMPTY:
// CHECK-NEXT:/* pahole.cpp:15, x86_64-{{.*}}linux-gnu */
// CHECK-NEXT:struct net::Node {
// CHECK-NEXT:	Node *                     next;                  /*     0     8 */
// CHECK-NEXT:	int                        value;                 /*     8     4 */
// CHECK-EMPTY:
// CHECK-NEXT:	/* size: 16, cachelines: 1, members: 2 */
// CHECK-NEXT:	/* sum members: 12 */
// CHECK-NEXT:	/* padding: 4 */
// CHECK-NEXT:	/* last cacheline: 16 bytes */
// CHECK-NEXT:};
// CHECK-NOT:Unrelated

// NOMATCH: warning: no record matches 'Nothing'

// I686: struct Packet {
// I686: long                       sequence;              /*     4     4 */
// I686: /* size: 64, cachelines: 1, members: 6 */
