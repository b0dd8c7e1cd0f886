// questionnaire_to_json / guidance_to_json over the repository's knowledge
// base: the questionnaire names every intake field once, agrees with
// questionnaire.yaml and with what parse_intake accepts; every source id
// cited is listed; the output is compact, deterministic and survives text
// that is not UTF-8.
#include "codec/knowledge_json.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "codec/intake_json.hpp"
#include "knowledge/yaml_tree.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using nlohmann::json;

json questionnaire() { return json::parse(codec::questionnaire_to_json(knowledge())); }
json guidance() { return json::parse(codec::guidance_to_json(knowledge())); }

std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Every string in every "sources" list below `value`, except the closing
// list of citations (a list of objects).
void collect_cited(const json& value, std::set<std::string>& cited) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      if (key == "sources" && child.is_array()) {
        for (const json& id : child) {
          if (id.is_string()) cited.insert(id.get<std::string>());
        }
      }
      collect_cited(child, cited);
    }
  } else if (value.is_array()) {
    for (const json& child : value) collect_cited(child, cited);
  }
}

// Every cited id is described in "sources", once, and nothing else is.
void expect_sources_complete(const json& document) {
  std::set<std::string> cited;
  for (const auto& [key, child] : document.items()) {
    if (key != "sources") collect_cited(child, cited);
  }
  ASSERT_TRUE(document.contains("sources"));
  std::set<std::string> listed;
  for (const json& source : document["sources"]) {
    const std::string id = source.at("id").get<std::string>();
    EXPECT_TRUE(listed.insert(id).second) << "listed twice: " << id;
    EXPECT_FALSE(source.at("citation").get<std::string>().empty()) << id;
  }
  EXPECT_EQ(cited, listed);
  EXPECT_FALSE(cited.empty());
}

const json& question_named(const json& document, const std::string& id) {
  for (const json& question : document["questions"]) {
    if (question["id"] == id) return question;
  }
  static const json kNone;
  ADD_FAILURE() << "no question " << id;
  return kNone;
}

TEST(KnowledgeJson, QuestionnaireAsksEveryIntakeFieldOnceInOrder) {
  const json document = questionnaire();
  EXPECT_EQ(document["knowledge_version"], knowledge().version);
  const json& questions = document["questions"];
  ASSERT_TRUE(questions.is_array());
  std::multiset<std::string> ids;
  for (const json& question : questions) ids.insert(question.at("id").get<std::string>());
  std::multiset<std::string> fields;
  for (int f = 0; f < core::kFieldCount; ++f) {
    fields.insert(core::field_info(static_cast<core::Field>(f)).name);
  }
  EXPECT_EQ(ids, fields);
  ASSERT_EQ(questions.size(), knowledge().questionnaire.size());
  for (std::size_t i = 0; i < questions.size(); ++i) {
    EXPECT_EQ(questions[i]["id"], core::field_info(knowledge().questionnaire[i].field).name);
  }
}

TEST(KnowledgeJson, QuestionnaireAgreesWithTheYamlSource) {
  const std::string text = read_text(source_dir() / "knowledge" / "questionnaire.yaml");
  auto parsed = knowledge::yaml::parse(text);
  ASSERT_TRUE(std::holds_alternative<knowledge::yaml::Document>(parsed));
  const auto& yaml = std::get<knowledge::yaml::Document>(parsed);
  const json document = questionnaire();
  std::size_t i = 0;
  for (const auto& node : yaml.root()["questions"]) {
    ASSERT_LT(i, document["questions"].size());
    const json& question = document["questions"][i++];
    const std::string id = node["field"].text();
    SCOPED_TRACE(id);
    EXPECT_EQ(question["id"], id);
    EXPECT_EQ(question["section"], node["section"].text());
    EXPECT_EQ(question["type"], node["type"].text());
    EXPECT_EQ(question["prompt"], node["prompt"].text());
    EXPECT_EQ(question.value("help", ""), node["help"].text());
    for (const char* limit : {"min", "max"}) {
      if (node[limit]) {
        EXPECT_EQ(question.at(limit).get<double>(), knowledge::yaml::to_double(node[limit]));
      } else {
        EXPECT_FALSE(question.contains(limit)) << limit;
      }
    }
    std::map<std::string, std::string> values;
    for (const auto& value : node["values"]) values[value["value"].text()] = value["label"].text();
    std::map<std::string, std::string> choices;
    for (const json& choice : question.value("choices", json::array())) {
      choices[choice.at("value").get<std::string>()] = choice.at("label").get<std::string>();
    }
    EXPECT_EQ(choices, values);
    std::vector<std::string> sources;
    for (const auto& source : node["source"]) sources.push_back(source.text());
    EXPECT_EQ(question["sources"].get<std::vector<std::string>>(), sources);
    if (node["per_area"]) {
      for (const char* part : {"intensity", "weeks", "localized"}) {
        EXPECT_EQ(question["pain"][part]["prompt"], node["per_area"][part]["prompt"].text());
      }
    }
  }
  EXPECT_EQ(i, document["questions"].size());
}

