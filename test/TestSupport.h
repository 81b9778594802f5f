//===- TestSupport.h - Facts from code snippets, per target ----*- C++ -*-===//

#ifndef STRUCTLAYOUT_TESTSUPPORT_H
#define STRUCTLAYOUT_TESTSUPPORT_H

#include "Facts.h"
#include "LayoutCheck.h"

#include <string>
#include <vector>

namespace structlayout::test {

/// The targets every layout test runs on.
const std::vector<std::string> &allTriples();

/// Parses \p Code (C++20, or C11 when \p C) for \p Triple and extracts facts.
/// Fails the current test if the code does not compile. With \p Bodies,
/// the uses and accesses in function bodies too.
TUFacts factsFor(const std::string &Code, const std::string &Triple,
                 bool C = false, bool Bodies = false);

/// True if \p Code compiles for \p Triple; otherwise the first error goes
/// to \p Error.
bool compiles(const std::string &Code, const std::string &Triple, bool C,
              std::string *Error = nullptr);

/// A copy of the record called \p Name; fails the test if there is none.
RecordFacts record(const TUFacts &Facts, const std::string &Name);

/// Runs check \p CheckType, named \p Name, with \p Options on \p R.
template <typename CheckType>
std::vector<Finding> runCheck(llvm::StringRef Name, const RecordFacts &R,
                              const OptionMap &Options = {},
                              const CheckContext &Context = {}) {
  std::vector<std::string> Errors;
  CheckOptionsView View(Name, Options, Errors);
  CheckType Check(View);
  std::vector<Finding> Out;
  Check.check(R, Context, Out);
  return Out;
}

} // namespace structlayout::test

#endif
