// One watched word or phrase, compiled for matching against folded text (folded_text.h).
//
// A pattern is folded like a message, into words, and each word is kept as runs of one
// character: "kill" is k×1 i×1 l×2. A word of the message matches a word of the pattern when
// it has the same runs in the same order, each at least as long:
//  - "kiiilll" matches "kill" (repeated letters do not hide a word), and
//  - "as" does not match "ass" (a double letter in the pattern is not a single one).
// Words match whole, so innocent words that contain a watched one are left alone: "kill" does
// not match "skill" or "killer". A pattern that ends in '*' also matches words that start
// with its last word: "overdos*" matches "overdosed" and "overdosing".
// Letters spaced out in a message ("k i l l m y s e l f") are joined by folding; the pattern is
// looked for anywhere inside such a joined word.
// A phrase's words must follow each other in the message, whatever separates them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "moderation/folded_text.h"

namespace hearth::moderation {

// One letter and how many times it repeats: a word of a pattern is a sequence of these.
struct LetterRun {
  char32_t c;
  std::uint32_t count;
};
using RunWord = std::vector<LetterRun>;

class WatchPattern {
 public:
  static constexpr std::size_t kMaxPatternBytes = 200;
  static constexpr std::size_t kMaxWords = 8;

  // nullopt with `problem` (a sentence for the person who wrote the rule) if `pattern` is
  // empty, too long, has no word characters, or uses '*' anywhere but at its very end.
  static std::optional<WatchPattern> compile(std::string_view pattern, std::string* problem);

  // Whether the pattern's words match `words` starting at word `at`.
  bool matches_at(const std::vector<FoldedWord>& words, std::size_t at) const;
  // Whether the whole pattern, its words run together, is inside `word`: for the words that
  // folding joined from spaced-out letters, whose word breaks are lost.
  bool inside_joined_word(const FoldedWord& word) const;
  // Whether it matches anywhere in either view of `text`.
  bool found_in(const FoldedText& text) const;

  // The first two distinct letters of the first word (the second 0 if it has one run only):
  // what a watchlist indexes patterns by. Repeats do not count: "kkill" starts k, i.
  std::pair<char32_t, char32_t> first_letters() const {
    const RunWord& first = words_.front();
    return {first[0].c, first.size() > 1 ? first[1].c : U'\0'};
  }

 private:
  std::vector<RunWord> words_;
  RunWord run_together_;  // every word's runs, one after the other
  bool last_is_prefix_ = false;
};

}  // namespace hearth::moderation
