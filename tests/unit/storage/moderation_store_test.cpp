#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <thread>

#include "tests/unit/storage/store_fixture.h"

using namespace hearth::storage;
using namespace hearth::storage::testing;
using hearth::moderation::AuditAction;
using hearth::moderation::ItemKind;
using hearth::moderation::ItemState;
using hearth::moderation::Moderator;
using hearth::moderation::Resolution;
using hearth::moderation::WatchAction;

namespace {

constexpr std::int64_t kNow = 1'000'000;
constexpr std::int64_t kLease = 600'000;

struct Scene {
  TempDb db;
  std::unique_ptr<SqliteStore> store = db.open();
  ModerationStore& moderation = *store;
  UserRecord coach = make_user(*store, "coach");
  UserRecord coach2 = make_user(*store, "coach2");
  UserRecord member = make_user(*store, "member");
  UserRecord reporter = make_user(*store, "reporter");
  RoomRecord room = make_room(*store, "tuesday");
  Moderator as_coach{coach.id, false, true};
  Moderator as_coach2{coach2.id, false, true};

  MessageRecord deliver(const std::string& text) {
    auto message = wait<MessageRecord>([&](auto done) { store->append_message(room.id, member.id, text, kNow, done); });
    REQUIRE(message.ok());
    return message.value();
  }
  ItemRecord hold(const std::string& text) {
    MessageRecord message;
    message.room_id = room.id;
    message.author_id = member.id;
    message.text = text;
    message.sent_at_ms = kNow;
    auto item = wait<ItemRecord>([&](auto done) { moderation.hold_message(message, "a phone number", kNow, done); });
    REQUIRE(item.ok());
    return item.value();
  }
  ItemTransition claim(std::uint64_t item, const Moderator& who, std::int64_t at = kNow) {
    auto result = wait<ItemTransition>([&](auto done) { moderation.claim_item(item, who, at, kLease, done); });
    REQUIRE(result.ok());
    return result.value();
  }
  ItemTransition resolve(std::uint64_t item, const Moderator& who, Resolution resolution, std::int64_t duration_ms = 0,
                         bool also_remove = false) {
    ResolveRequest request;
    request.resolution = resolution;
    request.reason = "because";
    request.duration_ms = duration_ms;
    request.also_remove = also_remove;
    auto result = wait<ItemTransition>([&](auto done) { moderation.resolve_item(item, who, request, kNow + 1, done); });
    REQUIRE(result.ok());
    return result.value();
  }
  std::vector<AuditAction> audit_actions() {
    auto page = wait<AuditPage>([&](auto done) { moderation.list_audit({}, done); });
    REQUIRE(page.ok());
    std::vector<AuditAction> actions;
    for (auto it = page->records.rbegin(); it != page->records.rend(); ++it) actions.push_back(it->action);
    return actions;
  }
};

}  // namespace

TEST_CASE("the shipped crisis phrases are rules from the first start", "[storage][moderation]") {
  Scene scene;
  auto rules = wait<std::vector<FilterRuleRecord>>([&](auto done) { scene.moderation.list_filter_rules(done); });
  REQUIRE(rules.ok());
  REQUIRE(rules->size() > 10);
  for (const auto& rule : rules.value()) {
    CHECK(rule.rule.action == WatchAction::kCrisis);
    CHECK(rule.created_by == 0);
  }
}

TEST_CASE("rules are added and removed with audit records", "[storage][moderation]") {
  Scene scene;
  FilterRuleRecord rule;
  rule.rule = {0, scene.room.id, "crosstalk", WatchAction::kHold};
  rule.created_by = scene.coach.id;
  rule.created_at_ms = kNow;
  auto added = wait<FilterRuleRecord>([&](auto done) { scene.moderation.add_filter_rule(rule, done); });
  REQUIRE(added.ok());
  CHECK(added->rule.rule_id != 0);
  auto removed = wait<FilterRuleRecord>(
      [&](auto done) { scene.moderation.remove_filter_rule(added->rule.rule_id, scene.coach.id, "too broad", kNow, done); });
  REQUIRE(removed.ok());
  CHECK(removed->rule.pattern == "crosstalk");
  auto again = wait<FilterRuleRecord>(
      [&](auto done) { scene.moderation.remove_filter_rule(added->rule.rule_id, scene.coach.id, "", kNow, done); });
  CHECK(again.status() == Status::kNotFound);
  CHECK(scene.audit_actions() == std::vector<AuditAction>{AuditAction::kRuleAdded, AuditAction::kRuleRemoved});
}

