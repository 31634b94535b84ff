#include "moderation/watchlist.h"

namespace hearth::moderation {

const char* to_string(WatchAction action) {
  switch (action) {
    case WatchAction::kCrisis: return "crisis";
    case WatchAction::kBlock: return "block";
    case WatchAction::kHold: return "hold";
    case WatchAction::kFlag: return "flag";
  }
  return "flag";
}

Watchlist::Watchlist(std::vector<WatchRule> rules) {
  for (WatchRule& rule : rules) {
    std::string ignored;
    auto pattern = WatchPattern::compile(rule.pattern, &ignored);
    if (!pattern) continue;
    const std::size_t index = rules_.size();
    const char32_t first = pattern->first_char();
    // A pattern that starts with a character standing for 'i' or 'l' is found under both.
    if (first == kEitherIOrL) {
      by_first_char_[U'i'].push_back(index);
      by_first_char_[U'l'].push_back(index);
    } else {
      by_first_char_[first].push_back(index);
    }
    rules_.push_back(std::move(rule));
    patterns_.push_back(std::move(*pattern));
  }
}

void Watchlist::find_in(const std::vector<FoldedWord>& words, std::uint64_t room_id, std::vector<bool>& hit) const {
  const auto try_bucket = [&](char32_t first, std::size_t at) {
    const auto bucket = by_first_char_.find(first);
    if (bucket == by_first_char_.end()) return;
    for (std::size_t index : bucket->second) {
      if (hit[index]) continue;
      const WatchRule& rule = rules_[index];
      if (rule.room_id != 0 && rule.room_id != room_id) continue;
      if (patterns_[index].matches_at(words, at)) hit[index] = true;
    }
  };
  for (std::size_t at = 0; at < words.size(); ++at) {
    const char32_t first = words[at].front();
    if (first == kEitherIOrL) {
      try_bucket(U'i', at);
      try_bucket(U'l', at);
    } else {
      try_bucket(first, at);
    }
  }
}

std::vector<const WatchRule*> Watchlist::matches(const FoldedText& text, std::uint64_t room_id) const {
  std::vector<const WatchRule*> found;
  if (rules_.empty()) return found;
  std::vector<bool> hit(rules_.size(), false);
  find_in(text.words, room_id, hit);
  find_in(text.spaced_out_joined, room_id, hit);
  // Spaced-out letters joined into one word may hide a pattern anywhere inside: rare enough
  // to compare with every rule.
  for (std::size_t at = 0; at < text.joined.size(); ++at) {
    if (!text.joined[at]) continue;
    for (std::size_t index = 0; index < rules_.size(); ++index) {
      const WatchRule& rule = rules_[index];
      if (hit[index] || (rule.room_id != 0 && rule.room_id != room_id)) continue;
      if (patterns_[index].inside_joined_word(text.spaced_out_joined[at])) hit[index] = true;
    }
  }
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (hit[i]) found.push_back(&rules_[i]);
  }
  return found;
}

}  // namespace hearth::moderation
