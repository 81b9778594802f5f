//===- LayoutCheck.h - What every check looks like -------------*- C++ -*-===//
//
// A check is a pure function of merged facts: its constructor reads its
// options, check() turns one record into findings, storeOptions() writes
// the options back (for --dump-config). The registry names every check.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_LAYOUTCHECK_H
#define STRUCTLAYOUT_LAYOUTCHECK_H

#include "Facts.h"
#include "Findings.h"
#include "Fixes.h"
#include "Merge.h"
#include "Profile.h"
#include "Threads.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace structlayout {

using OptionMap = std::map<std::string, std::string>;

/// What a finding is likely to cost at run time; `MinSeverity` options drop
/// the findings below it.
enum class Impact { Low, Medium, High };
const char *toString(Impact I);

/// A check's view of `CheckOptions`: `<check>.<Option>` keys. Bad values are
/// collected in Errors, naming the option and the value.
class CheckOptionsView {
public:
  CheckOptionsView(llvm::StringRef CheckName, const OptionMap &All,
                   std::vector<std::string> &Errors)
      : Prefix(CheckName.str() + "."), All(All), Errors(Errors) {}

  uint64_t get(llvm::StringRef Option, uint64_t Default);
  std::string getString(llvm::StringRef Option, llvm::StringRef Default);
  /// `low`, `medium` or `high`.
  Impact getImpact(llvm::StringRef Option, Impact Default);
  /// Every option name the check asked for.
  const std::vector<std::string> &known() const { return Known; }

private:
  std::string Prefix;
  const OptionMap &All;
  std::vector<std::string> &Errors;
  std::vector<std::string> Known;
};

/// What a run knows beyond the facts.
struct CheckContext {
  bool WantFixes = false; ///< --fix and friends: uses were collected.
  FixContext Fix;
  /// Every seen specialisation of each class template, by TemplateKey: a
  /// fix to the template changes them all.
  std::map<std::string, std::vector<const RecordFacts *>> Specialisations;

  /// Execution counts from --profile, when given: they decide heat.
  const CoverageProfile *Profile = nullptr;

  /// Every record by USR (the element of a slot array, a field's type).
  std::map<std::string, const RecordFacts *> ByUSR;

  /// Which code can run at the same time, from the merged call graph.
  ThreadModel Threads;

  /// The directory the run's sources share: test paths are matched below
  /// it.
  std::string SourceRoot;

  /// Indexes \p Records (which must outlive this).
  void indexRecords(const std::vector<RecordFacts> &Records);
  /// Indexes \p Merged's records (it must outlive this) and its threads.
  void indexFacts(const MergedFacts &Merged);
};

class LayoutCheck {
public:
  explicit LayoutCheck(llvm::StringRef Name) : Name(Name.str()) {}
  virtual ~LayoutCheck() = default;
  llvm::StringRef name() const { return Name; }
  virtual void check(const RecordFacts &Record, const CheckContext &Context,
                     std::vector<Finding> &Out) const = 0;
  virtual void storeOptions(OptionMap &Out) const = 0;
  /// Whether it needs facts from function bodies (who writes what).
  virtual bool needsFunctionBodies() const { return false; }

protected:
  /// A finding of this check about \p Record, at \p Loc.
  Finding finding(const RecordFacts &Record, const SourceLoc &Loc) const {
    Finding F;
    F.Check = Name;
    F.Loc = Loc;
    F.RecordName = Record.Name;
    F.RecordKey = Record.key();
    F.RecordSpelling = Record.Spelling;
    return F;
  }

  /// Adds \p F to \p Out unless its impact is below the check's minimum.
  void report(Finding F, Impact I, std::vector<Finding> &Out) const {
    if (I < MinImpact)
      return;
    F.Details["impact"] = toString(I);
    Out.push_back(std::move(F));
  }

  Impact MinImpact = Impact::Low;

  std::string Name;
};

struct CheckDescriptor {
  const char *Name;
  const char *Summary;
  std::unique_ptr<LayoutCheck> (*Create)(CheckOptionsView &Options);
};

/// Every check, by its public name.
llvm::ArrayRef<CheckDescriptor> registeredChecks();

} // namespace structlayout

#endif
