#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ctemplate {
class TemplateDictionary;
}

namespace mn::web {

// The values one template shows. Templates escape every value for the place
// it lands in (HTML text, attribute, URL: ctemplate's auto-escaping, see
// src/web/templates/README.md); only a {{NAME:none}} in a template takes a
// value as it is, and those are given HTML this program drew itself.
class Values {
 public:
  Values& set(std::string_view name, std::string_view text);
  Values& set(std::string_view name, std::int64_t number);
  // Shows a {{#SECTION}} once (hidden unless shown or added).
  Values& show(std::string_view section);
  Values& show_if(bool condition, std::string_view section);
  // A new repetition of {{#SECTION}}, with its own values.
  Values add(std::string_view section);

 private:
  friend class View;
  explicit Values(ctemplate::TemplateDictionary* dictionary) : dictionary_(dictionary) {}
  ctemplate::TemplateDictionary* dictionary_;
};

// One template and its values, rendered to a string.
class View {
 public:
  explicit View(std::string_view template_name);
  ~View();
  View(const View&) = delete;
  View& operator=(const View&) = delete;

  Values& values() { return values_; }
  // Every template of src/web/templates is loaded once per process before
  // the first render; an unknown name or a template error is a bug (throws).
  std::string render() const;

 private:
  std::string name_;
  std::unique_ptr<ctemplate::TemplateDictionary> dictionary_;
  Values values_;
};

}  // namespace mn::web
