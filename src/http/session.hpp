#pragma once

// Private to src/http: the connections of a Server. Asio is here for the
// socket type only; Beast stays in session.cpp.

#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <utility>  // Boost 1.74 with GCC 12: Asio needs <utility> first

#include "http/access_log.hpp"
#include "http/server.hpp"
#include "http/worker_pool.hpp"

namespace mn::http {

class Session;  // one connection, in session.cpp

// What a connection needs from the server that accepted it. The host
// outlives its sessions.
class SessionHost {
 public:
  virtual const ServerOptions& options() const = 0;
  virtual const Handlers& handlers() const = 0;
  virtual WorkerPool& workers() = 0;
  virtual AccessLog& access_log() = 0;
  // Thread-safe. From then on every answer closes its connection.
  virtual bool draining() const = 0;
  // Thread-safe; called by the session's destructor.
  virtual void remove_session(Session* session) = 0;

 protected:
  SessionHost() = default;
  ~SessionHost() = default;
  SessionHost(const SessionHost&) = default;
  SessionHost& operator=(const SessionHost&) = default;
};

// A session for an accepted connection. It runs on the socket's executor (a
// strand when several threads run the io_context) and lives as long as
// something it started is pending: a read, a timer, a handler's job.
std::shared_ptr<Session> make_session(SessionHost& host, boost::asio::ip::tcp::socket socket);
// Thread-safe: the session starts reading requests on its executor.
void start_session(const std::shared_ptr<Session>& session);
// Thread-safe: closes the connection if it waits for a request (a request
// under way is answered, and the answer closes the connection).
void drain_session(const std::shared_ptr<Session>& session);

}  // namespace mn::http
