// The real program: `admin create`, then `serve` on a free port, a request,
// and a graceful stop on SIGTERM.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "http_client.hpp"

namespace mn::testing {
namespace {

class Serve : public CliTest {
 protected:
  std::string database() const { return "sqlite:" + (dir_ / "serve.db").string(); }
};

TEST_F(Serve, AdminCreateReadsThePasswordFromStandardInput) {
  Outcome created =
      run("--database " + database() +
              " admin create --clinic 'Lonerock Clinic' --login root.admin --name 'Ro Admin'",
          "a strong enough password\n");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_NE(created.out.find("Created clinic"), std::string::npos);
  Outcome weak = run(
      "--database " + database() + " admin create --clinic Other --login other.admin --name Other",
      "short\n");
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_NE(weak.err.find("password"), std::string::npos);
  Outcome taken = run(
      "--database " + database() + " admin create --clinic Again --login root.admin --name Again",
      "another good password\n");
  EXPECT_NE(taken.exit_code, 0);
  EXPECT_NE(taken.err.find("login"), std::string::npos);
}

TEST_F(Serve, ServesUntilSigtermThenStops) {
  ASSERT_EQ(run("--database " + database() +
                    " admin create --clinic Lonerock --login root.admin --name Root",
                "a strong enough password\n")
                .exit_code,
            0);
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    dup2(out[1], STDOUT_FILENO);
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDERR_FILENO);
    close(out[0]);
    const std::string db = database();
    execl(MN_BINARY, MN_BINARY, "--database", db.c_str(), "serve", "--port", "0", nullptr);
    _exit(127);
  }
  close(out[1]);
  // The first line says where it listens: "... serving http://127.0.0.1:PORT (...)".
  std::string printed;
  char buffer[256];
  const std::string listening = "serving http://127.0.0.1:";
  while (printed.find('\n') == std::string::npos) {
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    printed.append(buffer, static_cast<std::size_t>(n));
  }
  const std::size_t at = printed.find(listening);
  ASSERT_NE(at, std::string::npos) << printed;
  const auto port = static_cast<std::uint16_t>(std::stoi(printed.substr(at + listening.size())));

  HttpClient client(port);
  EXPECT_EQ(client.get("/healthz").status, 200);
  HttpResponse signed_in = client.post(
      "/api/v1/session",
      nlohmann::json{{"login", "root.admin"}, {"password", "a strong enough password"}}.dump());
  EXPECT_EQ(signed_in.status, 200) << signed_in.body;

  ASSERT_EQ(kill(child, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  ssize_t n = 0;
  while ((n = read(out[0], buffer, sizeof buffer)) > 0)
    printed.append(buffer, static_cast<std::size_t>(n));
  close(out[0]);
  EXPECT_NE(printed.find("stopped"), std::string::npos) << printed;
}

TEST_F(Serve, RefusesABadPortByName) {
  Outcome refused = run("--database " + database() + " serve --port 70000");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("port"), std::string::npos);
}

TEST_F(Serve, RefusesATrustedProxyThatIsNoAddressByName) {
  extra_environment_ = "MN_TRUSTED_PROXIES='127.0.0.1, proxy.local'";
  Outcome refused = run("--database " + database() + " serve --port 0");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("trusted_proxies: 'proxy.local' is not an IP address"),
            std::string::npos)
      << refused.err;
}

}  // namespace
}  // namespace mn::testing
