#include "web/page.hpp"

#include <cstdint>
#include <cstdio>

#include "store/time_zone.hpp"
#include "web/assets.hpp"

namespace mn::web {

namespace {

http::Response html(int status, std::string body) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  response.set("Content-Type", "text/html; charset=utf-8");
  // Pages show health data: never kept by a browser's or a proxy's cache.
  response.set("Cache-Control", "no-store");
  return response;
}

std::string content_hash(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a: a cache key, not security
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return {hex, 12};
}

}  // namespace

const std::string& stylesheet_path() {
  static const std::string path = [] {
    for (const Asset& asset : embedded_assets()) {
      if (asset.name == "static/site.css") {
        return "/static/site-" + content_hash(asset.content) + ".css";
      }
    }
    return std::string("/static/site.css");
  }();
  return path;
}

Page::Page(const Visit& visit, std::string_view template_name, std::string title)
    : visit_(visit), view_(template_name), title_(std::move(title)) {
  if (visit.signed_in()) values().set("CSRF", visit.csrf_token());
}

http::Response Page::respond(int status) const {
  View layout("layout.html");
  Values& values = layout.values();
  values.set("TITLE", title_).set("STYLESHEET", stylesheet_path()).set("BODY", view_.render());
  if (visit_.signed_in()) {
    const store::Account& account = visit_.call.account();
    Values signed_in = values.add("SIGNED_IN");
    signed_in.set("NAME", account.display_name).set("CSRF", visit_.csrf_token());
    signed_in.show_if(account.roles.has(store::Role::patient), "PATIENT");
    signed_in.show_if(account.roles.has(store::Role::clinician), "CLINICIAN");
    signed_in.show_if(account.roles.has(store::Role::therapist), "THERAPIST");
  } else {
    values.show("SIGNED_OUT");
  }
  return html(status, layout.render());
}

void show_input_errors(const std::vector<InputError>& errors, Values& values) {
  if (errors.empty()) return;
  Values list = values.add("HAS_ERRORS");
  for (const InputError& error : errors) {
    list.add("ERROR_LIST")
        .set("ID", error.input)
        .set("LABEL", error.label)
        .set("MESSAGE", error.message);
  }
}

http::Response redirect(std::string_view location) {
  http::Response response;
  response.status = 303;
  response.set("Location", std::string(location));
  response.set("Cache-Control", "no-store");
  return response;
}

http::Response error_page(const Visit& visit, int status, std::string_view message) {
  Page page(visit, "error.html", status == 404 ? "Not found" : "Something is wrong");
  page.values().set("MESSAGE", message);
  return page.respond(status);
}

bool is_server_failure(const Error& error) {
  return error.code == "database" || error.code == "commit_unknown" ||
         error.code == "schema_too_new" || error.code == "busy";
}

http::Response sign_in_first(std::string_view then) {
  return redirect("/signin?then=" + form_encode(then));
}

std::string query_parameter(const http::Request& request, std::string_view name) {
  auto form = parse_form(request.query);
  return form ? std::string(form->get(name)) : std::string();
}

std::string show_date(std::int64_t utc_seconds, const std::string& time_zone) {
  return core::format_date(store::local_date(utc_seconds, time_zone));
}

std::string show_time(std::int64_t utc_seconds, const std::string& time_zone) {
  return store::format_local(utc_seconds, time_zone);
}

}  // namespace mn::web
