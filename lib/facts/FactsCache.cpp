//===- FactsCache.cpp - Facts kept between runs, keyed like ccache --------===//
//
// An entry is a text file: a first line naming the format, a line
// `<digest> <path>` for each file the TU read, a blank line, then the
// facts file (FactsFile.h).
//
//===----------------------------------------------------------------------===//

#include "FactsCache.h"
#include "FactsFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace structlayout {

static constexpr llvm::StringLiteral EntryHeader = "struct-layout-cache 2\n";

static std::string digest(llvm::ArrayRef<uint8_t> Bytes) {
  auto Hash = llvm::BLAKE3::hash<16>(Bytes);
  return llvm::toHex(Hash, /*LowerCase=*/true);
}

std::string hashKey(const std::vector<std::string> &Parts) {
  llvm::BLAKE3 Hasher;
  for (const std::string &P : Parts) {
    uint64_t Size = P.size();
    Hasher.update(llvm::ArrayRef<uint8_t>(
        reinterpret_cast<const uint8_t *>(&Size), sizeof(Size)));
    Hasher.update(P);
  }
  return llvm::toHex(Hasher.final<16>(), /*LowerCase=*/true);
}

FactsCache::FactsCache(std::string Dir, std::string ToolIdentity,
                       uint64_t LimitBytes)
    : Dir(std::move(Dir)), ToolIdentity(std::move(ToolIdentity)),
      LimitBytes(LimitBytes) {}

std::string FactsCache::identity(llvm::StringRef Version, const char *Argv0) {
  std::string Exe = llvm::sys::fs::getMainExecutable(
      Argv0, reinterpret_cast<void *>(&FactsCache::identity));
  std::string Build = "unknown build";
  if (auto Buffer = llvm::MemoryBuffer::getFile(Exe))
    Build = digest(llvm::arrayRefFromStringRef((*Buffer)->getBuffer()));
  return Version.str() + " " + Build + " facts " +
         std::to_string(FactsFormatVersion);
}

FactsCache::Content FactsCache::content(llvm::StringRef Path) {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    auto It = Contents.find(Path);
    if (It != Contents.end())
      return It->second;
  }
  Content C;
  if (auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/
                                                false)) {
    llvm::StringRef Text = (*Buffer)->getBuffer();
    C.Digest = digest(llvm::arrayRefFromStringRef(Text));
    C.Temporal = Text.contains("__DATE__") || Text.contains("__TIME__") ||
                 Text.contains("__TIMESTAMP__");
  }
  std::lock_guard<std::mutex> Guard(Lock);
  Contents[Path] = C;
  return C;
}

std::string FactsCache::entryPath(llvm::StringRef Key) const {
  std::string Name = hashKey({ToolIdentity, Key.str()});
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, Name.substr(0, 2), Name + ".entry");
  return P.str().str();
}

/// Recently used: the last to go when the cache is trimmed.
static void touch(const std::string &Path) {
  int FD;
  if (!llvm::sys::fs::openFileForWrite(Path, FD, llvm::sys::fs::CD_OpenExisting,
                                       llvm::sys::fs::OF_Append)) {
    llvm::sys::fs::setLastAccessAndModificationTime(
        FD, std::chrono::system_clock::now());
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }
}

std::optional<TUResult> FactsCache::find(llvm::StringRef Key) {
  std::string Path = entryPath(Key);
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    ++Misses;
    return std::nullopt;
  }
  llvm::StringRef Text = (*Buffer)->getBuffer();
  auto Corrupt = [&](const llvm::Twine &Why) -> std::optional<TUResult> {
    std::lock_guard<std::mutex> Guard(Lock);
    Problems.push_back("cache entry '" + Path + "' " + Why.str() +
                       "; its TU was parsed again");
    ++Misses;
    return std::nullopt;
  };
  if (!Text.consume_front(EntryHeader))
    return Corrupt("is not a struct-layout cache entry of this version");
  // The manifest: every file the TU read must have the same content.
  while (true) {
    size_t End = Text.find('\n');
    if (End == llvm::StringRef::npos)
      return Corrupt("is truncated");
    llvm::StringRef Line = Text.take_front(End),
                    Rest = Text.drop_front(End + 1);
    if (Line.empty()) {
      Text = Rest;
      break;
    }
    if (Line.size() < 34 || Line[32] != ' ')
      return Corrupt("is corrupt");
    if (content(Line.substr(33)).Digest != Line.substr(0, 32)) {
      ++Misses;
      return std::nullopt;
    }
    Text = Rest;
  }
  // The TU's records, each kept once in the cache (header records repeat
  // in every TU that includes them): `seen-in` and `records` lines.
  auto [SeenLine, AfterSeen] = Text.split('\n');
  auto [RecordsLine, AfterRecords] = AfterSeen.split('\n');
  if (!SeenLine.consume_front("seen-in ") ||
      !RecordsLine.consume_front("records"))
    return Corrupt("is truncated");
  Text = AfterRecords;
  auto Read = readFactsFile(Text);
  if (!Read)
    return Corrupt(llvm::toString(Read.takeError()));
  llvm::SmallVector<llvm::StringRef, 64> Digests;
  RecordsLine.split(Digests, ' ', -1, /*KeepEmpty=*/false);
  Read->TU.Facts.Records.reserve(Digests.size());
  for (llvm::StringRef Digest : Digests) {
    std::shared_ptr<const RecordFacts> Record = record(Digest);
    if (!Record) {
      ++Misses; // Evicted, or unreadable: parsed again and kept again.
      return std::nullopt;
    }
    Read->TU.Facts.Records.push_back(*Record);
    Read->TU.Facts.Records.back().SeenIn = SeenLine.str();
  }
  touch(Path);

  ++Hits;
  return std::move(Read->TU);
}

