#include "moderation/watchlist.h"

#include <catch2/catch.hpp>

using namespace hearth::moderation;

namespace {

std::vector<std::uint64_t> matched_ids(const Watchlist& list, const std::string& text, std::uint64_t room) {
  std::vector<std::uint64_t> ids;
  for (const WatchRule* rule : list.matches(fold_text(text), room)) ids.push_back(rule->rule_id);
  return ids;
}

}  // namespace

TEST_CASE("a watchlist applies server rules everywhere and room rules in their room", "[moderation][watchlist]") {
  const Watchlist list({
      {1, 0, "kill myself", WatchAction::kCrisis},
      {2, 0, "spam*", WatchAction::kBlock},
      {3, 7, "crosstalk", WatchAction::kHold},
      {4, 8, "crosstalk", WatchAction::kFlag},
      {5, 0, "l1mit", WatchAction::kFlag},  // starts with a character standing for i or l
      {6, 0, "bad * pattern", WatchAction::kFlag},  // does not compile: left out
  });
  CHECK(list.rules().size() == 5);
  CHECK(matched_ids(list, "I could kill myself", 7) == std::vector<std::uint64_t>{1});
  CHECK(matched_ids(list, "SPAMMY crosstalk", 7) == std::vector<std::uint64_t>{2, 3});
  CHECK(matched_ids(list, "SPAMMY crosstalk", 8) == std::vector<std::uint64_t>{2, 4});
  CHECK(matched_ids(list, "crosstalk", 9).empty());
  CHECK(matched_ids(list, "the limit", 1) == std::vector<std::uint64_t>{5});
  CHECK(matched_ids(list, "the 1imit", 1) == std::vector<std::uint64_t>{5});
  CHECK(matched_ids(list, "c r o s s t a l k and k i l l m y s e l f", 7) == std::vector<std::uint64_t>{1, 3});
  CHECK(matched_ids(list, "k i l l myself", 7) == std::vector<std::uint64_t>{1});
  CHECK(matched_ids(list, "nothing to see", 7).empty());
  CHECK(Watchlist().matches(fold_text("kill myself"), 1).empty());
}
