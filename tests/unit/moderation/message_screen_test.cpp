#include "moderation/message_screen.h"

#include <catch2/catch.hpp>

using namespace hearth::moderation;

namespace {

constexpr std::int64_t kNow = 10'000'000'000;
constexpr std::uint64_t kRoom = 5;

const Watchlist& rules() {
  static const Watchlist list({
      {1, 0, "kill myself", WatchAction::kCrisis},
      {2, 0, "buy pills", WatchAction::kBlock},
      {3, kRoom, "crosstalk", WatchAction::kHold},
      {4, 0, "relapse", WatchAction::kFlag},
  });
  return list;
}

Poster settled_member() {
  Poster poster;
  poster.delivered_messages = 50;
  poster.joined_at_ms = kNow - 30LL * 24 * 3'600'000;
  return poster;
}

ScreenResult screen(const std::string& text, const Poster& poster = settled_member(), const RoomPolicy& policy = {}) {
  return screen_message(rules(), kRoom, policy, poster, text, kNow);
}

}  // namespace

TEST_CASE("the screen applies rules in their order of precedence", "[moderation][screen]") {
  CHECK(screen("good morning all").verdict == ScreenVerdict::kDeliver);
  CHECK(screen("I had a relapse").verdict == ScreenVerdict::kDeliverAndFlag);
  CHECK(screen("no crosstalk please").verdict == ScreenVerdict::kHold);
  CHECK(screen("where to buy pills").verdict == ScreenVerdict::kBlock);

  const ScreenResult crisis = screen("I want to kill myself, where to buy pills");
  CHECK(crisis.verdict == ScreenVerdict::kDeliverAsCrisis);  // never silenced, even with a block rule
  CHECK(crisis.rule_ids == std::vector<std::uint64_t>{1, 2});
  CHECK(crisis.for_coaches.find("rule 2 (block)") != std::string::npos);

  const ScreenResult blocked = screen("buy pills");
  CHECK(blocked.to_sender.find("pills") == std::string::npos);  // never repeats the words

  const ScreenResult phone = screen("call me on 555 010 4477");
  CHECK(phone.verdict == ScreenVerdict::kHold);
  CHECK(phone.to_sender.find("a phone number") != std::string::npos);
  CHECK(phone.to_sender.find("direct message") != std::string::npos);
  CHECK(phone.for_coaches == "a phone number");
}

TEST_CASE("staff skip automatic rules but not sanctions", "[moderation][screen]") {
  Poster coach = settled_member();
  coach.staff = true;
  CHECK(screen("where to buy pills", coach).verdict == ScreenVerdict::kDeliver);
  CHECK(screen("if you want to kill myself... call 988", coach).verdict == ScreenVerdict::kDeliver);
  RoomPolicy slow;
  slow.slow_mode_seconds = 60;
  coach.last_posted_at_ms = kNow - 1000;
  CHECK(screen("hello", coach, slow).verdict == ScreenVerdict::kDeliver);
}

TEST_CASE("bans, mutes and slow mode refuse with a time to wait", "[moderation][screen]") {
  Poster poster = settled_member();
  poster.muted_until_ms = kNow + 90'000;
  const ScreenResult muted = screen("hello", poster);
  CHECK(muted.verdict == ScreenVerdict::kRefuseMuted);
  CHECK(muted.retry_after_ms == 90'000);
  CHECK(muted.to_sender.find("2 minutes") != std::string::npos);
  poster.muted_until_ms = kNow;  // ran out
  CHECK(screen("hello", poster).verdict == ScreenVerdict::kDeliver);

  poster.banned_until_ms = kForever;
  CHECK(screen("hello", poster).verdict == ScreenVerdict::kRefuseBanned);
  poster.banned_until_ms = 0;

  RoomPolicy slow;
  slow.slow_mode_seconds = 30;
  poster.last_posted_at_ms = kNow - 10'000;
  const ScreenResult too_soon = screen("hello", poster, slow);
  CHECK(too_soon.verdict == ScreenVerdict::kRefuseSlowMode);
  CHECK(too_soon.retry_after_ms == 20'000);
  poster.last_posted_at_ms = kNow - 30'000;
  CHECK(screen("hello", poster, slow).verdict == ScreenVerdict::kDeliver);
}

TEST_CASE("slow mode never makes a person in crisis wait", "[moderation][screen]") {
  Poster poster = settled_member();
  RoomPolicy slow;
  slow.slow_mode_seconds = 30;
  poster.last_posted_at_ms = kNow - 10'000;
  CHECK(screen("I want to kill myself", poster, slow).verdict == ScreenVerdict::kDeliverAsCrisis);
  CHECK(screen("where to buy pills", poster, slow).verdict == ScreenVerdict::kRefuseSlowMode);
}

TEST_CASE("new members: first messages and early links wait for a coach", "[moderation][screen]") {
  RoomPolicy policy;
  policy.premoderate_first_messages = 2;
  policy.links_after_member_hours = 24;
  Poster newcomer;
  newcomer.joined_at_ms = kNow - 3'600'000;
  newcomer.delivered_messages = 0;
  CHECK(screen("hi, I am new", newcomer, policy).verdict == ScreenVerdict::kHold);
  newcomer.delivered_messages = 1;
  CHECK(screen("hi again", newcomer, policy).verdict == ScreenVerdict::kHold);
  newcomer.delivered_messages = 2;
  CHECK(screen("third one", newcomer, policy).verdict == ScreenVerdict::kDeliver);
  const ScreenResult link = screen("see https://example.org", newcomer, policy);
  CHECK(link.verdict == ScreenVerdict::kHold);
  CHECK(link.for_coaches == "a link from a new member");
  newcomer.joined_at_ms = kNow - 25 * 3'600'000LL;
  CHECK(screen("see https://example.org", newcomer, policy).verdict == ScreenVerdict::kDeliver);
}

TEST_CASE("links are recognised in their usual forms", "[moderation][screen]") {
  CHECK(contains_link("go to https://example.org/x"));
  CHECK(contains_link("HTTP://EXAMPLE.ORG"));
  CHECK(contains_link("www.example.org"));
  CHECK(contains_link("example.org/meetings"));
  CHECK_FALSE(contains_link("I said so.Then left"));
  CHECK_FALSE(contains_link("and/or"));
  CHECK_FALSE(contains_link("1.5/2 of the way"));
  CHECK_FALSE(contains_link("nohttps://x"));
}
