#include "clients/e2e/safety_number.h"

#include <catch2/catch.hpp>

#include <regex>

#include "clients/e2e/device_keys.h"
#include "tests/unit/e2e/test_support.h"

namespace e2e = hearth::e2e;
using e2e::safety_number;
using Keys = std::vector<std::vector<std::uint8_t>>;

namespace {

std::vector<std::uint8_t> key() {
  return e2e::test::vec(e2e::DeviceKeys::generate(0).identity_signing_key());
}

}  // namespace

TEST_CASE("safety numbers are 12 groups of 5 digits, the same on both sides", "[e2e][safety]") {
  Keys alice{key(), key()};
  Keys bob{key()};
  const auto mine = safety_number("alice", alice, "bob", bob);
  const auto theirs = safety_number("bob", bob, "alice", alice);
  CHECK(mine == theirs);
  CHECK(std::regex_match(mine, std::regex("[0-9]{5}( [0-9]{5}){11}")));
  // Device order and duplicates do not matter.
  Keys reordered{alice[1], alice[0], alice[1]};
  CHECK(safety_number("alice", reordered, "bob", bob) == mine);
}

TEST_CASE("safety numbers change when any key, device or id changes", "[e2e][safety]") {
  Keys alice{key(), key()};
  Keys bob{key(), key()};
  const auto base = safety_number("alice", alice, "bob", bob);
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t byte : {0u, 17u, 31u}) {
      Keys a = alice;
      a[i][byte] ^= 1;
      CHECK(safety_number("alice", a, "bob", bob) != base);
      Keys b = bob;
      b[i][byte] ^= 0x80;
      CHECK(safety_number("alice", alice, "bob", b) != base);
    }
  }
  Keys added = alice;
  added.push_back(key());
  CHECK(safety_number("alice", added, "bob", bob) != base);
  CHECK(safety_number("alice", {alice[0]}, "bob", bob) != base);
  CHECK(safety_number("alicf", alice, "bob", bob) != base);
  CHECK(safety_number("alice", bob, "bob", alice) != base);  // keys swapped between people
}

TEST_CASE("safety numbers refuse keys of the wrong size, and formatting groups by five",
          "[e2e][safety]") {
  CHECK(safety_number("a", {std::vector<std::uint8_t>(31)}, "b", {}).empty());
  CHECK(e2e::safety_number_half("a", {}).size() == 30);
  CHECK(e2e::format_safety_number("0123456789") == "01234 56789");
}

TEST_CASE("safety numbers hash the handle folded to lower case, and refuse what is not a handle",
          "[e2e][safety]") {
  Keys alice{key()};
  Keys bob{key()};
  // The server treats handles differing only in case as one person: so does the number.
  CHECK(e2e::safety_number_id("Ann_B.k-9") == std::optional<std::string>("ann_b.k-9"));
  CHECK(safety_number("ALICE", alice, "Bob", bob) == safety_number("alice", alice, "bob", bob));
  CHECK(e2e::safety_number_half("Alice", alice) == e2e::safety_number_half("alice", alice));
  // Outside A-Z a-z 0-9 _ . - there is no folding rule to agree on: no number at all.
  for (std::string_view bad : {"", "al ice", "alice\n", "ålice", "ALİCE", "a@b"}) {
    INFO(bad);
    CHECK_FALSE(e2e::safety_number_id(bad));
    CHECK(e2e::safety_number_half(bad, alice).empty());
    CHECK(safety_number(bad, alice, "bob", bob).empty());
  }
}
