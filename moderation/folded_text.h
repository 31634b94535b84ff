// Text as the watchlists compare it. Both a message and a watched phrase go through the same
// folding, so whatever it does, it does to both sides:
//  - Unicode NFKC with case folding, accents and other marks stripped, invisible characters
//    (zero-width spaces, joiners, soft hyphens) dropped: "ＫＩＬＬ", "kíll" and "k\u200bill" read
//    as "kill";
//  - look-alike letters from other scripts read as their Latin twins (Cyrillic "а", Greek "ο");
//  - inside a word that has a letter, digits and symbols that stand for letters read as those
//    letters ("h0pe", "$peed", "@buse"); '1', '!' and '|' stand for either 'i' or 'l'; a '!' or
//    '+' that ends a word, and a '!', '|' or '+' that starts one, are punctuation ("help!");
//  - apostrophes inside a word vanish ("don't" is "dont");
//  - everything else separates words.
// A second view joins runs of three or more one-letter words ("k i l l", "k.i.l.l"), so spacing
// a word out does not hide it. Repeated letters are handled by the matcher (watch_pattern.h).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth::moderation {

// One folded word: code points, or kEitherIOrL for the symbols that can stand for 'i' and 'l'.
// A view into the FoldedText it came from.
using FoldedWord = std::u32string_view;
inline constexpr char32_t kEitherIOrL = 0xE000;  // a private-use code point: never in folded text

// True when the folded text character `text` can stand for the pattern character `pattern`.
inline bool can_stand_for(char32_t text, char32_t pattern) {
  if (text == pattern) return true;
  const auto i_or_l = [](char32_t c) { return c == U'i' || c == U'l' || c == kEitherIOrL; };
  return (text == kEitherIOrL || pattern == kEitherIOrL) && i_or_l(text) && i_or_l(pattern);
}

// Move-only: the words are views into its own buffer (one allocation for all of them, not one
// per word: screening runs on every room message).
struct FoldedText {
  FoldedText() = default;
  FoldedText(FoldedText&&) = default;
  FoldedText& operator=(FoldedText&&) = default;
  FoldedText(const FoldedText&) = delete;
  FoldedText& operator=(const FoldedText&) = delete;

  std::vector<char32_t> letters;  // every word's characters, one after another
  std::vector<FoldedWord> words;
  // The words again with every run of three or more one-letter words joined into one; empty
  // when the text has no such run (then `words` is the only view). A spaced-out phrase loses
  // its word breaks ("k i l l m y s e l f"), so watch_pattern.h looks for whole phrases inside
  // the joined words, marked in `joined`.
  std::vector<FoldedWord> spaced_out_joined;
  std::vector<bool> joined;  // parallel to spaced_out_joined
};

// `utf8` must be valid UTF-8 (the server checks before filtering); invalid input folds to
// nothing rather than failing.
FoldedText fold_text(std::string_view utf8);

// For messages to people and logs: a folded word back in UTF-8 (kEitherIOrL shows as 'i').
std::string to_utf8(const FoldedWord& word);

}  // namespace hearth::moderation
