#include "knowledge/loader.hpp"

#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <variant>
#include <vector>

#include "knowledge/compilation.hpp"
#include "knowledge/yaml_schema.hpp"
#include "knowledge/yaml_tree.hpp"

namespace mn::knowledge {

namespace {

const std::string kSchemaFile = "schema.yaml";

// FNV-1a over every file's name and text: the version names the content, so
// an edit without a version bump still shows in stored assessments.
std::string content_hash(const KnowledgeTexts& texts) {
  std::uint64_t hash = 14695981039346656037ULL;
  auto mix = [&hash](std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash ^= c;
      hash *= 1099511628211ULL;
    }
  };
  for (const auto& [name, text] : texts) {
    mix(name);
    mix(std::string_view("\0", 1));
    mix(text);
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return std::string(buffer, 8);
}

std::optional<yaml::Document> parse(const std::string& file, const std::string& text,
                                    Diagnostics& diagnostics) {
  auto parsed = yaml::parse(text);
  if (auto* error = std::get_if<yaml::ParseError>(&parsed)) {
    diagnostics.add(file, error->mark, error->message);
    return std::nullopt;
  }
  return std::move(std::get<yaml::Document>(parsed));
}

LoadErrors errors_of(Diagnostics& diagnostics) { return LoadErrors{diagnostics.take()}; }

}  // namespace

std::string LoadErrors::describe() const {
  std::string text;
  for (const Error& error : errors) text += error.describe() + "\n";
  return text;
}

std::variant<core::KnowledgeBase, LoadErrors> compile_texts(const KnowledgeTexts& texts) {
  Diagnostics diagnostics;
  const auto schema_text = texts.find(kSchemaFile);
  if (schema_text == texts.end()) {
    diagnostics.add_file(kSchemaFile, "missing: the knowledge base needs its schema");
    return errors_of(diagnostics);
  }
  const auto schema = parse(kSchemaFile, schema_text->second, diagnostics);
  if (!schema) return errors_of(diagnostics);
  SchemaChecker checker(schema->root(), diagnostics);
  // The documents own the nodes; `roots` are handles into them.
  std::vector<yaml::Document> documents;
  std::map<std::string, yaml::Node> roots;
  for (const std::string& file : checker.files()) {
    const auto text = texts.find(file);
    if (text == texts.end()) {
      diagnostics.add_file(file, "missing file");
      continue;
    }
    auto document = parse(file, text->second, diagnostics);
    if (!document) continue;
    checker.check_file(file, document->root());
    roots.emplace(file, document->root());
    documents.push_back(std::move(*document));
  }
  if (!diagnostics.empty()) return errors_of(diagnostics);
  checker.check_references();
  if (!diagnostics.empty()) return errors_of(diagnostics);

  core::KnowledgeBase knowledge;
  Compilation compilation(knowledge, diagnostics);
  knowledge.version = scalar(roots["index.yaml"]["version"]) + "+" + content_hash(texts);
  compile_sources(compilation, roots["sources.yaml"]);
  compile_checklists(compilation, roots["checklists.yaml"]);
  compile_questionnaire(compilation, roots["questionnaire.yaml"]);
  compile_safety(compilation, roots["safety.yaml"]);
  compile_plan(compilation, roots["plan.yaml"]);
  compile_guidance(compilation, roots["guidance.yaml"]);
  compile_progress(compilation, roots["progress.yaml"]);
  compile_matching(compilation, roots["matching.yaml"]);
  if (!diagnostics.empty()) return errors_of(diagnostics);
  return knowledge;
}

std::variant<core::KnowledgeBase, LoadErrors> load_directory(
    const std::filesystem::path& directory) {
  // Every YAML file of the directory; compile_texts reports the ones the
  // schema needs and does not find.
  KnowledgeTexts texts;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream stream(entry.path(), std::ios::binary);
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    texts[entry.path().filename().string()] = buffer.str();
  }
  if (error || texts.empty()) {
    return LoadErrors{
        {Error{"knowledge_unreadable", directory.string(), "cannot read a knowledge base here"}}};
  }
  auto result = compile_texts(texts);
  if (auto* errors = std::get_if<LoadErrors>(&result)) {
    for (Error& problem : errors->errors) problem.where = (directory / problem.where).string();
  }
  return result;
}

}  // namespace mn::knowledge
