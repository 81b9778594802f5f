//===- FileIO.cpp - Durable writes for the fix commit ---------------------===//

#include "FileIO.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace structlayout {

static llvm::Error ioError(const llvm::Twine &What, const std::string &Path,
                           int Errno) {
  return llvm::createStringError(
      std::error_code(Errno, std::generic_category()),
      What + " '" + Path + "': " + std::strerror(Errno));
}

static bool writeAll(int FD, llvm::StringRef Text) {
  const char *P = Text.data();
  size_t Left = Text.size();
  while (Left) {
    ssize_t N = ::write(FD, P, Left);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    P += N;
    Left -= N;
  }
  return true;
}

static int fsyncRetrying(int FD) {
  int R;
  do
    R = ::fsync(FD);
  while (R < 0 && errno == EINTR);
  return R;
}

/// Starts writing the file's data to disk without waiting for it.
static bool startWriteback(int FD) {
#ifdef __linux__
  return ::sync_file_range(FD, 0, 0, SYNC_FILE_RANGE_WRITE) == 0 ||
         errno == ENOSYS || errno == EINVAL;
#else
  return true;
#endif
}

llvm::Error writeNewFile(const std::string &Path, llvm::StringRef Text,
                         const FileOwnership &Owner, Durability When) {
  int FD = ::open(Path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (FD < 0)
    return ioError("cannot create", Path, errno);
  // The owner first: chown clears set-id bits, fchmod then sets the mode.
  if (::fchown(FD, Owner.Uid, Owner.Gid) < 0 && errno != EPERM) {
    int E = errno;
    ::close(FD);
    ::unlink(Path.c_str());
    return ioError("cannot set the owner of", Path, E);
  }
  errno = 0;
  if (::fchmod(FD, Owner.Mode & 07777) < 0 || !writeAll(FD, Text) ||
      (When == Durability::Now ? fsyncRetrying(FD) < 0 : !startWriteback(FD))) {
    int E = errno ? errno : EIO;
    ::close(FD);
    ::unlink(Path.c_str());
    return ioError("cannot write", Path, E);
  }
  if (::close(FD) < 0) {
    int E = errno;
    ::unlink(Path.c_str());
    return ioError("cannot write", Path, E);
  }
  return llvm::Error::success();
}

llvm::Error syncFiles(llvm::ArrayRef<std::string> Paths) {
#ifdef __linux__
  std::set<dev_t> Synced;
  for (const std::string &Path : Paths) {
    struct stat St;
    if (::stat(Path.c_str(), &St) != 0 || !Synced.insert(St.st_dev).second)
      continue;
    int FD = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
    if (FD >= 0) {
      ::syncfs(FD); // Errors are the fsyncs' to report.
      ::close(FD);
    }
  }
#endif
  for (const std::string &Path : Paths) {
    int FD = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
    if (FD < 0)
      return ioError("cannot open", Path, errno);
    int R = fsyncRetrying(FD);
    int E = errno;
    ::close(FD);
    if (R < 0)
      return ioError("cannot write", Path, E);
  }
  return llvm::Error::success();
}

llvm::Error writeInPlace(const std::string &Path, llvm::StringRef Text) {
  int FD = ::open(Path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (FD < 0)
    return ioError("cannot open", Path, errno);
  errno = 0;
  if (!writeAll(FD, Text) || fsyncRetrying(FD) < 0) {
    int E = errno ? errno : EIO;
    ::close(FD);
    return ioError("cannot write", Path, E);
  }
  if (::close(FD) < 0)
    return ioError("cannot write", Path, errno);
  return llvm::Error::success();
}

llvm::Error syncDirectory(const std::string &Dir) {
  int FD = ::open(Dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (FD < 0)
    return ioError("cannot open directory", Dir, errno);
  int R = fsyncRetrying(FD);
  int E = errno;
  ::close(FD);
  // Some file systems cannot fsync a directory; the data is still there.
  if (R < 0 && E != EINVAL && E != ENOTSUP)
    return ioError("cannot sync directory", Dir, E);
  return llvm::Error::success();
}

llvm::Expected<std::string> readWholeFile(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read '" + Path +
                                       "': " + Buffer.getError().message());
  return (*Buffer)->getBuffer().str();
}

std::string stagingPath(llvm::StringRef Path) {
  llvm::SmallString<256> P(llvm::sys::path::parent_path(Path));
  llvm::sys::path::append(P, "." + llvm::sys::path::filename(Path) +
                                 ".struct-layout-" +
                                 std::to_string(::getpid()) + ".tmp");
  return P.str().str();
}

TerminationSignalsBlocked::TerminationSignalsBlocked() {
  sigset_t Set;
  sigemptyset(&Set);
  for (int S : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
    sigaddset(&Set, S);
  pthread_sigmask(SIG_BLOCK, &Set, &OldMask);
  struct sigaction Ignore = {};
  Ignore.sa_handler = SIG_IGN;
  sigaction(SIGXFSZ, &Ignore, &OldSizeAction);
}

TerminationSignalsBlocked::~TerminationSignalsBlocked() {
  sigaction(SIGXFSZ, &OldSizeAction, nullptr);
  pthread_sigmask(SIG_SETMASK, &OldMask, nullptr);
}

bool isWritable(const std::string &Path) {
  struct stat St;
  return ::stat(Path.c_str(), &St) == 0 && (St.st_mode & 0222) &&
         ::access(Path.c_str(), W_OK) == 0;
}

llvm::Error checkOutputPath(const std::string &Path, bool IsDirectory) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot write '" + Path + "': " + Why);
  };
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  std::string P = Abs.str().str();
  if (llvm::sys::fs::exists(P)) {
    if (IsDirectory != llvm::sys::fs::is_directory(P))
      return Fail(IsDirectory ? "it is not a directory" : "it is a directory");
    if (!isWritable(P))
      return Fail(IsDirectory ? "the directory is read-only"
                              : "the file is read-only");
    return llvm::Error::success();
  }
  // A new file or directory: the nearest existing parent must take it.
  std::string Parent = llvm::sys::path::parent_path(P).str();
  while (!Parent.empty() && !llvm::sys::fs::exists(Parent))
    Parent = llvm::sys::path::parent_path(Parent).str();
  if (Parent.empty() || !llvm::sys::fs::is_directory(Parent))
    return Fail("no directory to create it in");
  if (!isWritable(Parent))
    return Fail("the directory '" + Parent + "' is read-only");
  return llvm::Error::success();
}

} // namespace structlayout
