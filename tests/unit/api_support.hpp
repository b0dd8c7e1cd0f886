#pragma once

#include <atomic>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "api/api.hpp"
#include "http/server.hpp"
#include "http_client.hpp"
#include "store/accounts.hpp"
#include "store_support.hpp"
#include "web/site.hpp"

namespace mn::testing {

// A clock the test moves while server threads read it.
class MovableClock final : public store::Clock {
 public:
  explicit MovableClock(store::Seconds now) : now_(now) {}
  store::Seconds now() const override { return now_.load(); }
  void advance(store::Seconds seconds) { now_ += seconds; }

 private:
  std::atomic<store::Seconds> now_;
};

// The password every seeded account has (one argon2id hash, made once).
inline constexpr const char* kPassword = "correct horse battery";

// A signed-in browser: its session cookie and CSRF token.
struct Session {
  std::string token;
  std::string csrf;
};

// The people the access tests use: two clinics; in clinic A an admin (not a
// clinician), a clinician, a therapist and two patients; in clinic B a
// clinician and a patient.
struct World {
  store::Account admin_a, clinician_a, therapist_a, patient_a1, patient_a2;
  store::Account clinician_b, patient_b1;
};

// The real site (web pages and API) on a real HTTP server on 127.0.0.1 (any free port), on its
// own database (SQLite file or PostgreSQL schema), with a movable clock.
class ApiServer {
 public:
  explicit ApiServer(Backend backend, api::ApiSettings settings = {});
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  std::uint16_t port() const { return port_; }
  MovableClock& clock() { return clock_; }
  // A store for setting up and checking, on its own connection.
  store::Store& store() { return *setup_store_; }
  const TestDatabase& database() const { return database_; }
  const World& world() const { return world_; }
  std::string access_log() const;

  // A patient of `clinic` with an account (login = name), for tests that
  // need more people than the world has.
  store::Account add_patient_account(const std::string& login, store::ClinicId clinic);

 private:
  void seed();

  TestDatabase database_;
  MovableClock clock_;
  std::unique_ptr<store::Store> setup_store_;
  std::unique_ptr<api::Api> api_;
  std::unique_ptr<web::Site> site_;
  std::unique_ptr<std::ostringstream> log_;
  std::unique_ptr<http::Server> server_;
  std::uint16_t port_ = 0;
  World world_;
};

// Signs in through POST /api/v1/session; fails the test when refused.
Session sign_in(HttpClient& client, const std::string& login,
                const std::string& password = kPassword);

// A request as a signed-in browser: the cookie, and for writes the CSRF header.
HttpResponse call(HttpClient& client, const Session& session, const std::string& method,
                  const std::string& target, const std::string& body = {});

// The argon2id hash of kPassword, computed once.
const std::string& password_hash();

}  // namespace mn::testing
