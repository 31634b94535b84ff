#include "server/fair_queue.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using hearth::server::FairQueue;

namespace {
// Pops every job that may run now and returns their keys in order, running none.
std::vector<std::string> pop_all(FairQueue& queue) {
  std::vector<std::string> keys;
  while (auto taken = queue.pop()) keys.push_back(taken->key);
  return keys;
}
}  // namespace

TEST_CASE("one key's many jobs do not delay another key's job", "[fair_queue]") {
  FairQueue queue(1);
  for (int i = 0; i < 150; ++i) queue.push("hostile", [] {});
  queue.push("person", [] {});
  // One hostile job runs; the person's job is next, not 150th.
  CHECK(pop_all(queue) == std::vector<std::string>{"hostile", "person"});
  queue.finished("person");
  queue.finished("hostile");
  CHECK(pop_all(queue) == std::vector<std::string>{"hostile"});
}

TEST_CASE("at most per_key jobs of one key run at once, keys take turns", "[fair_queue]") {
  FairQueue queue(2);
  for (int i = 0; i < 5; ++i) queue.push("a", [] {});
  for (int i = 0; i < 5; ++i) queue.push("b", [] {});
  CHECK(pop_all(queue) == std::vector<std::string>{"a", "b", "a", "b"});
  queue.finished("b");
  CHECK(pop_all(queue) == std::vector<std::string>{"b"});
  queue.finished("a");
  queue.finished("a");
  CHECK(pop_all(queue) == std::vector<std::string>{"a", "a"});
}

TEST_CASE("a finished key leaves nothing behind, and drain empties the queue", "[fair_queue]") {
  FairQueue queue(1);
  int ran = 0;
  queue.push("a", [&] { ++ran; });
  auto taken = queue.pop();
  REQUIRE(taken);
  taken->job();
  queue.finished("a");
  CHECK(ran == 1);
  CHECK_FALSE(queue.pop());
  queue.push("a", [] {});
  queue.push("b", [] {});
  CHECK(queue.drain().size() == 2);
  CHECK_FALSE(queue.pop());
}
