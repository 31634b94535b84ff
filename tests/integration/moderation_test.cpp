// Moderation end to end over real WebSocket clients: held messages, crisis response, reports,
// the live queue and its races, sanctions, rules and policies changed at run time, the audit log.
#include <catch2/catch.hpp>

#include "clients/client/moderation_requests.h"
#include "protocol/limits.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;
using namespace std::chrono_literals;

namespace {

// A community with two coaches of its room (alice, carl) and members.
struct Circle {
  Community community;
  std::unique_ptr<TestClient> alice = coach("alice");
  std::unique_ptr<TestClient> carl = coach("carl");
  std::uint64_t room() const { return community.room_id; }

  std::unique_ptr<TestClient> coach(const std::string& handle) {
    const auto invite = community.admin->call(requests::create_invite(hearth::v1::ROLE_COACH));
    REQUIRE(invite.has_invite());
    auto client = std::make_unique<TestClient>(community.server->ws_url());
    client->register_as(handle, invite.invite().code());
    REQUIRE(community.admin->call(requests::assign_coach(community.room_id, handle)).has_ok());
    return client;
  }
};

hearth::v1::Error error_of(const hearth::v1::Response& response) {
  INFO(response.ShortDebugString());
  REQUIRE(response.has_error());
  return response.error();
}

bool is_item_event(const hearth::v1::Event& event, hearth::v1::QueueItemKind kind, hearth::v1::QueueItemState state) {
  return event.has_queue_item_changed() && event.queue_item_changed().item().kind() == kind &&
         event.queue_item_changed().item().state() == state;
}

hearth::v1::QueueItem claim(TestClient& coach, std::uint64_t item_id) {
  const auto claimed = coach.call(requests::claim_item(item_id));
  INFO(claimed.ShortDebugString());
  REQUIRE(claimed.has_queue_item());
  return claimed.queue_item().item();
}

hearth::v1::QueueItem resolve(TestClient& coach, std::uint64_t item_id, hearth::v1::ModerationAction action,
                              std::string reason = {}, std::uint32_t minutes = 0) {
  const auto resolved = coach.call(requests::resolve_item(item_id, action, std::move(reason), minutes));
  INFO(resolved.ShortDebugString());
  REQUIRE(resolved.has_queue_item());
  return resolved.queue_item().item();
}

std::vector<hearth::v1::AuditAction> audit_actions(TestClient& reader, std::uint64_t room_id) {
  const auto audit = reader.call(requests::list_audit(room_id));
  INFO(audit.ShortDebugString());
  REQUIRE(audit.has_audit());
  std::vector<hearth::v1::AuditAction> actions;
  for (int i = audit.audit().records_size() - 1; i >= 0; --i) actions.push_back(audit.audit().records(i).action());
  return actions;
}

std::uint64_t report(TestClient& reporter, std::uint64_t message_id, hearth::v1::ReportReason reason) {
  const auto reported = reporter.call(requests::report_message(message_id, reason, "please look"));
  INFO(reported.ShortDebugString());
  REQUIRE(reported.has_report());
  return reported.report().item_id();
}

std::uint64_t post(TestClient& author, std::uint64_t room_id, const std::string& text) {
  const auto sent = author.call(requests::send_message(room_id, text));
  INFO(sent.ShortDebugString());
  REQUIRE(sent.has_sent());
  return sent.sent().message_id();
}

}  // namespace

TEST_CASE("a message with a phone number is held, approved by a coach and delivered in sequence", "[moderation]") {
  Circle circle;
  auto ann = circle.community.member("ann");
  auto bob = circle.community.member("bob");
  REQUIRE(circle.alice->call(requests::list_queue(0, /*subscribe=*/true)).has_queue());

  const auto held = ann->call(requests::send_message(circle.room(), "call me any time on 555 010 4477"));
  const auto error = error_of(held);
  CHECK(error.code() == hearth::v1::HELD_FOR_REVIEW);
  CHECK(error.message().find("a phone number") != std::string::npos);
  CHECK(error.message().find("direct message") != std::string::npos);
  const auto opened = circle.alice->wait_event([](const auto& e) {
    return is_item_event(e, hearth::v1::ITEM_HELD, hearth::v1::ITEM_OPEN);
  });
  const std::uint64_t item_id = opened.queue_item_changed().item().item_id();
  CHECK(opened.queue_item_changed().item().why() == "a phone number");
  // Nobody else sees it while it waits; the room moves on.
  bob->say(circle.room(), "welcome, everyone");
  CHECK(bob->wait_posted(circle.room(), 2, 300ms).size() == 1);

  // A member cannot act on the queue; a coach claims and approves.
  CHECK(error_of(bob->call(requests::claim_item(item_id))).code() == hearth::v1::FORBIDDEN);
  claim(*circle.alice, item_id);
  const auto approved = resolve(*circle.alice, item_id, hearth::v1::ACTION_APPROVE);
  CHECK(approved.state() == hearth::v1::ITEM_RESOLVED);

  for (TestClient* reader : {ann.get(), bob.get()}) {
    const auto posted = reader->wait_posted(circle.room(), 2);
    REQUIRE(posted.size() == 2);
    CHECK(posted[1].seq() == 2);  // the next seq at approval, no gap
    CHECK(posted[1].text() == "call me any time on 555 010 4477");
    CHECK(posted[1].author().handle() == "ann");
  }
  const auto notice = ann->wait_event([](const auto& e) { return e.has_moderation_notice(); });
  CHECK(notice.moderation_notice().kind() == hearth::v1::NOTICE_HELD_MESSAGE_APPROVED);
  CHECK(audit_actions(*circle.alice, circle.room()) ==
        std::vector<hearth::v1::AuditAction>{hearth::v1::AUDIT_MESSAGE_HELD, hearth::v1::AUDIT_ITEM_CLAIMED,
                                             hearth::v1::AUDIT_MESSAGE_APPROVED});
}

