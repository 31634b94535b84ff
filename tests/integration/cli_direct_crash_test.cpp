// A message key must never seal two plaintexts. The CLI sends an envelope only after the
// advanced ratchet is durable; this kills a real `hearth dm` (SIGKILL, via crash_on_rename.cpp)
// at each write of its state file in turn, then sends again from what the disk holds. Had any
// envelope left before its state was saved, the next message would reuse that key and nonce for
// new text, and the recipient, who used the key already, could not open it.
#include <catch2/catch.hpp>

#include <string>

#include "tests/integration/cli_runner.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

namespace {

// `hearth ARGS` as `person`, killed just before its Nth rename onto its device state file.
CliResult run_crashing_at_rename(const Person& person, int n, const std::string& args) {
  // The preloaded library comes before the sanitizer runtime in an ASan build: allowed here.
  const std::string crash = std::string("env LD_PRELOAD='") + HEARTH_CRASH_ON_RENAME +
                            "' HEARTH_CRASH_RENAME_SUFFIX=.state HEARTH_CRASH_AT_RENAME=" + std::to_string(n) +
                            " ASAN_OPTIONS=verify_asan_link_order=0 ";
  CliResult result = run_shell(crash + hearth_command(person.url, person.home) + " " + args);
  UNSCOPED_INFO("hearth " << args << " (killed at rename " << n << ") -> " << result.exit_code << "\n" << result.out);
  return result;
}

bool killed(const CliResult& result) { return result.exit_code == -1 || result.exit_code == 128 + 9; }

}  // namespace

TEST_CASE("a CLI killed at any write of its ratchet state never reuses a message key", "[cli][direct][crash]") {
  Community community;
  // Contacts, so that ann's messages are delivered rather than held as a request.
  const auto [ann, bob] = sponsored_pair(community);

  // A session exists before the crashes, so a rolled-back state would reuse one of its keys.
  REQUIRE(ann.run("dm bob 'before the crashes'").exit_code == 0);

  std::vector<std::string> sent = {"before the crashes"};
  int crashes = 0;
  for (int n = 1; n <= 10; ++n) {
    const auto crashed = run_crashing_at_rename(ann, n, "dm bob 'written when killed at save " + std::to_string(n) + "'");
    if (!killed(crashed)) {
      REQUIRE(crashed.exit_code == 0);  // fewer than n saves: the send went through whole
      sent.push_back("written when killed at save " + std::to_string(n));
      break;
    }
    ++crashes;
    // Restarted from whatever the disk holds, the next message must get a key of its own.
    const std::string next = "after being killed at save " + std::to_string(n);
    REQUIRE(ann.run("dm bob '" + next + "'").exit_code == 0);
    sent.push_back(next);
  }
  // A send saves at least twice (the device list it refreshed, then the sealed ratchets before
  // the envelopes leave, then the sent message): both kinds of crash were tried.
  CHECK(crashes >= 2);

  const auto received = bob.run("dm ann");
  REQUIRE(received.exit_code == 0);
  CHECK_THAT(received.out, !Catch::Contains("could not be opened"));
  for (const auto& text : sent) CHECK_THAT(received.out, Catch::Contains("ann → bob: " + text));
}
