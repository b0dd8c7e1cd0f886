#include "knowledge/yaml_tree.hpp"

#include <yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <system_error>

namespace mn::knowledge::yaml {

namespace {

using detail::Arena;
using detail::NodeData;

int to_int_clamped(std::size_t value) {
  return value > static_cast<std::size_t>(std::numeric_limits<int>::max())
             ? std::numeric_limits<int>::max()
             : static_cast<int>(value);
}

Mark mark_of(const yaml_mark_t& mark) {
  return {to_int_clamped(mark.line), to_int_clamped(mark.column)};
}

std::string position(const yaml_mark_t& mark) {
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

// YAML's null: an unquoted, untagged ~, null, Null, NULL or nothing at all.
bool is_null_text(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

// Frees an event however the loop that got it is left.
class EventGuard {
 public:
  explicit EventGuard(yaml_event_t& event) : event_(event) {}
  EventGuard(const EventGuard&) = delete;
  EventGuard& operator=(const EventGuard&) = delete;
  ~EventGuard() { yaml_event_delete(&event_); }

 private:
  yaml_event_t& event_;
};

}  // namespace

// Turns libyaml's events into an Arena: each open container collects its
// children's indices on `scratch_` and moves them to Arena::children, all
// together, when it closes.
class Builder {
 public:
  explicit Builder(std::string_view text) : text_(text) {}
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;
  ~Builder() {
    if (initialized_) yaml_parser_delete(&parser_);
  }

  std::variant<Document, ParseError> run() {
    if (text_.size() > std::numeric_limits<std::uint32_t>::max() / 2) {
      return ParseError{{}, "the file is too large"};
    }
    if (!yaml_parser_initialize(&parser_)) return ParseError{{}, "out of memory"};
    initialized_ = true;
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text_.data()),
                                 text_.size());
    arena_ = document_.arena_.get();
    for (;;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser_, &event)) return parser_error();
      const EventGuard guard(event);
      if (event.type == YAML_STREAM_END_EVENT) break;
      if (auto error = handle(event)) return std::move(*error);
    }
    return std::move(document_);
  }

 private:
  struct Open {
    std::uint32_t node;
    std::size_t scratch_start;
  };

  std::optional<ParseError> handle(const yaml_event_t& event) {
    switch (event.type) {
      case YAML_DOCUMENT_START_EVENT:
        if (++documents_ > 1) {
          return ParseError{mark_of(event.start_mark), "only one YAML document per file"};
        }
        return std::nullopt;
      case YAML_ALIAS_EVENT:
        return ParseError{mark_of(event.start_mark),
                          "aliases (*name) are not supported in the knowledge base"};
      case YAML_SCALAR_EVENT: {
        const auto& scalar = event.data.scalar;
        std::string_view text(reinterpret_cast<const char*>(scalar.value), scalar.length);
        const bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
        const bool bare_tag = scalar.tag != nullptr && scalar.tag[0] == '!' && scalar.tag[1] == 0;
        NodeData data;
        data.kind =
            plain && scalar.tag == nullptr && is_null_text(text) ? Kind::null : Kind::scalar;
        if (data.kind == Kind::scalar) data.text.assign(text);
        data.quoted = !plain || bare_tag;
        return add(std::move(data), event.start_mark);
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        if (open_.size() >= static_cast<std::size_t>(kMaxDepth)) {
          return ParseError{mark_of(event.start_mark),
                            "nested deeper than " + std::to_string(kMaxDepth) + " levels"};
        }
        NodeData data;
        data.kind = event.type == YAML_MAPPING_START_EVENT ? Kind::map : Kind::sequence;
        if (auto error = add(std::move(data), event.start_mark)) return error;
        open_.push_back({static_cast<std::uint32_t>(arena_->nodes.size() - 1), scratch_.size()});
        return std::nullopt;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        const Open open = open_.back();
        open_.pop_back();
        NodeData& data = arena_->nodes[open.node];
        data.first = static_cast<std::uint32_t>(arena_->children.size());
        data.count = static_cast<std::uint32_t>(scratch_.size() - open.scratch_start);
        arena_->children.insert(arena_->children.end(),
                                scratch_.begin() + static_cast<std::ptrdiff_t>(open.scratch_start),
                                scratch_.end());
        scratch_.resize(open.scratch_start);
        return std::nullopt;
      }
      default:  // stream start, document end: nothing to keep
        return std::nullopt;
    }
  }

  // Adds a node and makes it the root or the next child of the open container.
  std::optional<ParseError> add(NodeData data, const yaml_mark_t& mark) {
    const Mark where = mark_of(mark);
    if (!open_.empty()) {
      const Open& parent = open_.back();
      const bool is_key = arena_->nodes[parent.node].kind == Kind::map &&
                          (scratch_.size() - parent.scratch_start) % 2 == 0;
      if (is_key && (data.kind == Kind::map || data.kind == Kind::sequence)) {
        return ParseError{where, "a mapping key must be a single value, not a " +
                                     std::string(data.kind == Kind::map ? "mapping" : "list")};
      }
    }
    data.line = where.line;
    data.column = where.column;
    const auto index = static_cast<std::uint32_t>(arena_->nodes.size());
    arena_->nodes.push_back(std::move(data));
    if (open_.empty()) {
      document_.root_ = index;
    } else {
      scratch_.push_back(index);
    }
    return std::nullopt;
  }

  ParseError parser_error() const {
    if (parser_.error == YAML_MEMORY_ERROR) return ParseError{{}, "out of memory"};
    std::string message = parser_.problem != nullptr ? parser_.problem : "invalid YAML";
    if (parser_.error == YAML_READER_ERROR) {
      // The reader knows the byte offset only.
      if (parser_.problem_value != -1) {
        char value[16];
        std::snprintf(value, sizeof value, " (#x%X)", static_cast<unsigned>(parser_.problem_value));
        message += value;
      }
      const std::size_t offset = std::min(parser_.problem_offset, text_.size());
      const std::string_view before = text_.substr(0, offset);
      const std::size_t line_start = before.rfind('\n');
      Mark where;
      where.line =
          to_int_clamped(static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')));
      where.column =
          to_int_clamped(line_start == std::string_view::npos ? offset : offset - line_start - 1);
      return ParseError{where, message};
    }
    if (parser_.context != nullptr) {
      message +=
          std::string(" (") + parser_.context + " at " + position(parser_.context_mark) + ")";
    }
    return ParseError{mark_of(parser_.problem_mark), message};
  }

  std::string_view text_;
  yaml_parser_t parser_{};
  bool initialized_ = false;
  Document document_;
  Arena* arena_ = nullptr;
  std::vector<Open> open_;
  std::vector<std::uint32_t> scratch_;
  int documents_ = 0;
};