TEST_CASE("a crisis message is delivered, its author gets resources, coaches and admins an alert", "[moderation]") {
  Circle circle;
  auto ann = circle.community.member("ann");
  auto bob = circle.community.member("bob");
  const auto sent = ann->call(requests::send_message(circle.room(), "honestly I want to kill myself tonight"));
  REQUIRE(sent.has_sent());
  CHECK(sent.sent().crisis_resources().find("988") != std::string::npos);  // in the answer itself
  const std::uint64_t message_id = sent.sent().message_id();

  CHECK(bob->wait_posted(circle.room(), 1).size() == 1);  // never silenced
  const auto resources = ann->wait_event([](const auto& e) { return e.has_crisis_resources(); });
  CHECK(resources.crisis_resources().message_id() == message_id);
  CHECK(resources.crisis_resources().text().find("988") != std::string::npos);
  const auto bobs = bob->events();
  CHECK(std::none_of(bobs.begin(), bobs.end(), [](const auto& e) { return e.has_crisis_resources(); }));

  // Both coaches and the admin are alerted without having subscribed; members are not.
  for (TestClient* staff : {circle.alice.get(), circle.carl.get(), circle.community.admin.get()}) {
    const auto alert = staff->wait_event([](const auto& e) { return e.has_crisis_alert(); });
    CHECK(alert.crisis_alert().item().kind() == hearth::v1::ITEM_CRISIS);
    CHECK(alert.crisis_alert().item().message().message_id() == message_id);
  }
  // The crisis item outranks an older held one.
  ann->call(requests::send_message(circle.room(), "write to ann.doe@example.org"));
  const auto queue = circle.alice->call(requests::list_queue());
  REQUIRE(queue.queue().items_size() == 2);
  CHECK(queue.queue().items(0).kind() == hearth::v1::ITEM_CRISIS);
  // A coach sharing the same words is not treated as in crisis.
  post(*circle.alice, circle.room(), "if you ever feel you want to kill myself-type thoughts, call 988");
  CHECK(circle.alice->call(requests::list_queue()).queue().items_size() == 2);
}

TEST_CASE("a report leads to removal: a tombstone for everyone and an outcome for each reporter", "[moderation]") {
  Circle circle;
  auto ann = circle.community.member("ann");
  auto bob = circle.community.member("bob");
  auto cat = circle.community.member("cat");
  const std::uint64_t message_id = post(*bob, circle.room(), "you should just leave him, that is what I would do");
  const std::uint64_t item_id = report(*ann, message_id, hearth::v1::REPORT_CROSSTALK);
  CHECK(report(*cat, message_id, hearth::v1::REPORT_CROSSTALK) == item_id);  // one item per message
  CHECK(error_of(bob->call(requests::report_message(message_id, hearth::v1::REPORT_SPAM))).code() ==
        hearth::v1::INVALID_ARGUMENT);  // not one's own
  CHECK(error_of(ann->call(requests::report_message(message_id, hearth::v1::REPORT_REASON_UNSPECIFIED))).code() ==
        hearth::v1::INVALID_ARGUMENT);

  const auto item = claim(*circle.carl, item_id);
  REQUIRE(item.reports_size() == 2);
  CHECK(item.reports(0).reporter().handle() == "ann");  // coaches see who reported
  resolve(*circle.carl, item_id, hearth::v1::ACTION_REMOVE, "crosstalk");

  for (TestClient* reader : {ann.get(), bob.get(), cat.get(), circle.alice.get()}) {
    const auto tombstone = reader->wait_event([](const auto& e) { return e.has_message_deleted(); });
    CHECK(tombstone.message_deleted().message_id() == message_id);
    CHECK(tombstone.message_deleted().removed_by_moderator());
  }
  for (TestClient* reporter : {ann.get(), cat.get()}) {
    const auto outcome = reporter->wait_event([](const auto& e) { return e.has_moderation_notice(); });
    CHECK(outcome.moderation_notice().kind() == hearth::v1::NOTICE_REPORT_OUTCOME);
    CHECK(outcome.moderation_notice().text().find("removed the message") != std::string::npos);
  }
  const auto history = ann->call(requests::history_latest(circle.room()));
  REQUIRE(history.history().messages_size() == 1);
  CHECK(history.history().messages(0).deleted());
  CHECK(history.history().messages(0).removed_by_moderator());
  CHECK(history.history().messages(0).text().empty());
}

