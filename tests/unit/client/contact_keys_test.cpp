#include "clients/cli/contact_keys.h"

#include <catch2/catch.hpp>

using namespace hearth::cli;

namespace {

std::string key(char fill) { return std::string(32, fill); }

}  // namespace

TEST_CASE("the devices first listed for a person are trusted, all of them", "[client][keys]") {
  DeviceState state;
  CHECK(note_devices(state, "bob", {{2, key('a')}, {3, key('b')}}).empty());
  CHECK_FALSE(has_pending_changes(state, "bob"));
  CHECK(is_accepted(state, "bob", {2, key('a')}));
  CHECK(is_accepted(state, "bob", {3, key('b')}));
  CHECK_FALSE(is_accepted(state, "bob", {3, key('c')}));
  CHECK_FALSE(is_accepted(state, "ann", {2, key('a')}));
}

TEST_CASE("a new device or a different key is a change that waits to be accepted", "[client][keys]") {
  DeviceState state;
  note_devices(state, "bob", {{2, key('a')}});
  contact_of(state, "bob").set_verified(true);

  SECTION("a new device") {
    const auto changes = note_devices(state, "bob", {{2, key('a')}, {4, key('d')}});
    REQUIRE(changes.size() == 1);
    CHECK_THAT(changes[0], Catch::Contains("NEW device #4"));
    CHECK(has_pending_changes(state, "bob"));
    CHECK_FALSE(contact_of(state, "bob").verified());
    // Seen again: the same change is not reported twice.
    CHECK(note_devices(state, "bob", {{2, key('a')}, {4, key('d')}}).empty());
    accept_changes(state, "bob", false);
    CHECK_FALSE(has_pending_changes(state, "bob"));
    CHECK(is_accepted(state, "bob", {4, key('d')}));
  }
  SECTION("a different key for a known device") {
    const auto changes = note_device(state, "bob", {2, key('z')});
    REQUIRE(changes.size() == 1);
    CHECK_THAT(changes[0], Catch::Contains("NEW identity key"));
    CHECK(is_accepted(state, "bob", {2, key('a')}));  // the old one stays until accepted
    accept_changes(state, "bob", true);
    CHECK(is_accepted(state, "bob", {2, key('z')}));
    CHECK_FALSE(is_accepted(state, "bob", {2, key('a')}));
    CHECK(contact_of(state, "bob").verified());
  }
}

TEST_CASE("a device that disappears is forgotten with its sessions", "[client][keys]") {
  DeviceState state;
  note_devices(state, "bob", {{2, key('a')}, {3, key('b')}});
  session_of(state, "bob", 3).set_current("session");
  session_of(state, "bob", 2).set_current("session");
  CHECK(note_devices(state, "bob", {{2, key('a')}}).empty());
  CHECK_FALSE(is_accepted(state, "bob", {3, key('b')}));
  CHECK(find_session(state, "bob", 3) == nullptr);
  CHECK(find_session(state, "bob", 2) != nullptr);
  // Coming back later is a new device again.
  CHECK(note_devices(state, "bob", {{2, key('a')}, {3, key('b')}}).size() == 1);
}
