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
  EXPECT_EQ(*S->Checks, "-*,layout-padding");
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

TEST(Config, ErrorsNameTheFileTheLineAndTheProblem) {
  auto Bad = parseSettings("Checks: 'x'\nChekcs: 'y'\n", "my.yaml");
  ASSERT_FALSE(bool(Bad));
  std::string Message = llvm::toString(Bad.takeError());
  EXPECT_NE(Message.find("my.yaml:2"), std::string::npos) << Message;
  EXPECT_NE(Message.find("unknown key 'Chekcs'"), std::string::npos);

  auto Broken = parseSettings("Checks: [unclosed\n", "b.yaml");
  ASSERT_FALSE(bool(Broken));
  EXPECT_NE(llvm::toString(Broken.takeError()).find("b.yaml"),
            std::string::npos);
}

TEST(Config, CommandLineOverridesTheFile) {
  Settings File, Cli;
  File.Checks = "layout-*";
  File.CheckOptions["layout-padding.MinBytesSaved"] = "4";
  Cli.Checks = "-*";
  Settings S = File.overriddenBy(Cli);
  EXPECT_EQ(*S.Checks, "-*");
  EXPECT_EQ(S.CheckOptions.at("layout-padding.MinBytesSaved"), "4");
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
  S.Checks = "layout-paddign";
  auto Bad = CheckSet::create(S);
  ASSERT_FALSE(bool(Bad));
  EXPECT_NE(llvm::toString(Bad.takeError()).find("unknown check"),
            std::string::npos);

  S.Checks = "layout-padding";
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
