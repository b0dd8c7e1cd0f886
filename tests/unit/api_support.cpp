#include "api_support.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "api/auth.hpp"
#include "api/crypto.hpp"
#include "test_support.hpp"

namespace mn::testing {

namespace {

constexpr store::Seconds kStart = 1'795'800'000;  // 2026-11-27

store::Account must(Result<store::Account> account) {
  if (!account) {
    ADD_FAILURE() << account.error().describe();
    return {};
  }
  return *account;
}

}  // namespace

const std::string& password_hash() {
  static const std::string hash = api::hash_password(kPassword);
  return hash;
}

ApiServer::ApiServer(Backend backend, api::ApiSettings settings)
    : database_(backend), clock_(kStart), setup_store_(database_.open(clock_)) {
  seed();
  std::vector<std::unique_ptr<store::Store>> stores;
  constexpr std::size_t kWorkers = 2;
  for (std::size_t i = 0; i < kWorkers; ++i) stores.push_back(database_.open(clock_));
  api_ = std::make_unique<api::Api>(knowledge(), clock_, settings, std::move(stores));
  log_ = std::make_unique<std::ostringstream>();
  http::ServerOptions options;
  options.bind = "127.0.0.1";
  options.port = 0;
  options.worker_threads = kWorkers;
  options.default_headers = api_->security_headers();
  options.access_log = log_.get();
  // The whole site, as `serve` runs it: the API behind the web pages' router.
  site_ = std::make_unique<web::Site>(*api_);
  server_ = std::make_unique<http::Server>(options, site_->handlers());
  auto port = server_->start();
  if (!port) {
    ADD_FAILURE() << port.error().describe();
    return;
  }
  port_ = *port;
}

ApiServer::~ApiServer() {
  if (server_) {
    server_->stop();
    server_->wait();
  }
}

std::string ApiServer::access_log() const { return log_->str(); }

void ApiServer::seed() {
  store::Accounts& accounts = setup_store_->accounts();
  const store::Actor actor{"test", ""};
  const auto roles = [](store::Role role) { return store::Roles{}.add(role); };
  world_.admin_a = must(accounts.create_clinic_with_admin(
      actor, "Lonerock Clinic",
      {"admin.a", "Ada Admin", password_hash(), roles(store::Role::admin), {}, {}}));
  const store::ClinicId clinic_a = *world_.admin_a.clinic;
  world_.clinician_a = must(accounts.create_account(
      actor,
      {"clinician.a", "Dr Amal", password_hash(), roles(store::Role::clinician), clinic_a, {}}));
  world_.therapist_a = must(accounts.create_account(actor, {"therapist.a",
                                                            "Theo Therapist",
                                                            password_hash(),
                                                            roles(store::Role::therapist),
                                                            clinic_a,
                                                            {}}));
  world_.patient_a1 = add_patient_account("patient.a1", clinic_a);
  world_.patient_a2 = add_patient_account("patient.a2", clinic_a);

  const store::Account admin_b = must(accounts.create_clinic_with_admin(
      actor, "Other Clinic",
      {"admin.b", "Bo Admin", password_hash(), roles(store::Role::admin), {}, {}}));
  const store::ClinicId clinic_b = *admin_b.clinic;
  world_.clinician_b = must(accounts.create_account(
      actor,
      {"clinician.b", "Dr Bea", password_hash(), roles(store::Role::clinician), clinic_b, {}}));
  world_.patient_b1 = add_patient_account("patient.b1", clinic_b);
}

store::Account ApiServer::add_patient_account(const std::string& login, store::ClinicId clinic) {
  auto patient = setup_store_->add_patient(store::Actor{"test", ""},
                                           store::NewPatient{login, "Europe/Berlin", clinic});
  if (!patient) {
    ADD_FAILURE() << patient.error().describe();
    return {};
  }
  return must(setup_store_->accounts().create_account(
      store::Actor{"test", ""}, {login, login, password_hash(),
                                 store::Roles{}.add(store::Role::patient), clinic, patient->id}));
}

Session sign_in(HttpClient& client, const std::string& login, const std::string& password) {
  nlohmann::json body{{"login", login}, {"password", password}};
  HttpResponse response = client.post("/api/v1/session", body.dump());
  if (response.status != 200) {
    ADD_FAILURE() << "sign-in of " << login << ": " << response.status << " " << response.body;
    return {};
  }
  Session session;
  auto cookie = response.header("Set-Cookie").value_or("");
  const std::string prefix = std::string(api::kSessionCookie) + "=";
  if (cookie.rfind(prefix, 0) == 0) {
    session.token = cookie.substr(prefix.size(), cookie.find(';') - prefix.size());
  }
  session.csrf = nlohmann::json::parse(response.body).at("csrf_token").get<std::string>();
  return session;
}

HttpResponse call(HttpClient& client, const Session& session, const std::string& method,
                  const std::string& target, const std::string& body) {
  std::vector<std::pair<std::string, std::string>> headers{
      {"Cookie", std::string(api::kSessionCookie) + "=" + session.token}};
  if (method != "GET") headers.emplace_back("X-CSRF-Token", session.csrf);
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  return client.request(method, target, headers, body);
}

}  // namespace mn::testing
