//===- ConfigTest.cpp - Settings, globs and check options -----------------===//

#include "Config.h"
#include "CheckSet.h"
#include "GlobList.h"

#include "gtest/gtest.h"

using namespace structlayout;

namespace {

TEST(Config, ParsesClangTidyStyleSettings) {
  auto S = parseSettings("Checks: '-*,layout-padding'\n"
                         "HeaderFilterRegex: 'src/.*'\n"
                         "CheckOptions:\n"
                         "  layout-padding.MinBytesSaved: 8\n",
                         "cfg.yaml");
  ASSERT_TRUE(bool(S)) << llvm::toString(S.takeError());
  ASSERT_EQ(S->Checks.size(), 1u);
  EXPECT_EQ(S->Checks[0].Globs, "-*,layout-padding");
  EXPECT_EQ(S->Checks[0].Source, "cfg.yaml:1");
  EXPECT_EQ(S->checks(), "layout-*,-*,layout-padding");
  EXPECT_EQ(*S->HeaderFilterRegex, "src/.*");
  EXPECT_EQ(S->CheckOptions.at("layout-padding.MinBytesSaved"), "8");
}

TEST(Config, AcceptsTheListFormOfCheckOptions) {
  auto S = parseSettings("CheckOptions:\n"
                         "  - key: layout-padding.MinPercentSaved\n"
                         "    value: 10\n",
                         "cfg.yaml");
  ASSERT_TRUE(bool(S));
  EXPECT_EQ(S->CheckOptions.at("layout-padding.MinPercentSaved"), "10");
}

TEST(Config, UnknownKeysAreWarningsNamingTheFileAndLine) {
  std::vector<std::string> Warnings;
  auto S = parseSettings("Checks: 'x'\nChekcs: 'y'\n", "my.yaml", &Warnings);
  ASSERT_TRUE(bool(S)) << llvm::toString(S.takeError());
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_NE(Warnings[0].find("my.yaml:2"), std::string::npos) << Warnings[0];
  EXPECT_NE(Warnings[0].find("unknown key 'Chekcs'"), std::string::npos);
}

TEST(Config, ReadsWhatClangTidyDumpConfigWrites) {
  std::vector<std::string> Warnings;
  auto S = parseSettings("Checks: ['-*', 'layout-padding']\n"
                         "HeaderFileExtensions: ['h', 'hpp']\n"
                         "ImplementationFileExtensions: ['cpp']\n"
                         "ExcludeHeaderFilterRegex: 'gen/'\n"
                         "FormatStyle: none\nUser: me\nSystemHeaders: false\n"
                         "ExtraArgs: ['-DA']\nExtraArgsBefore: ['-DB']\n"
                         "InheritParentConfig: true\n"
                         "CheckOptions:\n"
                         "  struct-layout.Targets: 'linux-x86_64,linux-i686'\n"
                         "  struct-layout.RemoveArgs: '-mabi=;-fno-*'\n",
                         "/p/.clang-tidy", &Warnings);
  ASSERT_TRUE(bool(S)) << llvm::toString(S.takeError());
  EXPECT_TRUE(Warnings.empty());
  EXPECT_EQ(S->checks(), "layout-*,-*,layout-padding");
  EXPECT_EQ(*S->ExcludeHeaderFilterRegex, "gen/");
  EXPECT_EQ(S->ExtraArgs, std::vector<std::string>{"-DA"});
  EXPECT_TRUE(S->InheritParentConfig);
  EXPECT_EQ(*S->Targets, "linux-x86_64,linux-i686");
  EXPECT_EQ(S->RemoveArgs, (std::vector<std::string>{"-mabi=", "-fno-*"}));
}

TEST(Config, OwnTopLevelKeysWarnInAClangTidyFile) {
  std::vector<std::string> Warnings;
  auto S = parseSettings("Targets: wasm32\n", "/p/.clang-tidy", &Warnings);
  ASSERT_TRUE(bool(S));
  EXPECT_EQ(*S->Targets, "wasm32");
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_NE(Warnings[0].find("struct-layout.Targets"), std::string::npos);
  Warnings.clear();
  ASSERT_TRUE(bool(
      parseSettings("Targets: wasm32\n", "/p/.struct-layout.yaml", &Warnings)));
  EXPECT_TRUE(Warnings.empty());
}

TEST(Config, ErrorsNameTheFileTheLineAndTheProblem) {
  auto Bad =
      parseSettings("Checks: 'x'\nInheritParentConfig: maybe\n", "my.yaml");
  ASSERT_FALSE(bool(Bad));
  std::string Message = llvm::toString(Bad.takeError());
  EXPECT_NE(Message.find("my.yaml:2"), std::string::npos) << Message;
  EXPECT_NE(Message.find("true or false"), std::string::npos);

  auto Broken = parseSettings("Checks: [unclosed\n", "b.yaml");
  ASSERT_FALSE(bool(Broken));
  EXPECT_NE(llvm::toString(Broken.takeError()).find("b.yaml"),
            std::string::npos);
}

TEST(Config, ChecksAndWarningsAsErrorsAppendTheRestOverrides) {
  Settings File, Cli;
  File.Checks = {{"-*,layout-padding,layout-hot-cold", "f:1"}};
  File.WarningsAsErrors = {{"layout-padding", "f:2"}};
  File.HeaderFilterRegex = "src/";
  File.CheckOptions["layout-padding.MinBytesSaved"] = "4";
  Cli.Checks = {{"-layout-hot-cold", "command line"}};
  Cli.WarningsAsErrors = {{"layout-hot-cold", "command line"}};
  Cli.HeaderFilterRegex = "lib/";
  Settings S = File.mergedWith(Cli);
  EXPECT_EQ(S.checks(), "layout-*,-*,layout-padding,layout-hot-cold,"
                        "-layout-hot-cold");
  EXPECT_EQ(S.warningsAsErrors(), "layout-padding,layout-hot-cold");
  EXPECT_EQ(*S.HeaderFilterRegex, "lib/");
  EXPECT_EQ(S.CheckOptions.at("layout-padding.MinBytesSaved"), "4");
  GlobList Enabled(S.checks());
  EXPECT_TRUE(Enabled.contains("layout-padding"));
  EXPECT_FALSE(Enabled.contains("layout-hot-cold"));
}

TEST(GlobList, LastMatchWins) {
  GlobList G("-*,layout-*,-layout-hot-cold");
  EXPECT_TRUE(G.contains("layout-padding"));
  EXPECT_FALSE(G.contains("layout-hot-cold"));
  EXPECT_FALSE(G.contains("bugprone-foo"));
  EXPECT_TRUE(GlobList::matches("lay*-pad*", "layout-padding"));
  EXPECT_FALSE(GlobList::matches("layout-p", "layout-padding"));
}

TEST(CheckSet, RejectsUnknownChecksAndOptions) {
  Settings S;
  S.Checks = {{"layout-paddign", "cfg:3"}};
  auto Bad = CheckSet::create(S);
  ASSERT_FALSE(bool(Bad));
  std::string Message = llvm::toString(Bad.takeError());
  EXPECT_NE(Message.find("unknown check 'layout-paddign'; did you mean "
                         "'layout-padding' (Checks in cfg:3"),
            std::string::npos)
      << Message;

  // A typo in WarningsAsErrors would switch a CI gate off.
  S.Checks = {};
  S.WarningsAsErrors = {{"layout-paddin", "command line"}};
  auto BadGate = CheckSet::create(S);
  ASSERT_FALSE(bool(BadGate));
  EXPECT_NE(llvm::toString(BadGate.takeError()).find("WarningsAsErrors"),
            std::string::npos);
  S.WarningsAsErrors = {};

  S.Checks = {{"layout-padding", "cfg:3"}};
  S.CheckOptions["layout-padding.MinByts"] = "3";
  auto BadOption = CheckSet::create(S);
  ASSERT_FALSE(bool(BadOption));
  EXPECT_NE(llvm::toString(BadOption.takeError()).find("MinByts"),
            std::string::npos);

  S.CheckOptions = {{"layout-padding.MinBytesSaved", "lots"}};
  auto BadValue = CheckSet::create(S);
  ASSERT_FALSE(bool(BadValue));
  EXPECT_NE(llvm::toString(BadValue.takeError()).find("lots"),
            std::string::npos);
}

TEST(CheckSet, OptionsHaveDefaultsAndTakeValues) {
  Settings S;
  S.CheckOptions["layout-padding.MinBytesSaved"] = "16";
  auto Set = CheckSet::create(S);
  ASSERT_TRUE(bool(Set));
  EXPECT_EQ(Set->options().at("layout-padding.MinBytesSaved"), "16");
  EXPECT_EQ(Set->options().at("layout-padding.MinPercentSaved"), "0");
  EXPECT_EQ(Set->options().at("layout-false-sharing.ContendedTypes"), "");
  // The default, layout-*, is every registered check.
  std::vector<std::string> All;
  for (const CheckDescriptor &D : registeredChecks())
    All.push_back(D.Name);
  EXPECT_EQ(Set->names(), All);
  EXPECT_GE(All.size(), 3u);
}

} // namespace
