// serve: the web pages and the HTTP API on the resolved settings.
#include <charconv>
#include <iostream>

#include "api/api.hpp"
#include "api/client_address.hpp"
#include "cli/commands.hpp"
#include "http/server.hpp"
#include "store/open_store.hpp"
#include "web/site.hpp"

namespace mn::cli {

namespace {

Result<std::uint16_t> parse_port(const std::string& text) {
  unsigned value = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || value > 65535) {
    return Error{"invalid", "port", "must be a number 0..65535, not '" + text + "'"};
  }
  return static_cast<std::uint16_t>(value);
}

Result<bool> parse_yes_no(const std::string& text, const char* where) {
  if (text == "true" || text == "yes" || text == "1") return true;
  if (text == "false" || text == "no" || text == "0") return false;
  return Error{"invalid", where, "must be true or false, not '" + text + "'"};
}

}  // namespace

int serve(Context& ctx, const ServeOptions& options) {
  const core::KnowledgeBase* knowledge = ctx.knowledge();
  if (knowledge == nullptr) return ctx.failed();
  auto port = parse_port(ctx.settings().port);
  if (!port) return ctx.fail(port.error());
  auto behind_tls = parse_yes_no(ctx.settings().behind_tls, "behind_tls");
  if (!behind_tls) return ctx.fail(behind_tls.error());
  auto trusted_proxies =
      api::parse_trusted_proxies(ctx.settings().trusted_proxies, "trusted_proxies");
  if (!trusted_proxies) return ctx.fail(trusted_proxies.error());
  if (options.workers < 1 || options.workers > 64 || options.io_threads < 1 ||
      options.io_threads > 64) {
    return ctx.fail(Error{"invalid", "--workers", "threads must be 1..64"});
  }
  auto url = store::parse_database_url(ctx.settings().database, "--database");
  if (!url) return ctx.fail(url.error());

  std::vector<std::unique_ptr<store::Store>> stores;
  for (std::size_t i = 0; i < options.workers; ++i) {
    auto opened = store::open_store(*url, ctx.clock);
    if (!opened) return ctx.fail(opened.error());
    stores.push_back(std::move(*opened));
  }
  api::ApiSettings settings;
  settings.behind_tls = *behind_tls;
  settings.trusted_proxies = std::move(*trusted_proxies);
  const store::Seconds now = ctx.clock.now();
  (void)stores.front()->accounts().end_expired_sessions(now, now - settings.session_idle);

  api::Api api(*knowledge, ctx.clock, settings, std::move(stores));
  http::ServerOptions server_options;
  server_options.bind = ctx.settings().bind;
  server_options.port = *port;
  server_options.io_threads = options.io_threads;
  server_options.worker_threads = options.workers;
  server_options.default_headers = api.security_headers();
  server_options.stop_on_signals = true;
  server_options.access_log = &ctx.err;
  web::Site site(api);
  http::Server server(server_options, site.handlers());
  auto bound = server.start();
  if (!bound) return ctx.fail(bound.error());
  ctx.out << "massage-navigator: serving http://" << server_options.bind << ":" << *bound << " ("
          << store::redact_database_url(ctx.settings().database) << ")" << std::endl;
  server.wait();
  ctx.out << "massage-navigator: stopped" << std::endl;
  return kOk;
}

}  // namespace mn::cli
