// Thresholds come from .struct-layout.yaml found above the sources, or from
// --config-file; the command line beats both.
// RUN: rm -rf %t && mkdir -p %t/src && cp %s %t/src/options.cpp
// RUN: printf 'CheckOptions:\n  layout-padding.MinBytesSaved: 8\n' > %t/.struct-layout.yaml
// RUN: %struct-layout %t/src/options.cpp -- 2>/dev/null | FileCheck --check-prefix=MIN8 %s
// RUN: printf 'CheckOptions:\n  layout-padding.MinPercentSaved: 40\n' > %t/pct.yaml
// RUN: %struct-layout --config-file=%t/pct.yaml %t/src/options.cpp -- 2>/dev/null | FileCheck --check-prefix=PCT40 %s
// RUN: %struct-layout --checks=-* --list-checks %t/src/options.cpp -- | FileCheck --check-prefix=NONE %s
// RUN: %struct-layout --dump-config %t/src/options.cpp -- | FileCheck --check-prefix=DUMP %s

// Saves 4 bytes of 12 (33%).
struct Small { char a; int b; char c; };
// Saves 8 bytes of 24 (33%).
struct Medium { char a; double b; char c; };
// Saves 16 bytes of 32 (50%).
struct Large { char a; alignas(16) double b; char c; };

// MIN8-NOT: 'Small'
// MIN8: warning: struct 'Medium'
// MIN8: warning: struct 'Large'
// PCT40-NOT: 'Small'
// PCT40-NOT: 'Medium'
// PCT40: warning: struct 'Large'
// NONE: Enabled checks:
// NONE-NOT: layout-
// DUMP: Checks: 'layout-*'
// DUMP: layout-padding.MinBytesSaved: '8'
// DUMP: layout-padding.MinPercentSaved: '0'
