// `hearth dm --live` outlives a restart of the server: it reconnects like `hearth chat`, and a
// message written after the restart shows, once, in the conversation it kept open.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/integration/cli_runner.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

// A `hearth` command left running in the background: its input is a FIFO the test writes to,
// its output a file the test reads.
class BackgroundCli {
 public:
  BackgroundCli(const Person& person, const std::string& args) : out_(person.home / "live.out") {
    const auto fifo = person.home / "live.in";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Open for reading and writing, so neither this open nor the shell's waits for the other.
    input_ = ::open(fifo.c_str(), O_RDWR);
    REQUIRE(input_ >= 0);
    const auto started = run_shell(hearth_command(person.url, person.home) + " " + args + " <'" + fifo.string() +
                                   "' >'" + out_.string() + "' 2>&1 & echo $!");
    pid_ = std::stoi(started.out);
    REQUIRE(pid_ > 0);
  }
  ~BackgroundCli() {
    if (input_ >= 0) ::close(input_);
    if (pid_ > 0 && running()) ::kill(pid_, SIGTERM);
  }

  void type(const std::string& line) {
    const std::string text = line + "\n";
    REQUIRE(::write(input_, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  }
  std::string output() const { return read_file(out_); }
  bool shows(const std::string& text, std::chrono::milliseconds timeout = 60s) const {
    return eventually([&] { return output().find(text) != std::string::npos; }, timeout);
  }
  bool running() const { return ::kill(pid_, 0) == 0; }

 private:
  std::filesystem::path out_;
  int input_ = -1;
  pid_t pid_ = -1;
};

}  // namespace

TEST_CASE("dm --live reconnects after a server restart and shows what was written after it", "[cli][direct]") {
  Community community;
  const auto [ann, bob] = sponsored_pair(community);
  REQUIRE(ann.run("dm bob 'before the restart'").exit_code == 0);

  BackgroundCli live(bob, "dm ann --live");
  INFO(live.output());
  REQUIRE(live.shows("-- direct messages with ann"));
  CHECK(live.shows("ann → bob: before the restart"));

  // The server goes away and comes back on the same port.
  const std::uint16_t port = community.server->port();
  community.admin.reset();
  REQUIRE(community.server->terminate() == 0);
  REQUIRE(live.shows("connection lost"));
  community.server = std::make_unique<HearthdProcess>(
      community.dir.path() / "data", std::vector<std::string>{"--listen", "127.0.0.1:" + std::to_string(port)});
  REQUIRE(live.shows("hearth: reconnected"));

  // Written after the restart: shown live, once; what came before is not shown again.
  REQUIRE(ann.run("dm bob 'after the restart'").exit_code == 0);
  REQUIRE(live.shows("ann → bob: after the restart"));
  // bob writes from the reconnected conversation; ann reads it.
  live.type("typed after the restart");
  CHECK(eventually([&] { return ann.run("dm bob").out.find("bob → ann: typed after the restart") != std::string::npos; },
                   60s));
  live.type("/quit");
  CHECK(eventually([&] { return !live.running(); }, 60s));
  const std::string out = live.output();
  CHECK(occurrences(out, "before the restart") == 1);
  CHECK(occurrences(out, "ann → bob: after the restart") == 1);
}