TEST(KnowledgeJson, ChoicesHaveValuesAndLabels) {
  const json document = questionnaire();
  for (const json& question : document["questions"]) {
    const std::string id = question["id"];
    SCOPED_TRACE(id);
    const auto field = core::field_by_name(id);
    ASSERT_TRUE(field.has_value());
    const core::Choices choices = core::field_info(*field).choices;
    EXPECT_EQ(question.contains("choices"), choices != core::Choices::none);
    if (!question.contains("choices")) continue;
    EXPECT_FALSE(question["choices"].empty());
    for (const json& choice : question["choices"]) {
      EXPECT_FALSE(choice.at("label").get<std::string>().empty());
      EXPECT_TRUE(core::choice_by_name(choices, choice.at("value").get<std::string>()))
          << choice.dump();
    }
  }
}

TEST(KnowledgeJson, PainAreasDescribeEachAreasFields) {
  const json document = questionnaire();
  for (const json& question : document["questions"]) {
    EXPECT_EQ(question.contains("pain"), question["id"] == "pain_areas") << question["id"];
  }
  const json& pain = question_named(document, "pain_areas")["pain"];
  EXPECT_EQ(pain["intensity"]["type"], "integer");
  EXPECT_EQ(pain["intensity"]["min"], 0);
  EXPECT_EQ(pain["intensity"]["max"], 10);
  EXPECT_EQ(pain["weeks"]["type"], "number");
  EXPECT_EQ(pain["localized"]["type"], "boolean");
  EXPECT_FALSE(pain["localized"].contains("min"));
  for (const char* part : {"intensity", "weeks", "localized"}) {
    EXPECT_FALSE(pain[part]["prompt"].get<std::string>().empty()) << part;
  }
}

// An app that builds answers from the questionnaire gets intakes that parse:
// ids, types, limits and choice values are those parse_intake checks.
TEST(KnowledgeJson, AnswersBuiltFromTheQuestionnaireParse) {
  const json document = questionnaire();
  json lowest = json::object();
  json highest = json::object();
  for (const json& question : document["questions"]) {
    const std::string id = question["id"];
    const std::string type = question["type"];
    json values = json::array();
    for (const json& choice : question.value("choices", json::array())) {
      values.push_back(choice["value"]);
    }
    if (type == "boolean") {
      lowest[id] = false;
      highest[id] = true;
    } else if (type == "integer" || type == "number") {
      lowest[id] = question["min"];
      highest[id] = question["max"];
      json above = json::object();
      above[id] = type == "integer" ? json(question["max"].get<std::int64_t>() + 1)
                                    : json(question["max"].get<double>() + 0.5);
      EXPECT_FALSE(codec::parse_intake(knowledge(), above.dump())) << above.dump();
    } else if (type == "choice") {
      lowest[id] = values.front();
      highest[id] = values.back();
    } else if (type == "choice_set") {
      lowest[id] = json::array();
      highest[id] = values;
    } else if (type == "text_list") {
      lowest[id] = json::array({"none"});
      highest[id] = json::array();
    } else if (type == "text") {
      lowest[id] = "";
      highest[id] = std::string(question["max_length"].get<std::size_t>(), 'x');
    } else if (type == "pain_list") {
      const json& pain = question["pain"];
      lowest[id] = json::array();
      highest[id] = json::array();
      for (const json& region : values) {
        highest[id].push_back({{"region", region},
                               {"intensity", pain["intensity"]["max"]},
                               {"weeks", pain["weeks"]["max"]},
                               {"localized", true}});
      }
    } else {
      ADD_FAILURE() << id << " has unknown type " << type;
    }
  }
  for (const json& intake : {lowest, highest}) {
    auto parsed = codec::parse_intake(knowledge(), intake.dump());
    EXPECT_TRUE(parsed) << (parsed ? "" : parsed.error().describe()) << "\n" << intake.dump();
  }
  EXPECT_TRUE(question_named(document, "surgery_weeks_ago").value("nullable", false));
  EXPECT_TRUE(codec::parse_intake(knowledge(), R"({"surgery_weeks_ago": null})"));
}

