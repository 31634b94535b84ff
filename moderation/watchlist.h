// The watched words and phrases of a server and its rooms, each with what to do on a match.
// Immutable once built: hearthd builds a new one whenever a rule changes and swaps it in, so
// matching needs no lock. Indexed by the first two letters of each pattern, so a message is
// compared only with the few patterns that could start at each of its words.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "moderation/folded_text.h"
#include "moderation/watch_pattern.h"

namespace hearth::moderation {

// In the order of precedence when a message matches several rules (see message_screen.h).
// Numerically equal to hearth.v1.FilterAction (and so stored).
enum class WatchAction : int {
  kCrisis = 1,  // delivered; the author privately gets crisis resources; an urgent item opens
  kBlock = 2,   // refused with BLOCKED_BY_FILTER; nothing stored
  kHold = 3,    // stored but held until a coach approves it
  kFlag = 4,    // delivered; an item opens for a coach to look at
};

const char* to_string(WatchAction action);

struct WatchRule {
  std::uint64_t rule_id = 0;
  std::uint64_t room_id = 0;  // 0: every room of the server
  std::string pattern;
  WatchAction action = WatchAction::kFlag;
};

class Watchlist {
 public:
  Watchlist() = default;
  // Rules whose pattern does not compile are left out (they were checked when added).
  explicit Watchlist(std::vector<WatchRule> rules);

  // The rules that match `text` in room `room_id` (its own rules and the server's), each once,
  // in the order given to the constructor.
  std::vector<const WatchRule*> matches(const FoldedText& text, std::uint64_t room_id) const;

  const std::vector<WatchRule>& rules() const { return rules_; }

 private:
  void find_in(const std::vector<FoldedWord>& words, std::uint64_t room_id, std::vector<bool>& hit) const;

  std::vector<WatchRule> rules_;
  std::vector<WatchPattern> patterns_;                             // parallel to rules_
  // Key: first letter << 32 | second letter (0: a one-letter first word); values index rules_.
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_first_letters_;
  // Whether some pattern's first word is one letter, repeated or not ("a b c", "ooo"): only then
  // must each word also be looked up by its first letter alone.
  bool any_one_letter_start_ = false;
};

}  // namespace hearth::moderation