void FactsCache::keep(llvm::StringRef Key, const TUResult &R,
                      const std::vector<std::string> &FilesRead) {
  if (R.Failed)
    return;
  std::string Entry = EntryHeader.str();
  for (const std::string &F : FilesRead) {
    Content C = content(F);
    // A file gone, or a clock in the code: these facts can't be checked.
    if (C.Digest.empty() || C.Temporal || F.find('\n') != std::string::npos)
      return;
    Entry += C.Digest + " " + F + "\n";
  }
  Entry += "\n";
  // Each record once in the cache, without the TU it was seen in.
  std::string SeenIn =
      R.Facts.Records.empty() ? R.Facts.MainFile : R.Facts.Records[0].SeenIn;
  std::string Digests;
  for (const RecordFacts &Record : R.Facts.Records) {
    if (Record.SeenIn != SeenIn || SeenIn.find('\n') != std::string::npos)
      return; // Not one TU's: nothing here makes such facts.
    RecordFacts Alone = Record;
    Alone.SeenIn.clear();
    std::string Text = writeRecordFacts(Alone);
    std::string Digest = digest(llvm::arrayRefFromStringRef(Text));
    if (!writeWhole(recordPath(Digest), Text, /*IfAbsent=*/true))
      return;
    Digests += " " + Digest;
  }
  Entry += "seen-in " + SeenIn + "\nrecords" + Digests + "\n";
  FactsFile File;
  File.ToolVersion = ToolIdentity;
  File.TU = R;
  File.TU.Facts.Records.clear();
  Entry += writeFactsFile(File);
  std::string Path = entryPath(Key);
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return;
  // Not a part of the project, wherever the build directory is.
  std::call_once(IgnoreOnce, [&] {
    llvm::SmallString<256> Ignore(Dir);
    llvm::sys::path::append(Ignore, ".gitignore");
    if (!llvm::sys::fs::exists(Ignore)) {
      std::error_code EC;
      llvm::raw_fd_ostream OS(Ignore, EC);
      if (!EC)
        OS << "# struct-layout's facts cache\n*\n";
    }
  });
  writeWhole(Path, Entry, /*IfAbsent=*/false);
}

bool FactsCache::writeWhole(const std::string &Path, llvm::StringRef Text,
                            bool IfAbsent) {
  if (IfAbsent && llvm::sys::fs::exists(Path)) {
    touch(Path);
    return true;
  }
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return false;
  // Whole or not at all: another run may be reading it.
  llvm::SmallString<256> Temp;
  int FD;
  if (llvm::sys::fs::createUniqueFile(Path + ".%%%%%%.tmp", FD, Temp))
    return false;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      OS.clear_error();
      llvm::sys::fs::remove(Temp);
      return false;
    }
  }
  if (llvm::sys::fs::rename(Temp, Path)) {
    llvm::sys::fs::remove(Temp);
    return false;
  }
  return true;
}

std::string FactsCache::recordPath(llvm::StringRef Digest) const {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, "records", Digest.substr(0, 2),
                          Digest + ".record");
  return P.str().str();
}

std::shared_ptr<const RecordFacts> FactsCache::record(llvm::StringRef Digest) {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    auto It = Records.find(Digest);
    if (It != Records.end())
      return It->second;
  }
  std::string Path = recordPath(Digest);
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return nullptr;
  touch(Path);
  auto Read = readRecordFacts((*Buffer)->getBuffer());
  if (!Read) {
    llvm::consumeError(Read.takeError());
    return nullptr;
  }
  auto Shared = std::make_shared<const RecordFacts>(std::move(*Read));
  std::lock_guard<std::mutex> Guard(Lock);
  return Records.try_emplace(Digest, Shared).first->second;
}

unsigned FactsCache::trim() {
  struct Entry {
    std::string Path;
    uint64_t Size;
    llvm::sys::TimePoint<> Used;
  };
  std::vector<Entry> Entries;
  uint64_t Total = 0;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End;
       It != End && !EC; It.increment(EC)) {
    llvm::sys::fs::file_status S;
    llvm::StringRef Name(It->path());
    if (!(Name.ends_with(".entry") || Name.ends_with(".record")) ||
        llvm::sys::fs::status(It->path(), S) ||
        S.type() != llvm::sys::fs::file_type::regular_file)
      continue;
    Entries.push_back({It->path(), S.getSize(), S.getLastModificationTime()});
    Total += S.getSize();
  }
  if (Total <= LimitBytes)
    return 0;
  std::sort(Entries.begin(), Entries.end(), [](const Entry &A, const Entry &B) {
    return std::tie(A.Used, A.Path) < std::tie(B.Used, B.Path);
  });
  // Down to 90 %, so that the next runs do not trim again at once.
  unsigned Removed = 0;
  for (const Entry &E : Entries) {
    if (Total * 10 <= LimitBytes * 9)
      break;
    if (!llvm::sys::fs::remove(E.Path)) {
      Total -= E.Size;
      ++Removed;
    }
  }
  return Removed;
}

std::vector<std::string> FactsCache::problems() const { return Problems; }

} // namespace structlayout
