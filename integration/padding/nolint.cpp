// RUN: %struct-layout %s -- 2>%t.err | FileCheck %s --implicit-check-not=warning:
// RUN: FileCheck --check-prefix=SUMMARY %s < %t.err

struct Suppressed { char a; double b; char c; }; // NOLINT

// NOLINTNEXTLINE(layout-padding)
struct NextLine { char a; double b; char c; };

struct OtherCheck { char a; double b; char c; }; // NOLINT(bugprone-*)
// CHECK: :[[@LINE-1]]:8: warning: struct 'OtherCheck'

struct Glob { char a; double b; char c; }; // NOLINT(layout-*)

// NOLINTBEGIN(layout-padding)
struct InBlock1 { char a; double b; char c; };
struct InBlock2 { char a; double b; char c; };
// NOLINTEND(layout-padding)

struct AfterBlock { char a; double b; char c; };
// CHECK: :[[@LINE-1]]:8: warning: struct 'AfterBlock'

// SUMMARY: 2 flagged, 16 bytes saved by reordering, 5 suppressed by NOLINT
