//===- FactsCache.h - Facts kept between runs, keyed like ccache -*- C++
//-*-===//
//
// DESIGN.md section 7: a re-run on unchanged code is nearly free. One entry
// per TU x target x mode, keyed by what decides its facts besides the files
// it reads (the tool, the extraction options, the compile command: the
// extractor's key), then checked against the content of the main file and
// of every file the TU read, as ccache's direct mode does. Each record's
// facts are kept once, by the digest of their text, however many TUs'
// entries name them (a header's records repeat in every TU). A TU that
// expands __DATE__, __TIME__ or __TIMESTAMP__ is not kept. Entries are
// written whole (a temporary file, renamed), so runs may share a cache; the
// least recently used go when the cache outgrows its limit.
//
//===----------------------------------------------------------------------===//

#ifndef STRUCTLAYOUT_FACTSCACHE_H
#define STRUCTLAYOUT_FACTSCACHE_H

#include "Facts.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace structlayout {

/// Where the extractor looks for a TU's facts before parsing it, and keeps
/// them after.
class FactsStore {
public:
  virtual ~FactsStore() = default;
  /// The facts kept under \p Key, if every file they were read from still
  /// has the content it had.
  virtual std::optional<TUResult> find(llvm::StringRef Key) = 0;
  /// Keeps \p R (not a failed TU) under \p Key; \p FilesRead are every file
  /// the TU read.
  virtual void keep(llvm::StringRef Key, const TUResult &R,
                    const std::vector<std::string> &FilesRead) = 0;
};

/// A hex digest of \p Parts, each length-prefixed so that no two lists of
/// parts collide by concatenation.
std::string hashKey(const std::vector<std::string> &Parts);

class FactsCache : public FactsStore {
public:
  /// \p ToolIdentity goes into every key: another struct-layout build
  /// misses. \p LimitBytes bounds the cache (trim()).
  FactsCache(std::string Dir, std::string ToolIdentity, uint64_t LimitBytes);

  std::optional<TUResult> find(llvm::StringRef Key) override;
  void keep(llvm::StringRef Key, const TUResult &R,
            const std::vector<std::string> &FilesRead) override;

  /// Removes the least recently used entries until the cache is within
  /// its limit; returns how many went.
  unsigned trim();

  unsigned hits() const { return Hits; }
  unsigned misses() const { return Misses; }
  /// Entries that could not be read (another format, truncated): each is
  /// extracted again and replaced. One line each.
  std::vector<std::string> problems() const;

  /// What identifies this build of the tool: its version and the hash of
  /// its executable.
  static std::string identity(llvm::StringRef Version, const char *Argv0);

private:
  struct Content {
    std::string Digest;    ///< Empty: the file is gone or unreadable.
    bool Temporal = false; ///< Names __DATE__, __TIME__ or __TIMESTAMP__.
  };
  /// Each file read once a run, however many TUs include it.
  Content content(llvm::StringRef Path);
  std::string entryPath(llvm::StringRef Key) const;
  std::string recordPath(llvm::StringRef Digest) const;
  /// A record kept under \p Digest, read once a run; null if gone.
  std::shared_ptr<const RecordFacts> record(llvm::StringRef Digest);
  /// Writes \p Text to \p Path whole (a temporary file, renamed); with
  /// \p IfAbsent, not again when it is there (content-addressed).
  static bool writeWhole(const std::string &Path, llvm::StringRef Text,
                         bool IfAbsent);

  std::string Dir;
  std::string ToolIdentity;
  uint64_t LimitBytes;
  std::mutex Lock;
  llvm::StringMap<Content> Contents;
  llvm::StringMap<std::shared_ptr<const RecordFacts>> Records;
  std::vector<std::string> Problems;
  std::atomic<unsigned> Hits{0}, Misses{0};
  std::once_flag IgnoreOnce;
};

} // namespace structlayout

#endif
