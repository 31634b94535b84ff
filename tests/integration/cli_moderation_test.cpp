// Two coaches and three members live through moderation with the `hearth` CLI against a real
// server: a crisis, a held message, reports, a mute, a ban, rules, a policy, and the audit log
// that tells what happened.
#include <catch2/catch.hpp>

#include "clients/client/moderation_requests.h"

#include "tests/integration/cli_runner.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

TEST_CASE("coaches and members live through every moderation flow with the CLI", "[cli][moderation]") {
  Community community;
  const std::string url = community.server->ws_url();
  const auto person = [&](const std::string& handle) { return Person{url, community.dir.path() / ("home-" + handle)}; };
  const Person alice = person("alice"), carl = person("carl"), ann = person("ann"), bob = person("bob"), cat = person("cat");
  for (const Person* coach : {&alice, &carl}) {
    const auto invite = community.admin->call(requests::create_invite(hearth::v1::ROLE_COACH));
    const std::string handle = coach == &alice ? "alice" : "carl";
    REQUIRE(coach->run("register " + handle + " --invite " + invite.invite().code()).exit_code == 0);
    REQUIRE(community.admin->call(requests::assign_coach(community.room_id, handle)).has_ok());
  }
  for (const auto& [member, handle] : {std::pair{&ann, "ann"}, {&bob, "bob"}, {&cat, "cat"}}) {
    REQUIRE(member->run(std::string("register ") + handle).exit_code == 0);
    REQUIRE(member->run("join circle").exit_code == 0);
  }

  // A member in crisis is answered at once, privately; the coaches' queue has it on top.
  auto crisis = ann.run("send circle honestly some nights I want to end my life");
  REQUIRE(crisis.exit_code == 0);
  CHECK_THAT(crisis.out, Catch::Contains("Only you can see this") && Catch::Contains("988"));
  // Contact details wait for a coach.
  auto held = cat.run("send circle text me at 555-010-4477");
  CHECK(held.exit_code == 2);
  CHECK_THAT(held.out, Catch::Contains("HELD_FOR_REVIEW") && Catch::Contains("direct message"));
  REQUIRE(bob.run("send circle you should kick him out, that is what I did").exit_code == 0);
  // Reports, by the number people see.
  CHECK(ann.run("report circle 2 --reason crosstalk --note 'advice about my son'").exit_code == 0);
  CHECK(cat.run("report circle 2 --reason crosstalk").exit_code == 0);
  CHECK(bob.run("report circle 9 --reason spam").exit_code == 2);
  CHECK(bob.run("queue").exit_code == 2);  // members do not see the queue

  auto queue = alice.run("queue");
  REQUIRE(queue.exit_code == 0);
  const auto crisis_at = queue.out.find("[CRISIS, OPEN]");
  const auto report_at = queue.out.find("[REPORT, OPEN]");
  const auto held_at = queue.out.find("[HELD, OPEN]");
  REQUIRE(crisis_at != std::string::npos);
  CHECK(crisis_at < report_at);
  CHECK(report_at < held_at);
  CHECK_THAT(queue.out, Catch::Contains("reported by ann (CROSSTALK: advice about my son)"));

  // Item numbers in the order they opened: crisis 1, held 2, report 3.
  REQUIRE(carl.run("claim 1").exit_code == 0);
  auto given_back = carl.run("claim 1 --release");
  REQUIRE(given_back.exit_code == 0);
  CHECK_THAT(given_back.out, Catch::Contains("[CRISIS, OPEN]"));
  REQUIRE(carl.run("claim 1").exit_code == 0);
  auto taken = alice.run("claim 1");
  CHECK(taken.exit_code == 2);
  CHECK_THAT(taken.out, Catch::Contains("another coach has claimed"));
  CHECK(carl.run("dismiss 1 --reason 'called ann; she is safe and with her sponsor'").exit_code == 0);
  CHECK(alice.run("approve 2").exit_code == 0);
  CHECK(alice.run("mute 3 --minutes 10 --also-remove --reason 'share your own experience'").exit_code == 0);
  auto muted = bob.run("send circle why may I not talk");
  CHECK(muted.exit_code == 2);
  CHECK_THAT(muted.out, Catch::Contains("muted"));
  auto history = ann.run("history circle");
  CHECK_THAT(history.out, Catch::Contains("#2") && Catch::Contains("(removed by a coach)"));
  CHECK_THAT(history.out, Catch::Contains("#3") && Catch::Contains("cat: text me at 555-010-4477"));  // approved, next in line

  // Rules change at run time.
  auto rule = alice.run("rules circle add --action block buy pills");
  REQUIRE(rule.exit_code == 0);
  auto blocked = cat.run("send circle anyone know where to b u y p1lls");
  CHECK(blocked.exit_code == 2);
  CHECK_THAT(blocked.out, Catch::Contains("BLOCKED_BY_FILTER"));
  CHECK(ann.run("rules circle").exit_code == 2);
  CHECK(alice.run("rules server add --action flag x").exit_code == 2);  // server rules are the admins'
  // A policy, and an escalation only admins may pick up.
  CHECK(alice.run("policy circle --slow-mode 30").exit_code == 0);
  const Person dan = person("dan");
  REQUIRE(dan.run("register dan").exit_code == 0);
  REQUIRE(dan.run("join circle").exit_code == 0);
  REQUIRE(dan.run("send circle hello everyone").exit_code == 0);
  auto slow = dan.run("send circle hello again");
  CHECK(slow.exit_code == 2);
  CHECK_THAT(slow.out, Catch::Contains("slow mode"));
  CHECK(ann.run("report circle 4 --reason other").exit_code == 0);
  CHECK(carl.run("escalate 4").exit_code == 0);
  CHECK(alice.run("claim 4").exit_code == 2);
  CHECK(community.admin->call(requests::claim_item(4)).has_queue_item());

  // The audit log tells exactly what happened, newest first.
  auto audit = carl.run("audit circle --limit 100");
  REQUIRE(audit.exit_code == 0);
  for (const char* line : {"(automatic)  CRISIS_DETECTED  ann", "(automatic)  MESSAGE_HELD  cat",
                           "ann  MESSAGE_REPORTED  bob", "carl  ITEM_DISMISSED  ann", "called ann",
                           "alice  MESSAGE_APPROVED  cat", "alice  MEMBER_MUTED  bob", "for 10 minutes",
                           "alice  RULE_ADDED", "block: \"buy pills\"", "(automatic)  MESSAGE_BLOCKED  cat",
                           "alice  POLICY_CHANGED", "carl  ITEM_ESCALATED"}) {
    CHECK_THAT(audit.out, Catch::Contains(line));
  }
  CHECK(audit.out.find("end my life") == std::string::npos);  // the log never repeats a message
  CHECK(ann.run("audit circle").exit_code == 2);
}

