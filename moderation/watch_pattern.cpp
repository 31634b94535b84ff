#include "moderation/watch_pattern.h"

namespace hearth::moderation {

namespace {

// The longest word compared: longer ones cannot be a watched word spelled out, and the bound
// keeps matching linear in the message's length.
constexpr std::size_t kLongestWord = 256;

// Whether `word` (from position `at`) can be read as `runs[run...]`: each run takes at least
// its count of characters that can stand for its letter. Only runs of 'i' and 'l' next to
// characters that stand for either can split more than one way, so the search stays small.
bool runs_match(const RunWord& runs, std::size_t run, std::u32string_view word, std::size_t at,
                bool prefix) {
  if (run == runs.size()) return prefix || at == word.size();
  const auto [letter, count] = runs[run];
  std::size_t available = 0;
  while (at + available < word.size() && can_stand_for(word[at + available], letter)) ++available;
  for (std::size_t taken = available; taken >= count && taken > 0; --taken) {
    if (runs_match(runs, run + 1, word, at + taken, prefix)) return true;
  }
  return false;
}

bool word_matches(const RunWord& pattern, std::u32string_view word, bool prefix) {
  return word.size() <= kLongestWord && runs_match(pattern, 0, word, 0, prefix);
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
  if (word.size() > kLongestWord) return false;
  for (std::size_t start = 0; start < word.size(); ++start) {
    if (runs_match(run_together_, 0, word, start, /*prefix=*/true)) return true;
  }
  return false;
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