TEST_CASE("a held message gets the room's next seq only when approved", "[storage][moderation]") {
  Scene scene;
  scene.deliver("first");
  const ItemRecord held = scene.hold("call me on 555 010 4477");
  CHECK(held.review.kind == ItemKind::kHeld);
  CHECK(held.message.id == 0);
  scene.deliver("second");  // the room moves on while the message waits

  // Resolving without a claim is refused and changes nothing.
  const ItemTransition unclaimed = scene.resolve(held.id, scene.as_coach, Resolution::kApprove);
  CHECK_FALSE(unclaimed.decision.ok());

  scene.claim(held.id, scene.as_coach);
  const ItemTransition approved = scene.resolve(held.id, scene.as_coach, Resolution::kApprove);
  REQUIRE(approved.decision.ok());
  REQUIRE(approved.delivered);
  CHECK(approved.delivered->seq == 3);
  CHECK(approved.delivered->text == "call me on 555 010 4477");
  CHECK(approved.item.review.state == ItemState::kResolved);
  CHECK(approved.item.message.id == approved.delivered->id);
  CHECK(approved.item.held_id == 0);

  auto history = wait<HistoryPage>([&](auto done) { scene.store->history({scene.room.id, 0, 0, 50}, done); });
  REQUIRE(history->messages.size() == 3);
  CHECK(history->messages[2].text == "call me on 555 010 4477");
  CHECK(scene.audit_actions() ==
        std::vector<AuditAction>{AuditAction::kMessageHeld, AuditAction::kItemClaimed, AuditAction::kMessageApproved});
}

TEST_CASE("reports join the message's open item and removal leaves a tombstone", "[storage][moderation]") {
  Scene scene;
  const MessageRecord message = scene.deliver("you people are pathetic");
  auto flagged = wait<ItemRecord>([&](auto done) { scene.moderation.open_item(ItemKind::kFlag, message, "room rule 4 (flag)", kNow, done); });
  REQUIRE(flagged.ok());

  ReportRecord report{scene.reporter.id, "", 1, "rude", kNow};
  auto first = wait<ItemRecord>([&](auto done) { scene.moderation.report_message(message, report, done); });
  REQUIRE(first.ok());
  CHECK(first->id == flagged->id);                    // one open item per message
  CHECK(first->review.kind == ItemKind::kReport);    // and a report outranks a flag
  report = {scene.coach2.id, "", 2, "", kNow + 5};
  auto second = wait<ItemRecord>([&](auto done) { scene.moderation.report_message(message, report, done); });
  REQUIRE(second->reports.size() == 2);
  CHECK(second->reports[0].reporter_handle == "reporter");
  report = {scene.reporter.id, "", 3, "changed my mind about why", kNow + 9};
  auto updated = wait<ItemRecord>([&](auto done) { scene.moderation.report_message(message, report, done); });
  CHECK(updated->reports.size() == 2);  // the same reporter again updates their report

  scene.claim(first->id, scene.as_coach);
  const ItemTransition removed = scene.resolve(first->id, scene.as_coach, Resolution::kRemove);
  REQUIRE(removed.decision.ok());
  REQUIRE(removed.removed);
  CHECK(removed.removed->deleted);
  CHECK(removed.removed->removed_by_moderator);
  auto history = wait<HistoryPage>([&](auto done) { scene.store->history({scene.room.id, 0, 0, 50}, done); });
  REQUIRE(history->messages.size() == 1);
  CHECK(history->messages[0].deleted);
  CHECK(history->messages[0].removed_by_moderator);
  CHECK(history->messages[0].text.empty());

  // A later report opens a new item: the old one stays resolved.
  auto gone = wait<MessageRecord>([&](auto done) { scene.moderation.find_message(message.id, done); });
  CHECK(gone.status() == Status::kNotFound);
}