TEST_CASE("coaches lift a mute and a ban with the CLI", "[cli][moderation]") {
  Community community;
  const std::string url = community.server->ws_url();
  const auto person = [&](const std::string& handle) { return Person{url, community.dir.path() / ("home-" + handle)}; };
  const Person alice = person("alice"), ann = person("ann"), bob = person("bob");
  const auto invite = community.admin->call(requests::create_invite(hearth::v1::ROLE_COACH));
  REQUIRE(alice.run("register alice --invite " + invite.invite().code()).exit_code == 0);
  REQUIRE(community.admin->call(requests::assign_coach(community.room_id, "alice")).has_ok());
  for (const auto& [member, handle] : {std::pair{&ann, "ann"}, {&bob, "bob"}}) {
    REQUIRE(member->run(std::string("register ") + handle).exit_code == 0);
    REQUIRE(member->run("join circle").exit_code == 0);
  }
  REQUIRE(bob.run("send circle nobody asked you").exit_code == 0);
  REQUIRE(bob.run("send circle and another thing").exit_code == 0);
  REQUIRE(ann.run("report circle 1 --reason harassment").exit_code == 0);  // #1, not the newest
  auto queue = alice.run("queue circle");
  REQUIRE(queue.exit_code == 0);
  CHECK_THAT(queue.out, Catch::Contains("#1 bob: \"nobody asked you\""));
  REQUIRE(alice.run("mute 1 --minutes 60").exit_code == 0);
  CHECK(bob.run("send circle let me speak").exit_code == 2);

  CHECK(bob.run("unmute circle bob").exit_code == 2);  // members cannot
  auto unknown = alice.run("unmute circle nobody");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.out, Catch::Contains("no member called nobody"));
  CHECK(alice.run("unmute circle").exit_code != 0);  // usage
  auto unmuted = alice.run("unmute circle bob --reason 'talked it through'");
  REQUIRE(unmuted.exit_code == 0);
  CHECK_THAT(unmuted.out, Catch::Contains("Unmuted bob"));
  REQUIRE(bob.run("send circle thank you").exit_code == 0);

  REQUIRE(ann.run("report circle 3 --reason spam").exit_code == 0);
  REQUIRE(alice.run("ban 2").exit_code == 0);
  CHECK(bob.run("join circle").exit_code == 2);
  REQUIRE(alice.run("unban circle bob").exit_code == 0);
  REQUIRE(bob.run("join circle").exit_code == 0);

  auto audit = alice.run("audit circle");
  REQUIRE(audit.exit_code == 0);
  for (const char* line : {"alice  MUTE_LIFTED  bob", "talked it through", "alice  BAN_LIFTED  bob"}) {
    CHECK_THAT(audit.out, Catch::Contains(line));
  }
}
