#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mn::knowledge::yaml {

// A read-only YAML tree, parsed by libyaml (the reference C parser). Only
// what the knowledge base needs: mappings (ordered, duplicate keys kept for
// the schema check to report), lists, scalars and nulls, each with the line
// and column it starts at. Aliases (no alias bombs), more than one document,
// mapping keys that are lists or mappings and nesting deeper than kMaxDepth
// are parse errors.

// A 0-based position in the text; null for nodes that are not there.
struct Mark {
  int line = -1;
  int column = -1;

  bool is_null() const { return line < 0; }
  static Mark null_mark() { return {}; }
};

enum class Kind : std::uint8_t { null, scalar, sequence, map };

namespace detail {

struct NodeData {
  std::string text;         // scalars only
  std::uint32_t first = 0;  // children: index of the first in Arena::children
  std::uint32_t count = 0;  // children: a mapping has two (key, value) per entry
  int line = -1;
  int column = -1;
  Kind kind = Kind::null;
  bool quoted = false;  // a non-plain scalar ('...', "...", | or >): always a string
};

struct Arena {
  std::vector<NodeData> nodes;
  std::vector<std::uint32_t> children;  // node indices, each container's contiguous
};

}  // namespace detail

class IteratorValue;
class Iterator;

// A handle to one node of a Document, or to nothing (an absent key, an index
// out of range): then it is false, every query answers "not that kind", its
// text is empty and its mark is null. Valid while its Document lives.
class Node {
 public:
  Node() = default;

  explicit operator bool() const { return arena_ != nullptr; }
  Kind kind() const { return arena_ ? data().kind : Kind::null; }
  bool is_map() const { return arena_ && data().kind == Kind::map; }
  bool is_sequence() const { return arena_ && data().kind == Kind::sequence; }
  bool is_scalar() const { return arena_ && data().kind == Kind::scalar; }
  bool is_null() const { return arena_ && data().kind == Kind::null; }
  // The text of a scalar; empty for anything else.
  const std::string& text() const;
  // A quoted or block scalar: YAML reads it as a string, never a number.
  bool quoted() const { return arena_ && data().quoted; }
  yaml::Mark mark() const;
  // Entries of a mapping, items of a list; 0 for anything else.
  std::size_t size() const;

  // The value of the first entry whose key is the scalar `key`; nothing if
  // there is none or this is not a mapping.
  Node operator[](std::string_view key) const;
  // The item at `index` of a list; nothing if out of range or not a list.
  Node operator[](std::size_t index) const;

  // Over a mapping: values with .first (key) and .second (value). Over a
  // list: the items. Empty for anything else.
  Iterator begin() const;
  Iterator end() const;

 private:
  friend class Document;
  friend class Iterator;
  Node(const detail::Arena* arena, std::uint32_t index) : arena_(arena), index_(index) {}
  const detail::NodeData& data() const { return arena_->nodes[index_]; }

  const detail::Arena* arena_ = nullptr;
  std::uint32_t index_ = 0;
};

// What iterating a Node yields, as yaml-cpp's iterator: the item itself
// (a list), or .first and .second (a mapping).
class IteratorValue : public Node {
 public:
  IteratorValue() = default;
  IteratorValue(Node item, Node key, Node value) : Node(item), first(key), second(value) {}
  Node first;
  Node second;
};

class Iterator {
 public:
  using value_type = IteratorValue;
  using difference_type = std::ptrdiff_t;
  using reference = const IteratorValue&;
  using pointer = const IteratorValue*;
  using iterator_category = std::input_iterator_tag;

  Iterator() = default;
  reference operator*() const { return value_; }
  pointer operator->() const { return &value_; }
  Iterator& operator++() {
    position_ += step_;
    load();
    return *this;
  }
  bool operator==(const Iterator& other) const { return position_ == other.position_; }
  bool operator!=(const Iterator& other) const { return position_ != other.position_; }

 private:
  friend class Node;
  Iterator(const detail::Arena* arena, std::uint32_t position, std::uint32_t end, bool map)
      : arena_(arena), position_(position), end_(end), step_(map ? 2 : 1) {
    load();
  }
  void load();

  const detail::Arena* arena_ = nullptr;
  std::uint32_t position_ = 0;  // in Arena::children
  std::uint32_t end_ = 0;
  std::uint32_t step_ = 1;
  IteratorValue value_;
};

// One parsed YAML document. Movable; its nodes do not move with it, so
// handles stay valid.
class Document {
 public:
  Document();
  Node root() const { return Node(arena_.get(), root_); }

 private:
  friend class Builder;
  std::unique_ptr<detail::Arena> arena_;
  std::uint32_t root_ = 0;
};

struct ParseError {
  Mark mark;  // null when the parser could not tell where
  std::string message;
};

inline constexpr int kMaxDepth = 64;

// Parses exactly one YAML document (an empty text gives a null root with a
// null mark). Never throws on bad input.
std::variant<Document, ParseError> parse(std::string_view text);

// Conversions of values the schema has already checked. They never throw:
// what does not convert gives std::nullopt, or 0 / false.
//
// A number is an unquoted decimal scalar as YAML reads it (1, -2, 0.5, 1e3,
// +3.) and finite: not hexadecimal, not .inf or .nan, not true.
std::optional<double> number(const Node& node);
double to_double(const Node& node);
// The number if it is a whole one that fits, else 0.
int to_int(const Node& node);
std::size_t to_size(const Node& node);
// True for the scalar `true` only (the schema allows true and false).
bool to_bool(const Node& node);

}  // namespace mn::knowledge::yaml
