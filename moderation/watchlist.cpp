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

namespace {

std::uint64_t key_of(char32_t first, char32_t second) { return (std::uint64_t{first} << 32) | second; }

// The letters a folded character may be: itself, or 'i' and 'l' for a character standing for
// either. A range-for over this needs no allocation (the hot path runs it for every word).
struct Readings {
  char32_t letters[2];
  std::size_t count;
  const char32_t* begin() const { return letters; }
  const char32_t* end() const { return letters + count; }
};
Readings readings(char32_t c) {
  if (c == kEitherIOrL) return {{U'i', U'l'}, 2};
  return {{c, 0}, 1};
}

// The first two distinct characters of a word (repeats skipped), the second 0 if none.
std::pair<char32_t, char32_t> first_letters(const FoldedWord& word) {
  std::size_t next = 1;
  while (next < word.size() && word[next] == word[0]) ++next;
  return {word[0], next < word.size() ? word[next] : U'\0'};
}

}  // namespace

Watchlist::Watchlist(std::vector<WatchRule> rules) {
  for (WatchRule& rule : rules) {
    std::string ignored;
    auto pattern = WatchPattern::compile(rule.pattern, &ignored);
    if (!pattern) continue;
    const std::size_t index = rules_.size();
    const auto [first, second] = pattern->first_letters();
    any_one_letter_start_ = any_one_letter_start_ || second == U'\0';
    for (char32_t a : readings(first)) {
      for (char32_t b : second == U'\0' ? Readings{{U'\0', 0}, 1} : readings(second)) {
        by_first_letters_[key_of(a, b)].push_back(index);
      }
    }
    rules_.push_back(std::move(rule));
    patterns_.push_back(std::move(*pattern));
  }
}

void Watchlist::find_in(const std::vector<FoldedWord>& words, std::uint64_t room_id, std::vector<bool>& hit) const {
  const auto try_bucket = [&](std::uint64_t key, std::size_t at) {
    const auto bucket = by_first_letters_.find(key);
    if (bucket == by_first_letters_.end()) return;
    for (std::size_t index : bucket->second) {
      if (hit[index]) continue;
      const WatchRule& rule = rules_[index];
      if (rule.room_id != 0 && rule.room_id != room_id) continue;
      if (patterns_[index].matches_at(words, at)) hit[index] = true;
    }
  };
  for (std::size_t at = 0; at < words.size(); ++at) {
    const auto [first, second] = first_letters(words[at]);
    for (char32_t a : readings(first)) {
      if (any_one_letter_start_) try_bucket(key_of(a, U'\0'), at);
      if (second == U'\0') continue;
      for (char32_t b : readings(second)) try_bucket(key_of(a, b), at);
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
