#include "web/view.hpp"

#include <ctemplate/template.h>

#include <mutex>
#include <stdexcept>

#include "web/assets.hpp"

namespace mn::web {

namespace {

constexpr std::string_view kTemplateDirectory = "templates/";

// ctemplate keeps its templates in one process-wide cache; they are put
// there from the embedded copies, once.
void load_templates() {
  static std::once_flag loaded;
  std::call_once(loaded, [] {
    for (const Asset& asset : embedded_assets()) {
      if (!asset.name.starts_with(kTemplateDirectory)) continue;
      const std::string name(asset.name.substr(kTemplateDirectory.size()));
      if (!ctemplate::StringToTemplateCache(name, asset.content.data(), asset.content.size(),
                                            ctemplate::DO_NOT_STRIP)) {
        throw std::logic_error("template " + name + " does not compile");
      }
    }
  });
}

ctemplate::TemplateString key(std::string_view name) { return {name.data(), name.size()}; }

}  // namespace

Values& Values::set(std::string_view name, std::string_view text) {
  dictionary_->SetValue(key(name), ctemplate::TemplateString(text.data(), text.size()));
  return *this;
}

Values& Values::set(std::string_view name, std::int64_t number) {
  return set(name, std::to_string(number));
}

Values& Values::show(std::string_view section) {
  dictionary_->ShowSection(key(section));
  return *this;
}

Values& Values::show_if(bool condition, std::string_view section) {
  if (condition) show(section);
  return *this;
}

Values Values::add(std::string_view section) {
  return Values(dictionary_->AddSectionDictionary(key(section)));
}

View::View(std::string_view template_name)
    : name_(template_name),
      dictionary_(std::make_unique<ctemplate::TemplateDictionary>(name_)),
      values_(dictionary_.get()) {
  load_templates();
}

View::~View() = default;

std::string View::render() const {
  std::string out;
  if (!ctemplate::ExpandTemplate(name_, ctemplate::DO_NOT_STRIP, dictionary_.get(), &out)) {
    throw std::logic_error("template " + name_ + " is unknown or does not expand");
  }
  return out;
}

}  // namespace mn::web