TEST(KnowledgeJson, EveryCitedSourceIsListed) {
  expect_sources_complete(questionnaire());
  expect_sources_complete(guidance());
}

TEST(KnowledgeJson, GuidanceHoldsThePublicTexts) {
  const json document = guidance();
  EXPECT_EQ(document["knowledge_version"], knowledge().version);
  ASSERT_FALSE(document["faq"].empty());
  for (const json& entry : document["faq"]) {
    EXPECT_FALSE(entry.at("question").get<std::string>().empty()) << entry["id"];
    EXPECT_FALSE(entry.at("answer").get<std::string>().empty()) << entry["id"];
  }
  EXPECT_FALSE(document["misconceptions"].empty());
  EXPECT_EQ(document["styles"].size(), 4U);
  for (const char* style : {"therapeutic", "relaxation", "mixed", "consultation"}) {
    EXPECT_FALSE(document["headlines"]["styles"][style]["text"].get<std::string>().empty());
  }
  for (const char* status : {"clear", "adjust", "consult_provider_first"}) {
    EXPECT_FALSE(document["headlines"]["safety"][status]["text"].get<std::string>().empty());
  }
  EXPECT_EQ(document["checklists"].size(), knowledge().checklists.size());
  EXPECT_EQ(document["pressure_scale"]["levels"].size(), 5U);
  std::set<std::string> ids;
  for (const char* list : {"styles", "misconceptions", "preparation", "aftercare", "when_to_call",
                           "pairings", "bring_to_clinic", "evidence", "choosing_a_therapist"}) {
    ASSERT_FALSE(document[list].empty()) << list;
    for (const json& item : document[list]) {
      EXPECT_TRUE(ids.insert(item.at("id").get<std::string>()).second) << item["id"];
      EXPECT_FALSE(item.at("text").get<std::string>().empty()) << item["id"];
      // Per-assessment templates stay out of the public guidance.
      EXPECT_EQ(item["text"].get<std::string>().find('{'), std::string::npos) << item["id"];
    }
  }
}

TEST(KnowledgeJson, CompactAndDeterministic) {
  const std::string questions = codec::questionnaire_to_json(knowledge());
  const std::string texts = codec::guidance_to_json(knowledge());
  EXPECT_EQ(questions, codec::questionnaire_to_json(knowledge()));
  EXPECT_EQ(texts, codec::guidance_to_json(knowledge()));
  EXPECT_EQ(questions.find('\n'), std::string::npos);
  EXPECT_EQ(texts.find('\n'), std::string::npos);
  // The version comes first and the citations last.
  for (const std::string& text : {questions, texts}) {
    const auto document = nlohmann::ordered_json::parse(text);
    std::vector<std::string> keys;
    for (const auto& entry : document.items()) keys.push_back(entry.key());
    ASSERT_FALSE(keys.empty());
    EXPECT_EQ(keys.front(), "knowledge_version");
    EXPECT_EQ(keys.back(), "sources");
  }
}

TEST(KnowledgeJson, TextThatIsNotUtf8IsReplaced) {
  core::KnowledgeBase broken = knowledge();
  broken.questionnaire.front().prompt = "bad \xff byte";
  broken.guidance.faq.front().answer = "cut \xe2\x82";
  std::string questions;
  std::string texts;
  ASSERT_NO_THROW(questions = codec::questionnaire_to_json(broken));
  ASSERT_NO_THROW(texts = codec::guidance_to_json(broken));
  EXPECT_EQ(json::parse(questions)["questions"][0]["prompt"], "bad \xef\xbf\xbd byte");
  EXPECT_NE(json::parse(texts)["faq"][0]["answer"].get<std::string>().find("\xef\xbf\xbd"),
            std::string::npos);
}

}  // namespace
}  // namespace mn::testing