TEST_CASE("two coaches claiming one item at once: exactly one wins", "[storage][moderation]") {
  Scene scene;
  const ItemRecord held = scene.hold("hello");
  for (int round = 0; round < 20; ++round) {
    std::promise<ItemTransition> a, b;
    std::thread first([&] {
      scene.moderation.claim_item(held.id, scene.as_coach, kNow + round * kLease * 2, kLease,
                                  [&](Result<ItemTransition> r) { a.set_value(r.value()); });
    });
    std::thread second([&] {
      scene.moderation.claim_item(held.id, scene.as_coach2, kNow + round * kLease * 2, kLease,
                                  [&](Result<ItemTransition> r) { b.set_value(r.value()); });
    });
    first.join();
    second.join();
    const ItemTransition ra = a.get_future().get(), rb = b.get_future().get();
    CHECK(ra.decision.ok() != rb.decision.ok());
    const std::uint64_t winner = ra.decision.ok() ? scene.coach.id : scene.coach2.id;
    CHECK((ra.decision.ok() ? ra : rb).item.review.claimed_by == winner);
  }
}

TEST_CASE("sanctions take effect in the same transaction", "[storage][moderation]") {
  Scene scene;
  REQUIRE(wait<MembershipRecord>([&](auto done) { scene.store->add_member(scene.room.id, scene.member.id, false, "", kNow, done); }).ok());
  auto token = wait<TokenRecord>([&](auto done) { scene.store->create_token(scene.member.id, "token-hash", "", kNow, kNow * 10, done); });
  REQUIRE(token.ok());

  const MessageRecord muted_for = scene.deliver("one");
  auto item = wait<ItemRecord>([&](auto done) { scene.moderation.open_item(ItemKind::kFlag, muted_for, "flag", kNow, done); });
  scene.claim(item->id, scene.as_coach);
  const ItemTransition muted = scene.resolve(item->id, scene.as_coach, Resolution::kMute, 3'600'000);
  REQUIRE(muted.sanction);
  CHECK(muted.sanction->kind == SanctionKind::kMute);
  CHECK(muted.sanction->until_ms == kNow + 1 + 3'600'000);
  auto sanctions = wait<std::vector<SanctionRecord>>([&](auto done) { scene.moderation.list_sanctions(kNow, done); });
  CHECK(sanctions->size() == 1);

  const MessageRecord banned_for = scene.deliver("two");
  item = wait<ItemRecord>([&](auto done) { scene.moderation.open_item(ItemKind::kFlag, banned_for, "flag", kNow, done); });
  const Moderator admin{999, true, false};
  scene.claim(item->id, admin);
  const ItemTransition banned = scene.resolve(item->id, admin, Resolution::kBanServer, 0, /*also_remove=*/true);
  REQUIRE(banned.decision.ok());
  CHECK(banned.server_ban_until_ms == hearth::moderation::kForever);
  CHECK(banned.removed);
  auto owner = wait<TokenOwner>([&](auto done) { scene.store->find_token_owner("token-hash", kNow, done); });
  CHECK(owner.status() == Status::kNotFound);  // every token revoked
  auto user = wait<UserRecord>([&](auto done) { scene.store->find_user(scene.member.id, done); });
  CHECK(user->banned_until_ms == hearth::moderation::kForever);
}

