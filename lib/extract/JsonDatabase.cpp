//===- JsonDatabase.cpp - compile_commands.json, entry by entry -----------===//

#include "JsonDatabase.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"

#include <map>

using clang::tooling::CompileCommand;

namespace structlayout {
namespace {

class ListedDatabase : public clang::tooling::CompilationDatabase {
public:
  void add(CompileCommand C, std::string Key) {
    if (!ByFile.count(Key))
      Files.push_back(Key);
    ByFile[Key].push_back(All.size());
    All.push_back(std::move(C));
  }
  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    std::vector<CompileCommand> Out;
    auto It = ByFile.find(normalise(File, ""));
    if (It != ByFile.end())
      for (size_t I : It->second)
        Out.push_back(All[I]);
    return Out;
  }
  std::vector<std::string> getAllFiles() const override { return Files; }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return All;
  }

  static std::string normalise(llvm::StringRef File, llvm::StringRef Dir) {
    llvm::SmallString<256> P(File);
    if (!llvm::sys::path::is_absolute(P) && !Dir.empty()) {
      P = Dir;
      llvm::sys::path::append(P, File);
    }
    llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    return P.str().str();
  }

private:
  std::vector<CompileCommand> All;
  std::vector<std::string> Files;
  std::map<std::string, std::vector<size_t>> ByFile;
};

/// The entry as a problem names it: its place and its file, if any.
std::string entryName(size_t Index, const llvm::json::Object *E) {
  std::string Name = "entry " + std::to_string(Index + 1);
  if (E)
    if (auto File = E->getString("file"))
      Name += " ('" + File->str() + "')";
  return Name;
}

} // namespace

llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadJsonDatabase(const std::string &Path, std::vector<std::string> &Problems) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read '" + Path +
                                       "': " + Buffer.getError().message());
  auto Parsed = llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "malformed compilation database '" + Path +
            "': " + llvm::toString(Parsed.takeError()));
  const llvm::json::Array *Entries = Parsed->getAsArray();
  if (!Entries)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "malformed compilation database '" + Path +
                                       "': not a JSON array of entries");
  auto DB = std::make_unique<ListedDatabase>();
  std::string In = " of '" + Path + "'";
  for (size_t I = 0; I < Entries->size(); ++I) {
    const llvm::json::Object *E = (*Entries)[I].getAsObject();
    std::string Name = entryName(I, E) + In;
    if (!E) {
      Problems.push_back(Name + " is not an object");
      continue;
    }
    auto Dir = E->getString("directory");
    auto File = E->getString("file");
    if (!File) {
      Problems.push_back(Name + " has no \"file\" string");
      continue;
    }
    if (!Dir) {
      Problems.push_back(Name + " has no \"directory\" string");
      continue;
    }
    if (!llvm::sys::path::is_absolute(*Dir)) {
      Problems.push_back(Name + " has a relative \"directory\" ('" +
                         Dir->str() + "'); it must be absolute");
      continue;
    }
    if (!llvm::sys::fs::is_directory(*Dir)) {
      Problems.push_back(Name +
                         " names a \"directory\" that does not exist ('" +
                         Dir->str() + "'): is the database stale?");
      continue;
    }
    std::vector<std::string> Args;
    if (const llvm::json::Array *List = E->getArray("arguments")) {
      for (const llvm::json::Value &A : *List)
        if (auto S = A.getAsString())
          Args.push_back(S->str());
      if (Args.size() != List->size()) {
        Problems.push_back(Name + " has an \"arguments\" item that is not a "
                                  "string");
        continue;
      }
    } else if (auto Command = E->getString("command")) {
      llvm::BumpPtrAllocator Alloc;
      llvm::StringSaver Saver(Alloc);
      llvm::SmallVector<const char *, 64> Argv;
      llvm::cl::TokenizeGNUCommandLine(*Command, Saver, Argv);
      for (const char *A : Argv)
        Args.push_back(A);
    }
    if (Args.empty()) {
      Problems.push_back(Name + " has no \"arguments\" or \"command\"");
      continue;
    }
    CompileCommand C;
    C.Directory = Dir->str();
    C.Filename = ListedDatabase::normalise(*File, *Dir);
    C.CommandLine = std::move(Args);
    if (auto Output = E->getString("output"))
      C.Output = Output->str();
    std::string Key = C.Filename;
    DB->add(std::move(C), std::move(Key));
  }
  return std::unique_ptr<clang::tooling::CompilationDatabase>(std::move(DB));
}

} // namespace structlayout
