//===- MergeBench.cpp - The merge of a million records, timed -------------===//
//
// A benchmark, not a test (bench/scale.sh runs it): synthetic facts for
// TUS translation units of RECORDS records each, half of them a header's
// records that every TU sees, merged as a run merges them (FactsMerger, one
// TU at a time) and, separately, written and read back as facts files.
// Prints the wall time of each and the peak RSS. Goal (issue 14): 1,000,000
// records merged in under 10 s.
// Usage: structlayout-merge-bench [TUS [RECORDS]]   (default 2000 500)
//
//===----------------------------------------------------------------------===//

#include "FactsFile.h"
#include "Merge.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdlib>
#include <sys/resource.h>

using namespace structlayout;

static RecordFacts record(const std::string &File, unsigned Line,
                          const std::string &Name) {
  RecordFacts R;
  R.USR = "c:@S@" + Name;
  R.Name = Name;
  R.Loc = {File, Line, 8, Line * 40};
  R.Span = {Line * 40, Line * 40 + 90};
  R.BodySpan = {Line * 40 + 10, Line * 40 + 89};
  TargetLayout L;
  L.Triple = "x86_64-pc-linux-gnu";
  L.Size = 32;
  L.Align = 8;
  L.DataSize = 32;
  for (unsigned F = 0; F < 6; ++F) {
    FieldFacts Field;
    Field.Name = "field" + std::to_string(F);
    Field.TypeName = F % 2 ? "double" : "char";
    Field.Loc = {File, Line + F + 1, 8, Line * 40 + 12 + F * 12};
    Field.DeclSpan = {Line * 40 + 12 + F * 12, Line * 40 + 22 + F * 12};
    Field.FullText = Field.TypeName + " " + Field.Name + ";";
    R.Fields.push_back(Field);
    FieldLayout FL;
    FL.OffsetBits = F * 64;
    FL.SizeBytes = F % 2 ? 8 : 1;
    FL.AlignBytes = FL.SizeBytes;
    L.Fields.push_back(FL);
  }
  R.Layouts.push_back(L);
  R.SeenIn = File;
  return R;
}

static TUFacts tu(unsigned Index, unsigned Records) {
  TUFacts T;
  T.MainFile = "/src/tu" + std::to_string(Index) + ".c";
  for (unsigned I = 0; I < Records / 2; ++I)
    T.Records.push_back(
        record("/src/shared.h", I * 8 + 1, "shared" + std::to_string(I)));
  for (unsigned I = Records / 2; I < Records; ++I)
    T.Records.push_back(
        record(T.MainFile, I * 8 + 1,
               "own" + std::to_string(Index) + "_" + std::to_string(I)));
  T.Records.back().SeenIn = T.MainFile;
  return T;
}

static double seconds(std::chrono::steady_clock::time_point Since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Since)
      .count();
}

int main(int argc, char **argv) {
  unsigned TUs = argc > 1 ? std::atoi(argv[1]) : 2000;
  unsigned Records = argc > 2 ? std::atoi(argv[2]) : 500;
  double Generate = 0;
  auto Start = std::chrono::steady_clock::now();
  FactsMerger Merger;
  for (unsigned I = 0; I < TUs; ++I) {
    auto Made = std::chrono::steady_clock::now();
    TUFacts T = tu(I, Records);
    Generate += seconds(Made);
    Merger.add(std::move(T));
  }
  MergedFacts Merged = std::move(Merger).finish();
  double Merge = seconds(Start) - Generate;

  // The facts file path: each TU written and read back.
  auto FileStart = std::chrono::steady_clock::now();
  uint64_t Bytes = 0;
  unsigned FileTUs = std::min(TUs, 200u);
  for (unsigned I = 0; I < FileTUs; ++I) {
    FactsFile F;
    F.TU.Facts = tu(I, Records);
    std::string Text = writeFactsFile(F);
    Bytes += Text.size();
    auto Read = readFactsFile(Text);
    if (!Read) {
      llvm::errs() << llvm::toString(Read.takeError()) << "\n";
      return 1;
    }
  }
  double Files = seconds(FileStart);

  struct rusage Usage;
  getrusage(RUSAGE_SELF, &Usage);
  llvm::outs() << "records merged: " << uint64_t(TUs) * Records << " (" << TUs
               << " TUs x " << Records << "), distinct "
               << Merged.Records.size() << "\n"
               << llvm::format("merge: %.2f s (generating the facts: %.2f s, "
                               "not counted)\n",
                               Merge, Generate)
               << llvm::format("facts files: %u TUs written and read in %.2f "
                               "s (%.1f MB, %.0f MB/s)\n",
                               FileTUs, Files, Bytes / 1e6, Bytes / 1e6 / Files)
               << "peak RSS: " << Usage.ru_maxrss / 1024 << " MiB\n";
  return 0;
}
