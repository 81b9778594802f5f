//===- Facts.cpp - Plain data model of record layouts ---------------------===//

#include "Facts.h"

#include <set>
#include <tuple>

namespace structlayout {

static auto tied(const FieldLayout &F) {
  return std::tie(F.OffsetBits, F.SizeBytes, F.AlignBytes, F.StorageUnitBits,
                  F.BitAlignBits, F.BitFieldMayPad);
}

static auto tied(const BaseLayout &B) {
  return std::tie(B.Name, B.IsVirtual, B.IsEmpty, B.Offset, B.Size);
}

bool TargetLayout::operator==(const TargetLayout &O) const {
  if (std::tie(Triple, Size, Align, DataSize, FieldsBegin, HasOwnVFPtr,
               HasOwnVBPtr, VBPtrOffset) !=
          std::tie(O.Triple, O.Size, O.Align, O.DataSize, O.FieldsBegin,
                   O.HasOwnVFPtr, O.HasOwnVBPtr, O.VBPtrOffset) ||
      Fields.size() != O.Fields.size() || Bases.size() != O.Bases.size())
    return false;
  for (size_t I = 0; I < Fields.size(); ++I)
    if (tied(Fields[I]) != tied(O.Fields[I]))
      return false;
  for (size_t I = 0; I < Bases.size(); ++I)
    if (tied(Bases[I]) != tied(O.Bases[I]))
      return false;
  return true;
}

std::string RecordFacts::key() const {
  // The USR alone is not enough: two main files may each define their own
  // `struct Node`. The defining location tells them apart, and is the same
  // for a header record in every TU that includes it.
  return USR + "@" + Loc.File + ":" + std::to_string(Loc.Line) + ":" +
         std::to_string(Loc.Column);
}

std::string ParseDiagnostic::key() const {
  if (IsError)
    return "error|" + Loc.File + "|" + Message;
  return "warning|" + Loc.File + "|" + std::to_string(ID);
}

const char *toString(AccessKind A) {
  switch (A) {
  case AccessKind::None:
    return "none";
  case AccessKind::Public:
    return "public";
  case AccessKind::Protected:
    return "protected";
  case AccessKind::Private:
    return "private";
  }
  return "none";
}

const char *toString(RecordKind K) {
  switch (K) {
  case RecordKind::Struct:
    return "struct";
  case RecordKind::Class:
    return "class";
  case RecordKind::Union:
    return "union";
  }
  return "struct";
}

} // namespace structlayout

namespace structlayout {

bool CallGraphFacts::Call::operator<(const Call &O) const {
  return std::tie(Caller, Callee, BeforeThreads) <
         std::tie(O.Caller, O.Callee, O.BeforeThreads);
}

void CallGraphFacts::merge(const CallGraphFacts &From) {
  CallGraphMerger(*this).add(From);
}

CallGraphMerger::CallGraphMerger(CallGraphFacts &Into) : Into(Into) {
  Calls.insert(Into.Calls.begin(), Into.Calls.end());
  for (const CallGraphFacts::Root &R : Into.Roots)
    Roots.insert({R.Function, R.Loc.File, R.Loc.Offset});
  AddressTaken.insert(Into.AddressTaken.begin(), Into.AddressTaken.end());
  IndirectCalls.insert(Into.IndirectCalls.begin(), Into.IndirectCalls.end());
}

void CallGraphMerger::add(const CallGraphFacts &From) {
  for (const CallGraphFacts::Call &C : From.Calls)
    if (Calls.insert(C).second)
      Into.Calls.push_back(C);
  for (const CallGraphFacts::Root &R : From.Roots)
    if (Roots.insert({R.Function, R.Loc.File, R.Loc.Offset}).second)
      Into.Roots.push_back(R);
  for (const auto &P : From.AddressTaken)
    if (AddressTaken.insert(P).second)
      Into.AddressTaken.push_back(P);
  for (const auto &P : From.IndirectCalls)
    if (IndirectCalls.insert(P).second)
      Into.IndirectCalls.push_back(P);
}

} // namespace structlayout