TEST_CASE("two coaches claim one item at once: exactly one wins", "[moderation]") {
  Circle circle;
  auto ann = circle.community.member("ann");
  auto bob = circle.community.member("bob");
  for (int round = 0; round < 5; ++round) {
    const std::uint64_t item_id = report(*ann, post(*bob, circle.room(), "round " + std::to_string(round)),
                                         hearth::v1::REPORT_OTHER);
    auto first = circle.alice->connection().send_request(requests::claim_item(item_id));
    auto second = circle.carl->connection().send_request(requests::claim_item(item_id));
    const auto a = first.get(), b = second.get();
    CHECK(a.has_queue_item() != b.has_queue_item());
    const auto& loser = a.has_queue_item() ? b : a;
    CHECK(error_of(loser).code() == hearth::v1::INVALID_ARGUMENT);
  }
}

TEST_CASE("mutes and bans are enforced with clear errors", "[moderation]") {
  Circle circle;
  auto ann = circle.community.member("ann");
  auto bob = circle.community.member("bob");

  std::uint64_t item_id = report(*ann, post(*bob, circle.room(), "first"), hearth::v1::REPORT_HARASSMENT);
  claim(*circle.alice, item_id);
  resolve(*circle.alice, item_id, hearth::v1::ACTION_MUTE, "cool off", 5);
  const auto muted = bob->wait_event([](const auto& e) { return e.has_moderation_notice(); });
  CHECK(muted.moderation_notice().kind() == hearth::v1::NOTICE_MUTED);
  const auto refused = error_of(bob->call(requests::send_message(circle.room(), "let me speak")));
  CHECK(refused.code() == hearth::v1::FORBIDDEN);
  CHECK(refused.message().find("muted") != std::string::npos);
  CHECK(refused.retry_after_ms() > 4 * 60'000);
  CHECK(refused.retry_after_ms() <= 5 * 60'000);

  // Coaches are never sanctioned from the queue.
  item_id = report(*ann, post(*circle.carl, circle.room(), "a coach's words"), hearth::v1::REPORT_OTHER);
  claim(*circle.alice, item_id);
  CHECK(error_of(circle.alice->call(requests::resolve_item(item_id, hearth::v1::ACTION_MUTE))).code() ==
        hearth::v1::FORBIDDEN);
  CHECK(error_of(circle.alice->call(requests::resolve_item(item_id, hearth::v1::ACTION_BAN_SERVER))).code() ==
        hearth::v1::FORBIDDEN);

  // A room ban takes the member out and keeps them out.
  auto cat = circle.community.member("cat");
  item_id = report(*ann, post(*cat, circle.room(), "spam spam spam"), hearth::v1::REPORT_SPAM);
  claim(*circle.alice, item_id);
  resolve(*circle.alice, item_id, hearth::v1::ACTION_BAN_ROOM, "spam");
  ann->wait_event([](const auto& e) { return e.has_member_left() && e.member_left().user().handle() == "cat"; });
  CHECK(error_of(cat->call(requests::join_room(circle.room()))).code() == hearth::v1::FORBIDDEN);
  CHECK(error_of(cat->call(requests::send_message(circle.room(), "hello?"))).code() == hearth::v1::FORBIDDEN);

  // A server ban (admins only) ends the member's connections and refuses their login.
  auto dan = circle.community.member("dan");
  item_id = report(*ann, post(*dan, circle.room(), "more spam"), hearth::v1::REPORT_SPAM);
  claim(*circle.community.admin, item_id);
  resolve(*circle.community.admin, item_id, hearth::v1::ACTION_BAN_SERVER, "spam bot");
  const auto closed = dan->connection().wait_closed(10s);
  REQUIRE(closed);
  CHECK(closed->code == hearth::protocol::close_code::kBanned);
  TestClient again(circle.community.server->ws_url());
  const auto login = again.call(requests::login("dan", kPassword));
  CHECK(error_of(login).code() == hearth::v1::FORBIDDEN);
  CHECK(audit_actions(*circle.community.admin, circle.room()).back() == hearth::v1::AUDIT_MEMBER_BANNED_FROM_SERVER);
}

TEST_CASE("rules change at run time: hold, block, and who may change them", "[moderation]") {
  Circle circle;
  auto ann = circle.community.member("ann");
  const auto added = circle.alice->call(requests::add_rule(circle.room(), "fix him", hearth::v1::FILTER_HOLD));
  REQUIRE(added.has_rule());
  CHECK(error_of(ann->call(requests::send_message(circle.room(), "you need to F1X HIM now"))).code() ==
        hearth::v1::HELD_FOR_REVIEW);
  const auto blocked_rule = circle.alice->call(requests::add_rule(circle.room(), "buy pills", hearth::v1::FILTER_BLOCK));
  REQUIRE(blocked_rule.has_rule());
  const auto blocked = error_of(ann->call(requests::send_message(circle.room(), "where can I b u y   p i l l s")));
  CHECK(blocked.code() == hearth::v1::BLOCKED_BY_FILTER);
  CHECK(blocked.message().find("pills") == std::string::npos);
  CHECK(ann->call(requests::history_latest(circle.room())).history().messages_size() == 0);  // nothing stored

  REQUIRE(circle.alice->call(requests::remove_rule(added.rule().rule().rule_id(), "too broad")).has_ok());
  post(*ann, circle.room(), "you need to fix him");  // delivered now

  CHECK(error_of(ann->call(requests::list_rules(circle.room()))).code() == hearth::v1::FORBIDDEN);
  CHECK(error_of(circle.alice->call(requests::add_rule(0, "x", hearth::v1::FILTER_FLAG))).code() ==
        hearth::v1::FORBIDDEN);  // server rules are the admins'
  CHECK(error_of(circle.alice->call(requests::add_rule(circle.room(), "over*dose", hearth::v1::FILTER_FLAG))).code() ==
        hearth::v1::INVALID_ARGUMENT);
  const auto rules = circle.alice->call(requests::list_rules(circle.room()));
  REQUIRE(rules.has_rules());
  CHECK(rules.rules().rules_size() > 10);  // the shipped crisis phrases and the room's block rule
  CHECK(audit_actions(*circle.alice, circle.room()) ==
        std::vector<hearth::v1::AuditAction>{hearth::v1::AUDIT_RULE_ADDED, hearth::v1::AUDIT_MESSAGE_HELD,
                                             hearth::v1::AUDIT_RULE_ADDED, hearth::v1::AUDIT_MESSAGE_BLOCKED,
                                             hearth::v1::AUDIT_RULE_REMOVED});
  CHECK(error_of(ann->call(requests::list_audit(circle.room()))).code() == hearth::v1::FORBIDDEN);
  CHECK(error_of(circle.alice->call(requests::list_audit(0))).code() == hearth::v1::FORBIDDEN);
  CHECK(circle.community.admin->call(requests::list_audit(0)).has_audit());
}

TEST_CASE("room policies: slow mode and a new member's first messages", "[moderation]") {
  Circle circle;
  hearth::v1::RoomPolicy policy;
  policy.set_slow_mode_seconds(30);
  policy.set_premoderate_first_messages(1);
  const auto set = circle.alice->call(requests::set_room_policy(circle.room(), policy));
  REQUIRE(set.has_room());
  CHECK(set.room().room().policy().slow_mode_seconds() == 30);
  auto ann = circle.community.member("ann");
  CHECK(error_of(ann->call(requests::send_message(circle.room(), "hi, I am new here"))).code() ==
        hearth::v1::HELD_FOR_REVIEW);
  const auto slow = error_of(ann->call(requests::send_message(circle.room(), "hello?")));
  CHECK(slow.code() == hearth::v1::RATE_LIMITED);
  CHECK(slow.retry_after_ms() > 25'000);
  post(*circle.alice, circle.room(), "coaches are not slowed down");
  post(*circle.alice, circle.room(), "not at all");
  CHECK(error_of(ann->call(requests::set_room_policy(circle.room(), policy))).code() == hearth::v1::FORBIDDEN);
  policy.set_slow_mode_seconds(100000);
  CHECK(error_of(circle.alice->call(requests::set_room_policy(circle.room(), policy))).code() ==
        hearth::v1::INVALID_ARGUMENT);
}

TEST_CASE("bad moderation requests get typed errors and change nothing", "[moderation]") {
  Circle circle;
  auto ann = circle.community.member("ann");
  auto bob = circle.community.member("bob");
  const std::uint64_t message_id = post(*bob, circle.room(), "a message to report");
  CHECK(error_of(ann->call(requests::report_message(message_id, hearth::v1::REPORT_SPAM, std::string(501, 'x')))).code() ==
        hearth::v1::TOO_LARGE);
  CHECK(error_of(ann->call(requests::report_message(999999, hearth::v1::REPORT_SPAM))).code() == hearth::v1::NOT_FOUND);
  const std::uint64_t item_id = report(*ann, message_id, hearth::v1::REPORT_SPAM);
  claim(*circle.alice, item_id);
  CHECK(error_of(circle.alice->call(requests::resolve_item(item_id, hearth::v1::MODERATION_ACTION_UNSPECIFIED))).code() ==
        hearth::v1::INVALID_ARGUMENT);
  CHECK(error_of(circle.alice->call(requests::resolve_item(item_id, hearth::v1::ACTION_MUTE, "", 366 * 24 * 60))).code() ==
        hearth::v1::INVALID_ARGUMENT);
  CHECK(error_of(circle.alice->call(requests::resolve_item(item_id, hearth::v1::ACTION_WARN, std::string(501, 'x')))).code() ==
        hearth::v1::TOO_LARGE);
  CHECK(error_of(circle.alice->call(requests::claim_item(999999))).code() == hearth::v1::NOT_FOUND);
  CHECK(error_of(circle.alice->call(requests::list_queue(0, false, false, 201))).code() == hearth::v1::TOO_LARGE);
  CHECK(error_of(circle.alice->call(requests::list_audit(circle.room(), 0, 501))).code() == hearth::v1::TOO_LARGE);
  CHECK(error_of(circle.alice->call(requests::remove_rule(999999))).code() == hearth::v1::NOT_FOUND);
  CHECK(error_of(circle.alice->call(requests::add_rule(circle.room(), "x", hearth::v1::FILTER_ACTION_UNSPECIFIED))).code() ==
        hearth::v1::INVALID_ARGUMENT);
  CHECK(error_of(circle.alice->call(requests::set_room_policy(0, {}))).code() == hearth::v1::INVALID_ARGUMENT);
  // After all that the item is still claimed by alice and unresolved, and bob is not sanctioned.
  const auto queue = circle.alice->call(requests::list_queue());
  REQUIRE(queue.queue().items_size() == 1);
  CHECK(queue.queue().items(0).state() == hearth::v1::ITEM_CLAIMED);
  post(*bob, circle.room(), "still free to speak");
}

namespace {

hearth::v1::RoomPolicy link_policy() {
  hearth::v1::RoomPolicy policy;
  policy.set_links_after_member_hours(24);
  return policy;
}

// The texts of the room's messages as history shows them now, oldest first.
std::vector<std::string> room_texts(TestClient& reader, std::uint64_t room_id) {
  const auto page = reader.call(requests::history_latest(room_id));
  INFO(page.ShortDebugString());
  REQUIRE(page.has_history());
  std::vector<std::string> texts;
  for (const auto& message : page.history().messages()) texts.push_back(message.text());
  return texts;
}

// The unresolved items of the room, as a coach lists them.
std::vector<hearth::v1::QueueItem> open_items(TestClient& coach, std::uint64_t room_id) {
  const auto queue = coach.call(requests::list_queue(room_id));
  INFO(queue.ShortDebugString());
  REQUIRE(queue.has_queue());
  return {queue.queue().items().begin(), queue.queue().items().end()};
}

}  // namespace

TEST_CASE("a new member's link is held whether it comes in a new message or an edit", "[moderation][edit]") {
  Circle circle;
  REQUIRE(circle.alice->call(requests::set_room_policy(circle.room(), link_policy())).has_room());
  auto ann = circle.community.member("ann");
  auto bob = circle.community.member("bob");
  CHECK(error_of(ann->call(requests::send_message(circle.room(), "see https://example.org/x"))).code() ==
        hearth::v1::HELD_FOR_REVIEW);
  const std::uint64_t message_id = post(*ann, circle.room(), "hello, all");
  bob->wait_posted(circle.room(), 1);

  const auto held = error_of(ann->call(requests::edit_message(message_id, "hello, see https://example.org/x")));
  CHECK(held.code() == hearth::v1::HELD_FOR_REVIEW);
  CHECK(held.message().find("links") != std::string::npos);
  // The room keeps the old text; nobody is told of an edit.
  CHECK(room_texts(*bob, circle.room()) == std::vector<std::string>{"hello, all"});
  CHECK_FALSE(eventually([&] {
    for (const auto& event : bob->events()) if (event.has_message_edited()) return true;
    return false;
  }, 300ms));

  // The coach sees the new text, and which message it would change.
  const auto items = open_items(*circle.alice, circle.room());
  REQUIRE(items.size() == 2);
  const auto& edit = items[1].edit_of_message_id() != 0 ? items[1] : items[0];
  CHECK(edit.kind() == hearth::v1::ITEM_HELD);
  CHECK(edit.edit_of_message_id() == message_id);
  CHECK(edit.message().text() == "hello, see https://example.org/x");
  CHECK(edit.why().find("a link from a new member") != std::string::npos);

  claim(*circle.alice, edit.item_id());
  resolve(*circle.alice, edit.item_id(), hearth::v1::ACTION_APPROVE);
  const auto edited = bob->wait_event([](const auto& e) { return e.has_message_edited(); });
  CHECK(edited.message_edited().message_id() == message_id);
  CHECK(edited.message_edited().text() == "hello, see https://example.org/x");
  CHECK(room_texts(*bob, circle.room()) == std::vector<std::string>{"hello, see https://example.org/x"});
  const auto notice = ann->wait_event([](const auto& e) { return e.has_moderation_notice(); });
  CHECK(notice.moderation_notice().kind() == hearth::v1::NOTICE_HELD_MESSAGE_APPROVED);
  CHECK(notice.moderation_notice().text().find("edit") != std::string::npos);
}

TEST_CASE("a held edit stays with the coach whatever its author does, and never overwrites a newer text",
          "[moderation][edit]") {
  Circle circle;
  REQUIRE(circle.alice->call(requests::set_room_policy(circle.room(), link_policy())).has_room());
  auto ann = circle.community.member("ann");
  const std::uint64_t first = post(*ann, circle.room(), "first words");
  const std::uint64_t second = post(*ann, circle.room(), "second words");
  CHECK(error_of(ann->call(requests::edit_message(first, "first, with www.example.org"))).code() ==
        hearth::v1::HELD_FOR_REVIEW);
  CHECK(error_of(ann->call(requests::edit_message(second, "second, with www.example.org"))).code() ==
        hearth::v1::HELD_FOR_REVIEW);
  // The author edits the first again (passes) and deletes the second.
  REQUIRE(ann->call(requests::edit_message(first, "first, fixed")).has_ok());
  REQUIRE(ann->call(requests::delete_message(second)).has_ok());

  const auto items = open_items(*circle.alice, circle.room());
  REQUIRE(items.size() == 2);
  for (const auto& item : items) {
    INFO(item.ShortDebugString());
    CHECK(item.message().text().find("www.example.org") != std::string::npos);  // its own copy
    claim(*circle.alice, item.item_id());
    const auto refused = error_of(circle.alice->call(requests::resolve_item(item.item_id(), hearth::v1::ACTION_APPROVE)));
    CHECK(refused.code() == hearth::v1::INVALID_ARGUMENT);
    CHECK(refused.message().find(item.edit_of_message_id() == first ? "edited" : "deleted") != std::string::npos);
    CHECK(resolve(*circle.alice, item.item_id(), hearth::v1::ACTION_REMOVE).state() == hearth::v1::ITEM_RESOLVED);
  }
  const auto page = ann->call(requests::history_latest(circle.room()));
  REQUIRE(page.history().messages_size() == 2);
  CHECK(page.history().messages(0).text() == "first, fixed");
  CHECK(page.history().messages(1).deleted());
}

TEST_CASE("every rule and policy a send passes applies to an edit", "[moderation][edit]") {
  Circle circle;
  auto ann = circle.community.member("ann");
  const std::uint64_t message_id = post(*ann, circle.room(), "an ordinary day");

  SECTION("a hold rule holds the edit") {
    REQUIRE(circle.alice->call(requests::add_rule(circle.room(), "fix him", hearth::v1::FILTER_HOLD)).has_rule());
    CHECK(error_of(ann->call(requests::edit_message(message_id, "you need to fix him"))).code() ==
          hearth::v1::HELD_FOR_REVIEW);
  }
  SECTION("a block rule refuses the edit") {
    REQUIRE(circle.alice->call(requests::add_rule(circle.room(), "buy pills", hearth::v1::FILTER_BLOCK)).has_rule());
    CHECK(error_of(ann->call(requests::edit_message(message_id, "where to buy pills"))).code() ==
          hearth::v1::BLOCKED_BY_FILTER);
  }
  SECTION("personal information holds the edit") {
    CHECK(error_of(ann->call(requests::edit_message(message_id, "call me on 555 010 4477"))).code() ==
          hearth::v1::HELD_FOR_REVIEW);
  }
  SECTION("a new member's edits are reviewed like their first messages") {
    hearth::v1::RoomPolicy policy;
    policy.set_premoderate_first_messages(3);
    REQUIRE(circle.alice->call(requests::set_room_policy(circle.room(), policy)).has_room());
    CHECK(error_of(ann->call(requests::edit_message(message_id, "an ordinary day, really"))).code() ==
          hearth::v1::HELD_FOR_REVIEW);
  }
  SECTION("slow mode counts edits") {
    hearth::v1::RoomPolicy policy;
    policy.set_slow_mode_seconds(60);
    REQUIRE(circle.alice->call(requests::set_room_policy(circle.room(), policy)).has_room());
    auto bob = circle.community.member("bob");
    const std::uint64_t bobs = post(*bob, circle.room(), "hi");
    const auto slow = error_of(bob->call(requests::edit_message(bobs, "hi there")));
    CHECK(slow.code() == hearth::v1::RATE_LIMITED);
    CHECK(slow.retry_after_ms() > 0);
  }
  SECTION("a member who left the room cannot edit in it") {
    REQUIRE(ann->call(requests::leave_room(circle.room())).has_ok());
    CHECK(error_of(ann->call(requests::edit_message(message_id, "from outside"))).code() == hearth::v1::FORBIDDEN);
  }
  SECTION("a crisis phrase in an edit reaches the coaches and the author") {
    REQUIRE(ann->call(requests::edit_message(message_id, "I want to die")).has_ok());
    ann->wait_event([](const auto& e) { return e.has_crisis_resources(); });
    circle.alice->wait_event([](const auto& e) { return e.has_crisis_alert(); });
  }
  // Whatever was refused or held, the room still has the original text (or the crisis edit).
  const auto texts = room_texts(*circle.alice, circle.room());
  REQUIRE(texts.size() >= 1);
  CHECK((texts[0] == "an ordinary day" || texts[0] == "I want to die"));
}

TEST_CASE("a muted member may delete their message and the coach keeps what was under review", "[moderation][edit]") {
  Circle circle;
  auto ann = circle.community.member("ann");
  auto bob = circle.community.member("bob");
  REQUIRE(circle.alice->call(requests::add_rule(circle.room(), "stupid", hearth::v1::FILTER_FLAG)).has_rule());
  const std::uint64_t flagged = post(*bob, circle.room(), "that is a stupid idea");
  const std::uint64_t reported = post(*bob, circle.room(), "nobody asked you");
  const std::uint64_t report_item = report(*ann, reported, hearth::v1::REPORT_HARASSMENT);
  claim(*circle.alice, report_item);
  resolve(*circle.alice, report_item, hearth::v1::ACTION_MUTE, "cool off", 30);
  bob->wait_event([](const auto& e) { return e.has_moderation_notice(); });

  // Muted: no new words, edits included; but taking one's words back is allowed.
  CHECK(error_of(bob->call(requests::edit_message(flagged, "sorry"))).code() == hearth::v1::FORBIDDEN);
  REQUIRE(bob->call(requests::delete_message(flagged)).has_ok());
  ann->wait_event([](const auto& e) { return e.has_message_deleted(); });

  const auto items = open_items(*circle.alice, circle.room());
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind() == hearth::v1::ITEM_FLAG);
  CHECK(items[0].message().message_id() == flagged);
  CHECK(items[0].message().text() == "that is a stupid idea");
  CHECK(items[0].message().deleted());
}

TEST_CASE("a reported message edited afterwards keeps the reported words in the queue", "[moderation][edit]") {
  Circle circle;
  auto ann = circle.community.member("ann");
  auto bob = circle.community.member("bob");
  const std::uint64_t message_id = post(*bob, circle.room(), "you are all idiots");
  const std::uint64_t first_item = report(*ann, message_id, hearth::v1::REPORT_HARASSMENT);
  REQUIRE(bob->call(requests::edit_message(message_id, "I want to die")).has_ok());
  circle.alice->wait_event([](const auto& e) { return e.has_crisis_alert(); });
  // A second report now is about the new words: it joins the crisis item, not the first report.
  auto cat = circle.community.member("cat");
  CHECK(report(*cat, message_id, hearth::v1::REPORT_CRISIS_CONCERN) != first_item);

  const auto items = open_items(*circle.alice, circle.room());
  REQUIRE(items.size() == 2);
  CHECK(items[0].kind() == hearth::v1::ITEM_CRISIS);
  CHECK(items[0].message().text() == "I want to die");
  CHECK(items[1].item_id() == first_item);
  CHECK(items[1].message().text() == "you are all idiots");
}

TEST_CASE("coaches and admins lift a mute or a ban before it ends", "[moderation][lift]") {
  Circle circle;
  auto ann = circle.community.member("ann");
  auto bob = circle.community.member("bob");
  const auto is_notice = [](hearth::v1::NoticeKind kind) {
    return [kind](const hearth::v1::Event& e) { return e.has_moderation_notice() && e.moderation_notice().kind() == kind; };
  };
  std::uint64_t item_id = report(*ann, post(*bob, circle.room(), "nobody asked you"), hearth::v1::REPORT_HARASSMENT);
  claim(*circle.alice, item_id);
  resolve(*circle.alice, item_id, hearth::v1::ACTION_MUTE, "cool off", 60);
  bob->wait_event(is_notice(hearth::v1::NOTICE_MUTED));

  // Who may lift, and what they may name.
  CHECK(error_of(ann->call(requests::lift_sanction(circle.room(), "bob", hearth::v1::SANCTION_MUTE))).code() ==
        hearth::v1::FORBIDDEN);
  CHECK(error_of(bob->call(requests::lift_sanction(circle.room(), "bob", hearth::v1::SANCTION_MUTE))).code() ==
        hearth::v1::FORBIDDEN);
  const auto unknown = error_of(circle.alice->call(requests::lift_sanction(circle.room(), "nobody", hearth::v1::SANCTION_MUTE)));
  CHECK(unknown.code() == hearth::v1::NOT_FOUND);
  CHECK(unknown.message().find("no member called nobody") != std::string::npos);
  CHECK(error_of(circle.alice->call(requests::lift_sanction(circle.room(), "ann", hearth::v1::SANCTION_MUTE))).code() ==
        hearth::v1::NOT_FOUND);  // not muted
  CHECK(error_of(circle.alice->call(requests::lift_sanction(circle.room(), "bob", hearth::v1::SANCTION_BAN))).code() ==
        hearth::v1::NOT_FOUND);  // muted, not banned
  CHECK(error_of(circle.alice->call(requests::lift_sanction(0, "bob", hearth::v1::SANCTION_MUTE))).code() ==
        hearth::v1::INVALID_ARGUMENT);
  CHECK(error_of(circle.alice->call(requests::lift_sanction(circle.room(), "bob", hearth::v1::SANCTION_KIND_UNSPECIFIED)))
            .code() == hearth::v1::INVALID_ARGUMENT);
  CHECK(error_of(circle.alice->call(requests::lift_sanction(999, "bob", hearth::v1::SANCTION_MUTE))).code() ==
        hearth::v1::NOT_FOUND);

  REQUIRE(circle.alice->call(requests::lift_sanction(circle.room(), "Bob", hearth::v1::SANCTION_MUTE, "talked it through"))
              .has_ok());
  const auto lifted = bob->wait_event(is_notice(hearth::v1::NOTICE_MUTE_LIFTED));
  CHECK(lifted.moderation_notice().room_id() == circle.room());
  CHECK(lifted.moderation_notice().text().find("talked it through") != std::string::npos);
  post(*bob, circle.room(), "thank you");
  CHECK(error_of(circle.alice->call(requests::lift_sanction(circle.room(), "bob", hearth::v1::SANCTION_MUTE))).code() ==
        hearth::v1::NOT_FOUND);  // nothing left to lift
  const auto audit = circle.alice->call(requests::list_audit(circle.room()));
  REQUIRE(audit.audit().records_size() > 0);
  const auto& record = audit.audit().records(0);
  CHECK(record.action() == hearth::v1::AUDIT_MUTE_LIFTED);
  CHECK(record.actor().handle() == "alice");
  CHECK(record.target().handle() == "bob");
  CHECK(record.detail() == "talked it through");

  // A room ban, lifted by the other coach: the member may join again, and it holds after a restart.
  item_id = report(*ann, post(*bob, circle.room(), "still nobody asked you"), hearth::v1::REPORT_HARASSMENT);
  claim(*circle.alice, item_id);
  resolve(*circle.alice, item_id, hearth::v1::ACTION_BAN_ROOM, "again");
  CHECK(error_of(bob->call(requests::join_room(circle.room()))).code() == hearth::v1::FORBIDDEN);
  REQUIRE(circle.carl->call(requests::lift_sanction(circle.room(), "bob", hearth::v1::SANCTION_BAN)).has_ok());
  bob->wait_event(is_notice(hearth::v1::NOTICE_BAN_LIFTED));
  CHECK(audit_actions(*circle.alice, circle.room()).back() == hearth::v1::AUDIT_BAN_LIFTED);

  // A server ban: admins only.
  auto dan = circle.community.member("dan");
  item_id = report(*ann, post(*dan, circle.room(), "spam"), hearth::v1::REPORT_SPAM);
  claim(*circle.community.admin, item_id);
  resolve(*circle.community.admin, item_id, hearth::v1::ACTION_BAN_SERVER, "spam bot");
  REQUIRE(dan->connection().wait_closed(10s));
  CHECK(error_of(circle.alice->call(requests::lift_sanction(0, "dan", hearth::v1::SANCTION_BAN))).code() ==
        hearth::v1::FORBIDDEN);
  REQUIRE(circle.community.admin->call(requests::lift_sanction(0, "dan", hearth::v1::SANCTION_BAN, "a person after all"))
              .has_ok());
  CHECK(audit_actions(*circle.community.admin, 0).back() == hearth::v1::AUDIT_BAN_LIFTED);
  {
    TestClient dan_back(circle.community.server->ws_url());
    dan_back.login_as("dan");  // at once, on the running server
  }

  // Lifted stays lifted across a restart: what storage says, not only what was in memory.
  circle.alice.reset();
  circle.carl.reset();
  ann.reset();
  bob.reset();
  dan.reset();
  circle.community.admin.reset();
  circle.community.server.reset();
  HearthdProcess restarted(circle.community.dir.path() / "data");
  TestClient bob_again(restarted.ws_url());
  bob_again.login_as("bob");
  REQUIRE(bob_again.call(requests::join_room(circle.room())).has_room());
  bob_again.say(circle.room(), "back, and calmer");
  TestClient dan_again(restarted.ws_url());
  dan_again.login_as("dan");
}
