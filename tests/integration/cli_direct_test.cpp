// Two people and a stranger write direct messages with the `hearth` CLI against a real server:
// a sponsorship makes ann and bob contacts; bob is away while ann writes, then comes back on
// two devices; ann's client stops at bob's new device until she compares safety numbers; a
// stranger's message waits as a request and is declined, then blocked, and the block looks
// exactly like an unknown name.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <regex>

#include "tests/integration/cli_runner.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

namespace {

std::string first_match(const std::string& text, const std::string& pattern) {
  std::smatch match;
  REQUIRE(std::regex_search(text, match, std::regex(pattern)));
  return match[1];
}

// The 60 digits of a `hearth safety-number` answer.
std::string digits_of(const std::string& out) { return first_match(out, "((?:\\d{5} ){11}\\d{5})"); }

}  // namespace

TEST_CASE("two people exchange end-to-end direct messages with the CLI, one offline and on two devices", "[cli][direct]") {
  Community community;
  const std::string url = community.server->ws_url();
  const auto person = [&](const std::string& name) { return Person{url, community.dir.path() / ("home-" + name)}; };
  const Person ann = person("ann"), bob = person("bob-laptop"), bob_phone = person("bob-phone"), cal = person("cal"),
               dee = person("dee");
  // Registering (or logging in) makes the terminal a device for direct messages.
  for (const auto& [who, handle] : {std::pair{&ann, "ann"}, {&bob, "bob"}, {&cal, "cal"}, {&dee, "dee"}}) {
    auto registered = who->run(std::string("register ") + handle + " --device laptop");
    REQUIRE(registered.exit_code == 0);
    CHECK_THAT(registered.out, Catch::Contains("is now your device"));
    if (who != &dee) REQUIRE(who->run("join circle").exit_code == 0);  // dee shares no room
  }

  // ann asks bob to sponsor her; bob accepts; both see it.
  REQUIRE(ann.run("sponsor ask bob").exit_code == 0);
  auto pending = bob.run("sponsor list");
  const std::string sponsorship = first_match(pending.out, "#(\\d+) ann asks you to be their sponsor");
  REQUIRE(bob.run("sponsor accept " + sponsorship).exit_code == 0);
  CHECK_THAT(ann.run("sponsor list").out, Catch::Contains("bob is your sponsor"));
  CHECK_THAT(bob.run("sponsor list").out, Catch::Contains("you sponsor ann"));

  // bob is away; ann writes three times; a contact's messages are delivered, not requests.
  for (const char* text : {"first: rough night", "second: I went to the meeting", "third: thank you"}) {
    auto sent = ann.run(std::string("dm bob '") + text + "'");
    REQUIRE(sent.exit_code == 0);
    CHECK_THAT(sent.out, Catch::Contains("end-to-end encrypted") && !Catch::Contains("request"));
  }

  // bob comes back on a second device too.
  REQUIRE(bob_phone.run("login bob --device phone").exit_code == 0);
  auto devices = bob_phone.run("devices");
  CHECK_THAT(devices.out, Catch::Contains("#2 laptop") && Catch::Contains(" phone (added") && Catch::Contains("prekeys)  ← this terminal"));

  // ann's client notices the new device and will not send until she has compared numbers.
  auto stopped = ann.run("dm bob 'fourth: are you there?'");
  CHECK(stopped.exit_code == 2);
  CHECK_THAT(stopped.out, Catch::Contains("NEW device") && Catch::Contains("not sent"));
  const std::string ann_number = digits_of(ann.run("safety-number bob").out);
  const std::string bob_number = digits_of(bob.run("safety-number ann").out);
  CHECK(ann_number == bob_number);
  REQUIRE(ann.run("safety-number bob --accept").exit_code == 0);
  REQUIRE(ann.run("dm bob 'fourth: are you there?'").exit_code == 0);

  // The laptop gets everything in order; the phone what was sent since it exists.
  auto laptop = bob.run("dm ann");
  REQUIRE(laptop.exit_code == 0);
  const auto first = laptop.out.find("first: rough night"), second = laptop.out.find("second: I went"),
             third = laptop.out.find("third: thank you"), fourth = laptop.out.find("fourth: are you there?");
  CHECK(first != std::string::npos);
  CHECK((first < second && second < third && third < fourth && fourth != std::string::npos));
  auto phone = bob_phone.run("dm ann");
  CHECK_THAT(phone.out, Catch::Contains("fourth: are you there?") && !Catch::Contains("first: rough night"));

  // bob answers from the laptop: ann reads it, and the phone has bob's own copy.
  REQUIRE(bob.run("dm ann 'yes, here on both'").exit_code == 0);
  CHECK_THAT(ann.run("dm bob").out, Catch::Contains("bob → ann: yes, here on both"));
  CHECK_THAT(bob_phone.run("dm ann").out, Catch::Contains("bob → ann: yes, here on both"));
  CHECK_THAT(ann.run("dm").out, Catch::Contains("yes, here on both"));

  // The keys and messages live in a file only its owner can read.
  struct stat info {};
  REQUIRE(::stat((bob.home / "device-bob.state").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  // cal shares the room but is no contact: his message waits as a request.
  auto request = cal.run("dm bob 'hi, can we talk?'");
  REQUIRE(request.exit_code == 0);
  CHECK_THAT(request.out, Catch::Contains("message request"));
  CHECK_THAT(bob.run("dm cal").out, Catch::Contains("No messages with cal"));
  CHECK_THAT(bob.run("dm").out, Catch::Contains("1 person who is not a contact yet wrote to you"));
  CHECK_THAT(bob.run("requests").out, Catch::Contains("cal wrote 1 message"));
  REQUIRE(bob.run("requests decline cal").exit_code == 0);
  CHECK_THAT(bob.run("requests").out, Catch::Contains("No message requests"));
  CHECK_THAT(bob.run("dm cal").out, Catch::Contains("No messages with cal"));

  // dee shares no room: she cannot write at all, and is told nothing more than for a stranger.
  auto unreachable = dee.run("dm bob hello");
  CHECK(unreachable.exit_code == 2);
  CHECK_THAT(unreachable.out, Catch::Contains("NOT_FOUND"));

  // A blocked sender gets exactly what a name that does not exist gets.
  REQUIRE(cal.run("dm bob 'please answer'").exit_code == 0);
  REQUIRE(bob.run("requests block cal").exit_code == 0);
  auto blocked = cal.run("dm bob 'why not?'");
  auto nobody = cal.run("dm zzz 'why not?'");
  CHECK(blocked.exit_code == 2);
  CHECK(nobody.exit_code == 2);
  CHECK(std::regex_replace(blocked.out, std::regex("\"bob\""), "\"X\"") ==
        std::regex_replace(nobody.out, std::regex("\"zzz\""), "\"X\""));
  CHECK_THAT(bob.run("block --list").out, Catch::Contains("cal"));
  CHECK_THAT(bob.run("dm cal").out, Catch::Contains("No messages with cal"));

  // Either side may end the sponsorship; then ann's messages are requests again.
  REQUIRE(ann.run("sponsor end " + sponsorship).exit_code == 0);
  CHECK_THAT(bob.run("sponsor list").out, Catch::Contains("No sponsorships"));
}
