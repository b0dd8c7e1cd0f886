// The pieces every FHIR resource shares: name-based UUIDs, references,
// codings, times; and the Patient.
#include "codec/fhir_resources.hpp"

#include <cstring>
#include <nlohmann/json.hpp>

#include "codec/utc_time.hpp"

namespace mn::codec::fhir {

namespace {

using Digest = std::array<std::uint8_t, 20>;

std::uint32_t rotate_left(std::uint32_t value, unsigned bits) {
  return (value << bits) | (value >> (32U - bits));
}

// One 64-byte block of SHA-1 (FIPS 180-4, section 6.1.2).
void sha1_block(std::array<std::uint32_t, 5>& state, const std::uint8_t* block) {
  std::array<std::uint32_t, 80> words{};
  for (std::size_t i = 0; i < 16; ++i) {
    words[i] = (std::uint32_t{block[4 * i]} << 24U) | (std::uint32_t{block[4 * i + 1]} << 16U) |
               (std::uint32_t{block[4 * i + 2]} << 8U) | std::uint32_t{block[4 * i + 3]};
  }
  for (std::size_t i = 16; i < 80; ++i) {
    words[i] = rotate_left(words[i - 3] ^ words[i - 8] ^ words[i - 14] ^ words[i - 16], 1);
  }
  std::uint32_t a = state[0];
  std::uint32_t b = state[1];
  std::uint32_t c = state[2];
  std::uint32_t d = state[3];
  std::uint32_t e = state[4];
  for (std::size_t i = 0; i < 80; ++i) {
    std::uint32_t mix = 0;
    std::uint32_t constant = 0;
    if (i < 20) {
      mix = (b & c) | (~b & d);
      constant = 0x5A827999;
    } else if (i < 40) {
      mix = b ^ c ^ d;
      constant = 0x6ED9EBA1;
    } else if (i < 60) {
      mix = (b & c) | (b & d) | (c & d);
      constant = 0x8F1BBCDC;
    } else {
      mix = b ^ c ^ d;
      constant = 0xCA62C1D6;
    }
    const std::uint32_t next = rotate_left(a, 5) + mix + e + constant + words[i];
    e = d;
    d = c;
    c = rotate_left(b, 30);
    b = a;
    a = next;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
}

// SHA-1 of `space` followed by `name`: only for name-based UUIDs, where it is
// what RFC 4122 prescribes, never for security.
Digest sha1(const Uuid& space, std::string_view name) {
  std::string message(space.begin(), space.end());
  message.append(name);
  const std::uint64_t bits = std::uint64_t{message.size()} * 8U;
  message.push_back('\x80');
  while (message.size() % 64 != 56) message.push_back('\0');
  for (int shift = 56; shift >= 0; shift -= 8) {
    message.push_back(static_cast<char>((bits >> static_cast<unsigned>(shift)) & 0xFFU));
  }
  std::array<std::uint32_t, 5> state{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  std::array<std::uint8_t, 64> block{};
  for (std::size_t offset = 0; offset < message.size(); offset += 64) {
    std::memcpy(block.data(), message.data() + offset, block.size());
    sha1_block(state, block.data());
  }
  Digest digest{};
  for (std::size_t i = 0; i < 20; ++i) {
    digest[i] = static_cast<std::uint8_t>(state[i / 4] >> (24U - 8U * (i % 4)));
  }
  return digest;
}

Uuid uuid_bytes(const Uuid& space, std::string_view name) {
  const Digest digest = sha1(space, name);
  Uuid uuid{};
  std::memcpy(uuid.data(), digest.data(), uuid.size());
  uuid[6] = static_cast<std::uint8_t>((uuid[6] & 0x0FU) | 0x50U);  // version 5
  uuid[8] = static_cast<std::uint8_t>((uuid[8] & 0x3FU) | 0x80U);  // RFC 4122 variant
  return uuid;
}

std::string uuid_text(const Uuid& uuid) {
  constexpr const char* kHex = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < uuid.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
    text.push_back(kHex[uuid[i] >> 4U]);
    text.push_back(kHex[uuid[i] & 0x0FU]);
  }
  return text;
}

// RFC 4122 appendix C: the name space for URLs.
constexpr Uuid kUrlNamespace{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                             0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};

const Uuid& our_namespace() {
  static const Uuid space = uuid_bytes(kUrlNamespace, kBase);
  return space;
}

}  // namespace

std::string code_system(std::string_view name) {
  std::string url(kBase);
  url += "/CodeSystem/";
  url += name;
  return url;
}

std::string uuid_v5(const Uuid& space, std::string_view name) {
  return uuid_text(uuid_bytes(space, name));
}

std::string name_uuid(std::string_view name) { return uuid_v5(our_namespace(), name); }

void begin_entry(JsonWriter& out, std::string_view uuid, std::string_view type) {
  out.begin_object();
  std::string url = "urn:uuid:";
  url += uuid;
  out.field("fullUrl", url);
  out.key("resource");
  out.begin_object();
  out.field("resourceType", type);
  out.field("id", uuid);
}

void end_entry(JsonWriter& out) {
  out.end_object();
  out.end_object();
}

void reference(JsonWriter& out, std::string_view key, std::string_view uuid) {
  out.key(key);
  out.begin_object();
  std::string url = "urn:uuid:";
  url += uuid;
  out.field("reference", url);
  out.end_object();
}

void references(JsonWriter& out, std::string_view key, const std::vector<std::string>& uuids) {
  if (uuids.empty()) return;
  out.key(key);
  out.begin_array();
  for (const std::string& uuid : uuids) {
    out.begin_object();
    out.field("reference", "urn:uuid:" + uuid);
    out.end_object();
  }
  out.end_array();
}

void coding(JsonWriter& out, std::string_view system, std::string_view code,
            std::string_view display) {
  out.begin_object();
  out.field("system", system);
  out.field("code", code);
  if (!display.empty()) out.field("display", display);
  out.end_object();
}

void codeable_concept(JsonWriter& out, std::string_view key, std::string_view system,
                      std::string_view code, std::string_view display, std::string_view text) {
  out.key(key);
  out.begin_object();
  out.key("coding");
  out.begin_array();
  coding(out, system, code, display);
  out.end_array();
  if (!text.empty()) out.field("text", text);
  out.end_object();
}

void text_concept(JsonWriter& out, std::string_view key, std::string_view text) {
  out.key(key);
  out.begin_object();
  out.field("text", text);
  out.end_object();
}

void date_time(JsonWriter& out, std::string_view key, std::int64_t seconds) {
  out.field(key, format_utc(seconds));
}

void notes(JsonWriter& out, const std::vector<std::string>& texts) {
  if (texts.empty()) return;
  out.key("note");
  out.begin_array();
  for (const std::string& text : texts) {
    out.begin_object();
    out.field("text", text);
    out.end_object();
  }
  out.end_array();
}

const std::string& text_of(const nlohmann::json& object, const char* key) {
  return object.at(key).get_ref<const std::string&>();
}

const nlohmann::json* member_of(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return nullptr;
  return &*found;
}

std::string optional_text(const nlohmann::json& object, const char* key) {
  const nlohmann::json* found = member_of(object, key);
  return found == nullptr ? std::string() : found->get<std::string>();
}

std::string_view value_label(const core::Question& question, std::optional<unsigned> index,
                             std::string_view fallback) {
  if (!index || *index >= question.value_labels.size()) return fallback;
  const std::string& label = question.value_labels[*index];
  return label.empty() ? fallback : label;
}

std::string questionnaire_url() { return std::string(kBase) + "/Questionnaire/intake"; }

std::string group_link(const core::QuestionSection& section) { return "section-" + section.id; }

bool repeats(core::FieldType type) {
  return type == core::FieldType::choice_set || type == core::FieldType::text_list ||
         type == core::FieldType::pain_list;
}

std::string choices_system(core::Choices choices) {
  switch (choices) {
    case core::Choices::goal:
      return code_system("goal");
    case core::Choices::region:
      return code_system("body-region");
    case core::Choices::posture:
      return code_system("posture-finding");
    case core::Choices::repetitive_strain:
      return code_system("repetitive-strain");
    case core::Choices::pressure:
      return code_system("pressure-preference");
    case core::Choices::none:
      break;
  }
  return code_system("choice");
}

std::string_view choice_label(const core::Question& question, core::Choices choices,
                              std::string_view code) {
  return value_label(question, core::choice_by_name(choices, code), "");
}

std::string style_title(const core::KnowledgeBase& knowledge, std::string_view style) {
  const std::string id = "style_" + std::string(style);
  for (const core::TextItem& item : knowledge.guidance.styles) {
    if (item.id == id && !item.title.empty()) return item.title;
  }
  return std::string(style);
}

void write_patient(JsonWriter& out, const Context& context) {
  const store::Patient& patient = context.file.patient;
  begin_entry(out, context.patient, "Patient");
  out.key("identifier");
  out.begin_array();
  out.begin_object();
  out.field("system", std::string(kBase) + "/sid/patient-number");
  out.field("value", std::to_string(patient.id));
  out.end_object();
  out.end_array();
  // Only what the store holds: the name the person gave, as one text.
  out.key("name");
  out.begin_array();
  out.begin_object();
  out.field("text", patient.display_name);
  out.end_object();
  out.end_array();
  end_entry(out);
}

}  // namespace mn::codec::fhir