Document::Document() : arena_(std::make_unique<Arena>()) {
  // The root of an empty text: null, and not anywhere in it.
  arena_->nodes.emplace_back();
}

std::variant<Document, ParseError> parse(std::string_view text) { return Builder(text).run(); }

const std::string& Node::text() const {
  static const std::string kEmpty;
  return arena_ && data().kind == Kind::scalar ? data().text : kEmpty;
}

yaml::Mark Node::mark() const {
  if (!arena_) return Mark::null_mark();
  return {data().line, data().column};
}

std::size_t Node::size() const {
  if (!arena_) return 0;
  const NodeData& node = data();
  if (node.kind == Kind::map) return node.count / 2;
  if (node.kind == Kind::sequence) return node.count;
  return 0;
}

Node Node::operator[](std::string_view key) const {
  if (!arena_ || data().kind != Kind::map) return {};
  const NodeData& node = data();
  const std::uint32_t* child = arena_->children.data() + node.first;
  for (std::uint32_t i = 0; i < node.count; i += 2) {
    const NodeData& candidate = arena_->nodes[child[i]];
    if (candidate.kind == Kind::scalar && candidate.text == key) return {arena_, child[i + 1]};
  }
  return {};
}

Node Node::operator[](std::size_t index) const {
  if (!arena_ || data().kind != Kind::sequence || index >= data().count) return {};
  return {arena_, arena_->children[data().first + index]};
}

Iterator Node::begin() const {
  if (!arena_ || (data().kind != Kind::map && data().kind != Kind::sequence)) return {};
  const NodeData& node = data();
  return {arena_, node.first, node.first + node.count, node.kind == Kind::map};
}

Iterator Node::end() const {
  if (!arena_ || (data().kind != Kind::map && data().kind != Kind::sequence)) return {};
  const NodeData& node = data();
  const std::uint32_t end = node.first + node.count;
  return {arena_, end, end, node.kind == Kind::map};
}

void Iterator::load() {
  if (position_ >= end_) return;
  const std::uint32_t* child = arena_->children.data() + position_;
  if (step_ == 2) {
    value_ = IteratorValue(Node(), Node(arena_, child[0]), Node(arena_, child[1]));
  } else {
    value_ = IteratorValue(Node(arena_, child[0]), Node(), Node());
  }
}

std::optional<double> number(const Node& node) {
  if (!node.is_scalar() || node.quoted()) return std::nullopt;  // quoted: a string
  std::string_view text = node.text();
  // from_chars takes no '+'; YAML does.
  if (text.size() > 1 && text[0] == '+' && text[1] != '-' && text[1] != '+') text.remove_prefix(1);
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

double to_double(const Node& node) { return number(node).value_or(0); }

int to_int(const Node& node) {
  const auto value = number(node);
  if (!value || *value != std::floor(*value) || *value < std::numeric_limits<int>::min() ||
      *value > std::numeric_limits<int>::max()) {
    return 0;
  }
  return static_cast<int>(*value);
}

std::size_t to_size(const Node& node) {
  const auto value = number(node);
  if (!value || *value != std::floor(*value) || *value < 0 || *value > 9007199254740992.0) {
    return 0;
  }
  return static_cast<std::size_t>(*value);
}

bool to_bool(const Node& node) { return node.is_scalar() && node.text() == "true"; }

}  // namespace mn::knowledge::yaml
