#include "codec/strict_json.hpp"

#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace mn::codec::strict_json {

namespace {

// Member names and texts quoted in paths and messages are the client's: a long
// one is cut so that an error never repeats a megabyte back.
constexpr std::size_t kMaxQuoted = 64;
constexpr std::size_t kMaxReason = 200;

std::string shortened(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) --end;
  return std::string(text.substr(0, end)) + "...";
}

Error invalid_json(std::size_t byte, const std::string& reason) {
  return Error{"invalid_json", "body",
               "not valid JSON at byte " + std::to_string(byte) + ": " + reason};
}

struct Problem {
  std::size_t byte = 0;  // 1-based, as the parser counts
  std::string reason;
};

// What the parser would not see or would see too late, found in one pass
// without parsing: a bracket nested deeper than `max_depth`, and a NUL byte
// (which the parser takes for the end of the input, ignoring what follows).
// Only brackets outside strings count; in text that is not JSON the count
// may be off, but the parser refuses such text anyway.
std::optional<Problem> scan(std::string_view body, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '\0') return Problem{i + 1, "a NUL byte"};
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        return Problem{i + 1, "nested deeper than " + std::to_string(max_depth) + " levels"};
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

// The parser's reason without the token it last read (which may be long and
// is the client's own text): "syntax error while parsing array - unexpected
// end of input; expected ']'".
std::string parser_reason(const nlohmann::detail::exception& error) {
  constexpr int kNumberOverflow = 406;
  if (error.id == kNumberOverflow) return "a number is too large";
  std::string what = error.what();
  const auto column = what.find("column ");
  const auto start = what.find(": ", column == std::string::npos ? 0 : column);
  if (start != std::string::npos) what.erase(0, start + 2);
  const std::string last_read = "; last read: '";
  const auto token = what.find(last_read);
  if (token != std::string::npos) {
    const std::string expected = "'; expected ";
    const auto expectation = what.rfind(expected);
    std::string tail;
    if (expectation != std::string::npos && expectation > token) {
      tail = what.substr(expectation + 1);
    }
    what = what.substr(0, token) + tail;
  }
  return shortened(what, kMaxReason);
}

// Builds the document from the parser's events, refusing a member named
// twice in one object. The open containers are kept on an explicit stack:
// a pointer stays valid because a container only grows after the child
// being built in it is closed.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(json& root) : root_(root) {}

  // Each event handler returns whether parsing goes on.
  bool null() { return add(json(nullptr)); }
  bool boolean(bool value) { return add(json(value)); }
  bool number_integer(json::number_integer_t value) { return add(json(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return add(json(value)); }
  bool number_float(json::number_float_t value, const json::string_t& /*text*/) {
    return add(json(value));
  }
  bool string(json::string_t& value) { return add(json(std::move(value))); }
  // Binary values exist only in binary formats, never in JSON text.
  static bool binary(json::binary_t& /*value*/) { return false; }

  bool start_object(std::size_t /*elements*/) { return open(json::object()); }
  bool start_array(std::size_t /*elements*/) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& name) {
    Open& object = open_.back();
    if (!object.names.insert(name).second) {
      error_ = Error{"invalid", path_of(name), "is named twice in the same object"};
      return false;
    }
    object.name = std::move(name);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) {
    error_ = invalid_json(position, parser_reason(error));
    return false;
  }

  const std::optional<Error>& error() const { return error_; }

 private:
  struct Open {
    json* value = nullptr;
    std::set<std::string> names;  // of an object's members so far
    std::string name;             // of the object member being read
  };

  // Places `value` in the innermost open container (or as the root).
  json& place(json value) {
    if (open_.empty()) return root_ = std::move(value);
    Open& parent = open_.back();
    if (parent.value->is_array()) {
      parent.value->push_back(std::move(value));
      return parent.value->back();
    }
    return (*parent.value)[parent.name] = std::move(value);
  }

  bool add(json value) {
    place(std::move(value));
    return true;
  }

  bool open(json container) {
    open_.push_back(Open{&place(std::move(container)), {}, {}});
    return true;
  }

  bool close() {
    open_.pop_back();
    return true;
  }

  // The path of member `name` of the innermost open object.
  std::string path_of(const std::string& name) const {
    std::string path;
    for (std::size_t i = 0; i + 1 < open_.size(); ++i) {
      const Open& level = open_[i];
      path = level.value->is_array() ? element_path(path, level.value->size() - 1)
                                     : member_path(path, level.name);
    }
    return member_path(path, name);
  }

  json& root_;
  std::vector<Open> open_;
  std::optional<Error> error_;
};

}  // namespace

Result<json> parse(std::string_view body, std::size_t max_bytes, int max_depth) {
  if (body.size() > max_bytes) {
    return Error{"too_large", "body",
                 "is " + std::to_string(body.size()) + " bytes; at most " +
                     std::to_string(max_bytes) + " are read"};
  }
  if (const auto problem = scan(body, max_depth)) {
    return invalid_json(problem->byte, problem->reason);
  }
  json document;
  DocumentBuilder builder(document);
  const bool parsed = json::sax_parse(body.begin(), body.end(), &builder);
  if (builder.error()) return *builder.error();
  // Not reached: every handler that stops the parser records why.
  if (!parsed) return invalid_json(0, "unreadable");
  return document;
}

std::string member_path(const std::string& path, std::string_view name) {
  std::string member = shortened(name, kMaxQuoted);
  return path.empty() ? member : path + "." + member;
}

std::string element_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

std::string in_quotes(std::string_view text) { return "'" + shortened(text, kMaxQuoted) + "'"; }

std::string describe_type(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case json::value_t::string:
      return "a string";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "an integer";
    case json::value_t::number_float:
      return "a decimal number";
    case json::value_t::array:
      return "a list";
    case json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

}  // namespace mn::codec::strict_json