TEST_CASE("sanctions against coaches and admins are refused", "[storage][moderation]") {
  Scene scene;
  REQUIRE(wait<MembershipRecord>([&](auto done) { scene.store->add_member(scene.room.id, scene.coach2.id, true, "", kNow, done); }).ok());
  auto message = wait<MessageRecord>([&](auto done) { scene.store->append_message(scene.room.id, scene.coach2.id, "x", kNow, done); });
  ReportRecord report{scene.reporter.id, "", 1, "", kNow};
  auto item = wait<ItemRecord>([&](auto done) { scene.moderation.report_message(message.value(), report, done); });
  scene.claim(item->id, scene.as_coach);
  const ItemTransition refused = scene.resolve(item->id, scene.as_coach, Resolution::kMute, 60'000);
  CHECK(refused.decision.refusal == hearth::moderation::Decision::Refusal::kForbidden);
  CHECK_FALSE(refused.sanction);
}

TEST_CASE("the audit log refuses updates and deletes", "[storage][moderation]") {
  Scene scene;
  scene.hold("x");
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open((scene.db.dir / "hearth.db").c_str(), &raw) == SQLITE_OK);
  char* error = nullptr;
  CHECK(sqlite3_exec(raw, "UPDATE audit_log SET detail = 'edited'", nullptr, nullptr, &error) == SQLITE_CONSTRAINT);
  CHECK(std::string(error) == "the audit log is append-only");
  sqlite3_free(error);
  CHECK(sqlite3_exec(raw, "DELETE FROM audit_log", nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
  sqlite3_close(raw);
  CHECK(scene.audit_actions().size() == 1);
}

TEST_CASE("the queue lists the most urgent first and filters by room", "[storage][moderation]") {
  Scene scene;
  const RoomRecord other = make_room(*scene.store, "other");
  const ItemRecord held = scene.hold("held one");
  const MessageRecord message = scene.deliver("crisis one");
  auto crisis = wait<ItemRecord>([&](auto done) { scene.moderation.open_item(ItemKind::kCrisis, message, "server rule 1 (crisis)", kNow + 10, done); });
  MessageRecord elsewhere;
  elsewhere.room_id = other.id;
  elsewhere.author_id = scene.member.id;
  elsewhere.text = "elsewhere";
  auto other_item = wait<ItemRecord>([&](auto done) { scene.moderation.hold_message(elsewhere, "x", kNow, done); });

  ItemQuery query;
  auto all = wait<std::vector<ItemRecord>>([&](auto done) { scene.moderation.list_items(query, done); });
  REQUIRE(all->size() == 3);
  CHECK(all->at(0).id == crisis->id);  // crisis before held, whatever their age
  query.room_ids = {scene.room.id};
  auto mine = wait<std::vector<ItemRecord>>([&](auto done) { scene.moderation.list_items(query, done); });
  REQUIRE(mine->size() == 2);
  CHECK(mine->at(1).id == held.id);
  CHECK(mine->at(1).message.text == "held one");
  (void)other_item;
}

TEST_CASE("an item keeps its copy of the words while under review, and lets it go with them after", "[storage][moderation]") {
  Scene scene;
  const auto text_of = [&](std::uint64_t item_id) {
    auto item = wait<ItemRecord>([&](auto done) { scene.moderation.find_item(item_id, done); });
    REQUIRE(item.ok());
    return item->message.text;
  };
  const auto report_of = [&](const MessageRecord& message) {
    ReportRecord report{scene.reporter.id, "", 1, "", kNow};
    auto item = wait<ItemRecord>([&](auto done) { scene.moderation.report_message(message, report, done); });
    REQUIRE(item.ok());
    return item->id;
  };
  const auto delete_by_author = [&](const MessageRecord& message) {
    REQUIRE(wait<MessageRecord>([&](auto done) { scene.store->delete_message(message.id, scene.member.id, done); }).ok());
  };

  SECTION("deleted while under review: the coach still sees it until the item is resolved") {
    const MessageRecord message = scene.deliver("words under review");
    const std::uint64_t item = report_of(message);
    delete_by_author(message);
    CHECK(text_of(item) == "words under review");
    scene.claim(item, scene.as_coach);
    scene.resolve(item, scene.as_coach, Resolution::kDismiss);
    CHECK(text_of(item).empty());
  }
  SECTION("deleted after the resolution") {
    const MessageRecord message = scene.deliver("words looked at");
    const std::uint64_t item = report_of(message);
    scene.claim(item, scene.as_coach);
    scene.resolve(item, scene.as_coach, Resolution::kDismiss);
    CHECK(text_of(item) == "words looked at");  // still in the room: the record shows what was ruled on
    delete_by_author(message);
    CHECK(text_of(item).empty());
  }
  SECTION("removed by the coach, delivered or held") {
    const std::uint64_t reported = report_of(scene.deliver("words removed"));
    scene.claim(reported, scene.as_coach);
    scene.resolve(reported, scene.as_coach, Resolution::kRemove);
    CHECK(text_of(reported).empty());
    const std::uint64_t held = scene.hold("call me on 555 010 4477").id;
    scene.claim(held, scene.as_coach);
    scene.resolve(held, scene.as_coach, Resolution::kRemove);
    CHECK(text_of(held).empty());
  }
}
