// Our read-only YAML tree over libyaml: what the knowledge-base loader relies on.
#include "knowledge/yaml_tree.hpp"

#include <gtest/gtest.h>

namespace mn::knowledge::yaml {
namespace {

Document parsed(std::string_view text) {
  auto result = parse(text);
  EXPECT_TRUE(std::holds_alternative<Document>(result)) << std::get<ParseError>(result).message;
  return std::move(std::get<Document>(result));
}

ParseError failed(std::string_view text) {
  auto result = parse(text);
  EXPECT_TRUE(std::holds_alternative<ParseError>(result)) << "parsed: " << text;
  return std::holds_alternative<ParseError>(result) ? std::get<ParseError>(result) : ParseError{};
}

TEST(YamlTree, MapsListsScalarsAndMarks) {
  const Document document = parsed("a: 1\nb:\n  - x\n  - \"2\"\nc: ~\n");
  const Node root = document.root();
  ASSERT_TRUE(root.is_map());
  EXPECT_EQ(root.size(), 3U);
  EXPECT_EQ(to_int(root["a"]), 1);
  ASSERT_TRUE(root["b"].is_sequence());
  EXPECT_EQ(root["b"][0].text(), "x");
  EXPECT_EQ(root["b"][1].mark().line, 3);
  EXPECT_EQ(root["b"][1].mark().column, 4);
  EXPECT_TRUE(root["c"].is_null());
  EXPECT_FALSE(root["missing"]);
  EXPECT_TRUE(root["missing"].mark().is_null());
  EXPECT_FALSE(root["b"][7]);
}

TEST(YamlTree, QuotedScalarsAreNeverNumbers) {
  const Document document = parsed("plain: 12\nquoted: \"12\"\nhex: 0x1F\ninfinite: .inf\n");
  EXPECT_EQ(number(document.root()["plain"]), 12.0);
  EXPECT_TRUE(document.root()["quoted"].quoted());
  EXPECT_FALSE(number(document.root()["quoted"]));
  EXPECT_FALSE(number(document.root()["hex"]));
  EXPECT_FALSE(number(document.root()["infinite"]));
}

TEST(YamlTree, DuplicateKeysAreKeptForTheSchemaToReport) {
  const Document document = parsed("a: 1\na: 2\n");
  EXPECT_EQ(document.root().size(), 2U);
  EXPECT_EQ(to_int(document.root()["a"]), 1) << "lookup finds the first";
}

TEST(YamlTree, RefusesWhatTheKnowledgeBaseNeverNeeds) {
  EXPECT_NE(failed("a: &x [1]\nb: *x\n").message, "") << "aliases (no alias bombs)";
  EXPECT_NE(failed("a: 1\n---\nb: 2\n").message, "") << "a second document";
  EXPECT_NE(failed("? [a]\n: 1\n").message, "") << "a list as a key";
  EXPECT_NE(failed(std::string(100, '[') + std::string(100, ']')).message, "") << "nesting";
  const ParseError syntax = failed("a: [1, 2\nb: 3\n");
  EXPECT_FALSE(syntax.mark.is_null()) << "a syntax error has a position";
}

TEST(YamlTree, EmptyTextIsANullRoot) {
  const Document document = parsed("# only a comment\n");
  EXPECT_TRUE(document.root().is_null());
}

}  // namespace
}  // namespace mn::knowledge::yaml
