// The acceptor, the I/O threads and the worker pool of a Server, and its
// graceful stop; the connections are in session.cpp. With session.cpp the
// only files that see Boost.
#include "http/server.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/session.hpp"

// After the standard headers: Boost 1.74 with GCC 12 needs <utility> first.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

namespace mn::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr std::chrono::milliseconds kAcceptRetry{50};

// Everything the connections share. Lives as long as the Server; each
// connection registers here so that stop() can reach it.
class ServerCore : public SessionHost {
 public:
  ServerCore(ServerOptions options, Handlers handlers)
      : options_(std::move(options)),
        handlers_(std::move(handlers)),
        access_log_(options_.access_log),
        workers_(options_.worker_threads),
        io_thread_count_(std::max<std::size_t>(options_.io_threads, 1)),
        io_(static_cast<int>(io_thread_count_)),
        acceptor_(asio::make_strand(io_)),
        accept_retry_(acceptor_.get_executor()),
        drain_timer_(acceptor_.get_executor()) {}

  ~ServerCore() = default;
  ServerCore(const ServerCore&) = delete;
  ServerCore& operator=(const ServerCore&) = delete;

  Result<std::uint16_t> start();
  void stop();  // thread-safe
  void wait();

  bool draining() const override { return draining_.load(); }
  const ServerOptions& options() const override { return options_; }
  const Handlers& handlers() const override { return handlers_; }
  WorkerPool& workers() override { return workers_; }
  AccessLog& access_log() override { return access_log_; }
  void remove_session(Session* session) override;

 private:
  void accept();
  void begin_drain();
  void finish();  // thread-safe
  void run_io();

  const ServerOptions options_;
  const Handlers handlers_;
  AccessLog access_log_;
  WorkerPool workers_;
  std::atomic<bool> draining_{false};
  std::atomic<bool> finished_{false};
  std::mutex sessions_mutex_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
  bool drain_started_ = false;  // guarded by sessions_mutex_
  std::mutex wait_mutex_;
  std::size_t io_thread_count_;
  // After everything a Session touches: destroying the io_context destroys
  // the sessions its queue still holds.
  asio::io_context io_;
  tcp::acceptor acceptor_;  // on a strand, with the two timers and begin_drain
  asio::steady_timer accept_retry_;
  asio::steady_timer drain_timer_;
  std::optional<asio::signal_set> signals_;
  std::vector<std::thread> io_threads_;
};

Result<std::uint16_t> ServerCore::start() {
  const std::string where = options_.bind + ":" + std::to_string(options_.port);
  error_code error;
  const auto address = asio::ip::make_address(options_.bind, error);
  if (error) return Error{"bind", where, "not an IP address"};
  const tcp::endpoint endpoint(address, options_.port);
  acceptor_.open(endpoint.protocol(), error);
  if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    error_code ignored;
    acceptor_.close(ignored);
    return Error{"bind", where, error.message()};
  }
  const std::uint16_t port = acceptor_.local_endpoint().port();
  if (options_.stop_on_signals) {
    signals_.emplace(io_, SIGINT, SIGTERM);
    signals_->async_wait([this](const error_code& failed, int) {
      if (!failed) stop();
    });
  }
  accept();
  workers_.start();
  for (std::size_t i = 0; i < io_thread_count_; ++i) io_threads_.emplace_back([this] { run_io(); });
  return port;
}

void ServerCore::accept() {
  // One strand per connection when several threads run the io_context.
  asio::any_io_executor executor =
      io_thread_count_ > 1 ? asio::any_io_executor(asio::make_strand(io_)) : io_.get_executor();
  acceptor_.async_accept(executor, [this](const error_code& error, tcp::socket socket) {
    if (!acceptor_.is_open()) return;  // draining
    if (error && error != asio::error::connection_aborted) {
      // Out of descriptors, say: retrying at once would spin.
      accept_retry_.expires_after(kAcceptRetry);
      accept_retry_.async_wait([this](const error_code& failed) {
        if (!failed && acceptor_.is_open()) accept();
      });
      return;
    }
    if (!error) {
      error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      std::shared_ptr<Session> session = make_session(*this, std::move(socket));
      {
        const std::lock_guard lock(sessions_mutex_);
        sessions_.emplace(session.get(), session);
      }
      // Registered before it starts: begin_drain (on this strand) sees it,
      // and a session cannot end before it is registered.
      start_session(session);
    }
    accept();
  });
}

void ServerCore::stop() {
  if (draining_.exchange(true)) return;
  asio::post(acceptor_.get_executor(), [this] { begin_drain(); });
}

void ServerCore::begin_drain() {
  error_code ignored;
  acceptor_.close(ignored);
  accept_retry_.cancel();
  drain_timer_.expires_after(options_.drain_timeout);
  drain_timer_.async_wait([this](const error_code& error) {
    if (!error) finish();
  });
  std::vector<std::shared_ptr<Session>> open;
  bool none = false;
  {
    const std::lock_guard lock(sessions_mutex_);
    drain_started_ = true;
    none = sessions_.empty();
    for (const auto& entry : sessions_) {
      if (auto session = entry.second.lock()) open.push_back(std::move(session));
    }
  }
  for (const auto& session : open) drain_session(session);
  if (none) finish();
}

void ServerCore::remove_session(Session* session) {
  bool last_while_draining = false;
  {
    const std::lock_guard lock(sessions_mutex_);
    sessions_.erase(session);
    last_while_draining = drain_started_ && sessions_.empty();
  }
  if (last_while_draining) finish();
}

void ServerCore::finish() {
  if (finished_.exchange(true)) return;
  workers_.stop();
  io_.stop();
}

void ServerCore::wait() {
  const std::lock_guard lock(wait_mutex_);
  for (std::thread& thread : io_threads_) thread.join();
  io_threads_.clear();
  workers_.join();
}

void ServerCore::run_io() {
  for (;;) {
    try {
      io_.run();
      return;
    } catch (const std::exception& error) {
      // Not a handler's (those become 500): out of memory, say. Keep serving.
      std::cerr << "http server: " << error.what() << '\n';
    }
  }
}

}  // namespace

struct Server::Impl final : ServerCore {
  using ServerCore::ServerCore;
};

Server::Server(ServerOptions options, Handlers handlers)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handlers))) {}

Server::~Server() {
  stop();
  wait();
}

Result<std::uint16_t> Server::start() { return impl_->start(); }
void Server::stop() { impl_->stop(); }
void Server::wait() { impl_->wait(); }
bool Server::draining() const { return impl_->draining(); }

}  // namespace mn::http
