#include "cli/context.hpp"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <ostream>

#include "knowledge/loader.hpp"
#include "store/open_store.hpp"

namespace mn::cli {

namespace {

store::Actor local_operator() {
  std::string login = "unknown";
  passwd entry{};
  passwd* found = nullptr;
  std::array<char, 1024> buffer{};
  if (getpwuid_r(getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr) {
    login = found->pw_name;
  }
  return store::Actor{"cli:" + login};
}

}  // namespace

Context::Context(Settings settings, std::istream& in_stream, std::ostream& out_stream,
                 std::ostream& err_stream, const store::Clock& store_clock)
    : in(in_stream),
      out(out_stream),
      err(err_stream),
      clock(store_clock),
      settings_(std::move(settings)),
      actor_(local_operator()) {}

const core::KnowledgeBase* Context::knowledge() {
  if (knowledge_) return &*knowledge_;
  auto loaded = knowledge::load_directory(settings_.knowledge_dir);
  if (auto* errors = std::get_if<knowledge::LoadErrors>(&loaded)) {
    err << errors->describe();
    return nullptr;
  }
  knowledge_ = std::move(std::get<core::KnowledgeBase>(loaded));
  return &*knowledge_;
}

store::Store* Context::store() {
  if (store_) return store_.get();
  auto url = store::parse_database_url(settings_.database, "--database");
  if (!url) {
    fail(url.error());
    return nullptr;
  }
  if (url->kind == store::DatabaseUrl::Kind::sqlite) {
    // The default lives under ~/.local/share, which may not exist yet.
    const auto parent = std::filesystem::path(url->target).parent_path();
    std::error_code ignored;
    if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  }
  auto opened = store::open_store(*url, clock);
  if (!opened) {
    fail(opened.error());
    return nullptr;
  }
  store_ = std::move(*opened);
  return store_.get();
}

int Context::fail(const Error& error) {
  err << "error: " << error.describe() << "\n";
  const bool refused_input = error.code == "invalid" || error.code == "not_found" ||
                             error.code == "duplicate" || error.code == "schema_too_new";
  failed_ = refused_input ? kBadInput : kInternalError;
  return failed_;
}

core::Date local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return core::Date{std::chrono::year{local.tm_year + 1900} / (local.tm_mon + 1) / local.tm_mday};
}

}  // namespace mn::cli
