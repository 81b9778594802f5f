//===- TargetsTest.cpp - Presets, target lists, retargeted commands -------===//

#include "Targets.h"

#include "llvm/Support/Error.h"
#include "gtest/gtest.h"

using namespace structlayout;

namespace {

std::vector<std::string> names(const std::vector<TargetSpec> &Specs) {
  std::vector<std::string> Out;
  for (const TargetSpec &S : Specs)
    Out.push_back(S.Name);
  return Out;
}

TEST(Targets, PresetsTriplesAndPortable) {
  auto T = parseTargets("linux-x86_64, i686-linux-gnu,macos-arm64");
  ASSERT_TRUE(bool(T)) << llvm::toString(T.takeError());
  EXPECT_EQ(names(*T), (std::vector<std::string>{
                           "linux-x86_64", "i686-linux-gnu", "macos-arm64"}));
  EXPECT_EQ((*T)[0].Triple, "x86_64-linux-gnu");
  EXPECT_EQ((*T)[0].CacheLineBytes, 64u);
  EXPECT_EQ((*T)[2].CacheLineBytes, 128u) << "Apple arm64 lines are 128";

  auto P = parseTargets("portable,linux-x86_64");
  ASSERT_TRUE(bool(P));
  EXPECT_EQ(P->size(), portableSet().size()) << "duplicates are dropped";
  for (const char *Name : portableSet())
    EXPECT_TRUE(llvm::is_contained(names(*P), Name)) << Name;
}

TEST(Targets, CacheLineOverrideAndDefaults) {
  auto T = parseTargets("linux-x86_64,macos-arm64", 256);
  ASSERT_TRUE(bool(T));
  for (const TargetSpec &S : *T)
    EXPECT_EQ(S.CacheLineBytes, 256u);
  EXPECT_EQ(defaultCacheLineBytes("powerpc64le-linux-gnu"), 128u);
  EXPECT_EQ(defaultCacheLineBytes("aarch64-linux-gnu"), 64u);
  EXPECT_EQ(defaultCacheLineBytes("arm64-apple-macos11"), 128u);
}

TEST(Targets, UnknownTargetsAreErrorsThatNameThem) {
  auto T = parseTargets("linux-x86_64,linux-x68_64");
  ASSERT_FALSE(bool(T));
  std::string Message = llvm::toString(T.takeError());
  EXPECT_NE(Message.find("unknown target 'linux-x68_64'"), std::string::npos)
      << Message;
  EXPECT_NE(Message.find("linux-aarch64"), std::string::npos) << Message;
  auto Empty = parseTargets(" , ");
  ASSERT_FALSE(bool(Empty));
  llvm::consumeError(Empty.takeError());
}

TEST(Targets, RetargetReplacesTheCommandsOwnTarget) {
  std::vector<std::string> Args = {"clang++",
                                   "-target",
                                   "armv7-linux-gnueabihf",
                                   "--target=x86_64-linux",
                                   "-m32",
                                   "-march=native",
                                   "-mavx2",
                                   "-mllvm",
                                   "-inline-threshold=9",
                                   "-mms-bitfields",
                                   "-O2",
                                   "-Iinc",
                                   "-c",
                                   "a.cpp"};
  std::vector<std::string> Out = retargetCommand(Args, "aarch64-linux-gnu");
  EXPECT_EQ(Out, (std::vector<std::string>{
                     "clang++", "--target=aarch64-linux-gnu", "-mms-bitfields",
                     "-O2", "-Iinc", "-c", "a.cpp"}));
  // After `--` everything is a file, even a name that looks like a flag.
  std::vector<std::string> Files = {"cc", "-m64", "--", "-mfile.c"};
  EXPECT_EQ(retargetCommand(Files, "i686-linux-gnu"),
            (std::vector<std::string>{"cc", "--target=i686-linux-gnu", "--",
                                      "-mfile.c"}));
  // Windows targets reject -fPIC; Linux ones keep it.
  std::vector<std::string> Pic = {"cc", "-fPIC", "-O2", "a.c"};
  EXPECT_EQ(retargetCommand(Pic, "x86_64-pc-windows-msvc"),
            (std::vector<std::string>{"cc", "--target=x86_64-pc-windows-msvc",
                                      "-O2", "a.c"}));
  EXPECT_EQ(retargetCommand(Pic, "aarch64-linux-gnu"),
            (std::vector<std::string>{"cc", "--target=aarch64-linux-gnu",
                                      "-fPIC", "-O2", "a.c"}));
}

} // namespace
