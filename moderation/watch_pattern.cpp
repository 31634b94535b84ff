#include "moderation/watch_pattern.h"

#include <array>
#include <bitset>

namespace hearth::moderation {

namespace {

// The longest word compared: longer ones cannot be a watched word spelled out.
constexpr std::size_t kLongestWord = 256;
// A pattern's letters, all runs spelled out: at most one per byte of the pattern.
constexpr std::size_t kMostLetters = 256;
static_assert(WatchPattern::kMaxPatternBytes < kMostLetters);

// Whether `word` reads as `runs`: each run takes at least its count of characters that can
// stand for its letter. Simulated as a small automaton over the runs spelled out (state j: the
// first j letters matched; the last letter of a run may repeat), so the time is the word's
// length times the pattern's, whatever look-alike characters ('1' for i or l) make ambiguous.
// `prefix`: the word may go on after the pattern; `anywhere`: the pattern may start at any
// character (inside a word joined from spaced-out letters).
bool runs_match(const RunWord& runs, std::u32string_view word, bool prefix, bool anywhere) {
  if (word.size() > kLongestWord) return false;
  std::array<char32_t, kMostLetters> letters{};
  std::bitset<kMostLetters> repeats;  // letter j may repeat (it ends its run)
  std::size_t length = 0;
  for (const LetterRun& run : runs) {
    for (std::uint32_t k = 0; k < run.count && length < kMostLetters - 1; ++k) letters[length++] = run.c;
    repeats[length - 1] = true;
  }
  std::bitset<kMostLetters> active, next;
  active[0] = true;
  for (char32_t c : word) {
    if (anywhere) active[0] = true;
    next.reset();
    for (std::size_t j = 0; j <= length; ++j) {
      if (!active[j]) continue;
      if (j < length && can_stand_for(c, letters[j])) next[j + 1] = true;
      if (j > 0 && repeats[j - 1] && can_stand_for(c, letters[j - 1])) next[j] = true;
    }
    active = next;
    if (prefix && active[length]) return true;
    if (active.none() && !anywhere) return false;
  }
  return active[length];
}

bool word_matches(const RunWord& pattern, std::u32string_view word, bool prefix) {
  return runs_match(pattern, word, prefix, /*anywhere=*/false);
}

}  // namespace

std::optional<WatchPattern> WatchPattern::compile(std::string_view pattern, std::string* problem) {
  if (pattern.size() > kMaxPatternBytes) {
    *problem = "a watched phrase is at most " + std::to_string(kMaxPatternBytes) + " bytes";
    return std::nullopt;
  }
  const std::size_t star = pattern.find('*');
  const bool prefix = star != std::string_view::npos;
  if (prefix && star + 1 != pattern.size()) {
    *problem = "'*' may only end a watched phrase (\"overdos*\")";
    return std::nullopt;
  }
  const FoldedText folded = fold_text(prefix ? pattern.substr(0, star) : pattern);
  if (folded.words.empty()) {
    *problem = "a watched phrase needs at least one letter or digit";
    return std::nullopt;
  }
  if (folded.words.size() > kMaxWords) {
    *problem = "a watched phrase has at most " + std::to_string(kMaxWords) + " words";
    return std::nullopt;
  }
  WatchPattern compiled;
  compiled.last_is_prefix_ = prefix;
  for (const FoldedWord& word : folded.words) {
    RunWord runs;
    for (char32_t c : word) {
      if (!runs.empty() && runs.back().c == c) ++runs.back().count;
      else runs.push_back({c, 1});
    }
    compiled.words_.push_back(std::move(runs));
  }
  for (const RunWord& word : compiled.words_) {
    for (const LetterRun& run : word) {
      RunWord& together = compiled.run_together_;
      if (!together.empty() && together.back().c == run.c) together.back().count += run.count;
      else together.push_back(run);
    }
  }
  return compiled;
}

bool WatchPattern::matches_at(const std::vector<FoldedWord>& words, std::size_t at) const {
  if (at + words_.size() > words.size()) return false;
  for (std::size_t i = 0; i < words_.size(); ++i) {
    const bool prefix = last_is_prefix_ && i + 1 == words_.size();
    if (!word_matches(words_[i], words[at + i], prefix)) return false;
  }
  return true;
}

bool WatchPattern::inside_joined_word(const FoldedWord& word) const {
  return runs_match(run_together_, word, /*prefix=*/true, /*anywhere=*/true);
}

bool WatchPattern::found_in(const FoldedText& text) const {
  for (std::size_t at = 0; at < text.words.size(); ++at) {
    if (matches_at(text.words, at)) return true;
  }
  for (std::size_t at = 0; at < text.spaced_out_joined.size(); ++at) {
    if (matches_at(text.spaced_out_joined, at)) return true;
    if (text.joined[at] && inside_joined_word(text.spaced_out_joined[at])) return true;
  }
  return false;
}

}  // namespace hearth::moderation
