// Rooms, roles and membership over real connections.
#include <catch2/catch.hpp>

#include "tests/integration/test_users.h"

using namespace hearth::testing;

namespace {
std::uint64_t create_room(TestClient& admin, const std::string& name, bool closed) {
  const auto response = admin.call(requests::create_room(name, "topic", closed));
  INFO(response.ShortDebugString());
  REQUIRE(response.has_room());
  return response.room().room().room_id();
}
}  // namespace

TEST_CASE("only admins create rooms - names are unique slugs", "[rooms]") {
  Community community;
  auto ann = community.member("ann", false);
  CHECK(ann->call(requests::create_room("mine", "", false)).error().code() == hearth::v1::FORBIDDEN);
  CHECK(community.admin->call(requests::create_room("circle", "", false)).error().code() == hearth::v1::ALREADY_EXISTS);
  CHECK(community.admin->call(requests::create_room("Bad Name", "", false)).error().code() == hearth::v1::INVALID_ARGUMENT);
}

TEST_CASE("closed rooms need a one-time room invite - open rooms do not", "[rooms]") {
  Community community;
  const auto closed_room = create_room(*community.admin, "evening-group", true);
  auto ann = community.member("ann", false);
  auto bob = community.member("bob", false);

  // Closed rooms are not listed to outsiders.
  const auto listed = ann->call(requests::list_rooms());
  REQUIRE(listed.has_rooms());
  bool sees_closed = false;
  for (const auto& room : listed.rooms().rooms()) sees_closed |= room.room_id() == closed_room;
  CHECK_FALSE(sees_closed);

  CHECK(ann->call(requests::join_room(closed_room)).error().code() == hearth::v1::FORBIDDEN);
  CHECK(ann->call(requests::join_room(closed_room, "AAAA-BBBB-CCCC-DDDD")).error().code() == hearth::v1::NOT_FOUND);
  CHECK(ann->call(requests::create_room_invite(closed_room)).error().code() == hearth::v1::FORBIDDEN);
  const auto invite = community.admin->call(requests::create_room_invite(closed_room));
  REQUIRE(invite.has_invite());
  const auto joined = ann->call(requests::join_room(closed_room, invite.invite().code()));
  REQUIRE(joined.has_room());
  CHECK(joined.room().room().joined());
  CHECK(bob->call(requests::join_room(closed_room, invite.invite().code())).error().code() == hearth::v1::NOT_FOUND);
  // An invite for one room does not open another.
  const auto other_room = create_room(*community.admin, "other-group", true);
  const auto other_invite = community.admin->call(requests::create_room_invite(other_room));
  CHECK(bob->call(requests::join_room(closed_room, other_invite.invite().code())).error().code() == hearth::v1::NOT_FOUND);

  CHECK(bob->call(requests::join_room(community.room_id)).has_room());
  CHECK(bob->call(requests::join_room(community.room_id)).has_room());  // joining twice is harmless
  CHECK(bob->call(requests::join_room(99999)).error().code() == hearth::v1::NOT_FOUND);
}

TEST_CASE("members see who is in the room and who is online - the room hears joins and leaves", "[rooms]") {
  Community community;
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  ann->wait_event([](const auto& e) { return e.has_member_joined() && e.member_joined().user().handle() == "bob"; });

  const auto members = ann->call(requests::list_members(community.room_id));
  REQUIRE(members.has_members());
  REQUIRE(members.members().members_size() == 2);
  for (const auto& member : members.members().members()) CHECK(member.online());

  auto outsider = community.member("cyd", false);
  CHECK(outsider->call(requests::list_members(community.room_id)).error().code() == hearth::v1::FORBIDDEN);

  bob.reset();  // bob goes offline
  ann->wait_event([](const auto& e) {
    return e.has_presence_changed() && !e.presence_changed().online() && e.presence_changed().user().handle() == "bob";
  });

  REQUIRE(ann->call(requests::leave_room(community.room_id)).has_ok());
  CHECK(ann->call(requests::send_message(community.room_id, "still here?")).error().code() == hearth::v1::FORBIDDEN);
  CHECK(ann->call(requests::leave_room(community.room_id)).error().code() == hearth::v1::FORBIDDEN);
}

TEST_CASE("admins assign coaches, who may then invite to their closed room", "[rooms]") {
  Community community;
  const auto closed_room = create_room(*community.admin, "coached-group", true);
  const auto coach_invite = community.admin->call(requests::create_invite(hearth::v1::ROLE_COACH));
  TestClient coach(community.server->ws_url());
  coach.register_as("coach-ida", coach_invite.invite().code());
  auto ann = community.member("ann", false);

  CHECK(community.admin->call(requests::assign_coach(closed_room, "ann")).error().code() == hearth::v1::FORBIDDEN);
  CHECK(coach.call(requests::assign_coach(closed_room, "coach-ida")).error().code() == hearth::v1::FORBIDDEN);
  REQUIRE(community.admin->call(requests::assign_coach(closed_room, "coach-ida")).has_ok());

  const auto members = coach.call(requests::list_members(closed_room));
  REQUIRE(members.members().members_size() == 1);
  CHECK(members.members().members(0).coach());

  const auto invite = coach.call(requests::create_room_invite(closed_room));
  REQUIRE(invite.has_invite());
  CHECK(ann->call(requests::join_room(closed_room, invite.invite().code())).has_room());
  CHECK(coach.call(requests::leave_room(closed_room)).error().code() == hearth::v1::FORBIDDEN);
}
