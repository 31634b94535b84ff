#include "moderation/folded_text.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace hearth::moderation {

namespace {

// Letters from other scripts that look like Latin ones (after case folding), as used to slip a
// word past a filter. Whole words in those scripts fold the same way on both sides, so a
// watched Russian or Greek word still matches itself.
char32_t latin_twin(char32_t c) {
  switch (c) {
    case U'\u0430': return U'a';  // Cyrillic а
    case U'\u0435': return U'e';  // е
    case U'\u0456': return U'i';  // і
    case U'\u0458': return U'j';  // ј
    case U'\u043A': return U'k';  // к
    case U'\u043E': return U'o';  // о
    case U'\u0440': return U'p';  // р
    case U'\u0441': return U'c';  // с
    case U'\u0443': return U'y';  // у
    case U'\u0445': return U'x';  // х
    case U'\u0455': return U's';  // ѕ
    case U'\u0501': return U'd';  // ԁ
    case U'\u04BB': return U'h';  // һ
    case U'\u051D': return U'w';  // ԝ
    case U'\u03B1': return U'a';  // Greek α
    case U'\u03B5': return U'e';  // ε
    case U'\u03B9': return U'i';  // ι
    case U'\u03BA': return U'k';  // κ
    case U'\u03BD': return U'v';  // ν
    case U'\u03BF': return U'o';  // ο
    case U'\u03C1': return U'p';  // ρ
    case U'\u03C4': return U't';  // τ
    case U'\u03C5': return U'u';  // υ
    case U'\u03C7': return U'x';  // χ
    default: return c;
  }
}

// Digits and symbols that stand for letters inside a word; 0 when `c` stands for none.
char32_t letter_stood_for(char32_t c) {
  switch (c) {
    case U'0': return U'o';
    case U'1': case U'!': case U'|': return kEitherIOrL;
    case U'3': return U'e';
    case U'4': case U'@': return U'a';
    case U'5': case U'$': return U's';
    case U'7': case U'+': return U't';
    case U'8': return U'b';
    case U'9': return U'g';
    default: return 0;
  }
}

bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
      return true;
    default:
      return false;
  }
}

bool is_digit(char32_t c) { return c < 0x80 ? (c >= U'0' && c <= U'9') : utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_ND; }
bool is_apostrophe(char32_t c) { return c == U'\''; }  // UTF8PROC_LUMP turns ’ and ʼ into '
// Symbols that may be part of a word as letters in disguise. At a word's edges some are
// punctuation instead: "help!", "c++", "!important".
bool is_letter_symbol(char32_t c) { return c == U'!' || c == U'|' || c == U'@' || c == U'$' || c == U'+'; }
bool may_start_word(char32_t c) { return c == U'@' || c == U'$'; }
bool may_end_word(char32_t c) { return c == U'|' || c == U'$'; }

bool is_word_char(char32_t c) { return is_letter(c) || is_digit(c) || is_apostrophe(c) || is_letter_symbol(c); }

// NFKC, case-folded, marks and default-ignorable characters removed, look-alike punctuation
// and spaces lumped to ASCII. Empty on invalid UTF-8.
std::u32string normalize(std::string_view utf8) {
  // Plain ASCII, most messages: NFKC leaves it alone, marks and ignorables cannot occur, and case
  // folding is tolower. Skipping utf8proc there makes screening several times cheaper.
  if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::u32string out(utf8.size(), U'\0');
    std::transform(utf8.begin(), utf8.end(), out.begin(), [](char c) {
      return static_cast<char32_t>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return out;
  }
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                                       UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                                       UTF8PROC_IGNORE | UTF8PROC_LUMP);
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                   static_cast<utf8proc_ssize_t>(utf8.size()), &mapped, options);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
  std::u32string out;
  if (length < 0) return out;
  out.reserve(static_cast<std::size_t>(length));
  for (utf8proc_ssize_t at = 0; at < length;) {
    utf8proc_int32_t c = 0;
    const utf8proc_ssize_t used = utf8proc_iterate(mapped + at, length - at, &c);
    if (used <= 0) break;
    out.push_back(static_cast<char32_t>(c));
    at += used;
  }
  return out;
}

// Where a word's characters are in FoldedText::letters.
struct Span {
  std::size_t at;
  std::size_t length;
};

// One word from its raw characters: edge punctuation trimmed, disguised letters read; appended
// to `letters`, its place to `spans`.
void add_word(std::u32string_view raw, std::vector<char32_t>& letters, std::vector<Span>& spans) {
  while (!raw.empty() && (is_apostrophe(raw.front()) || (is_letter_symbol(raw.front()) && !may_start_word(raw.front())))) {
    raw.remove_prefix(1);
  }
  while (!raw.empty() && (is_apostrophe(raw.back()) || (is_letter_symbol(raw.back()) && !may_end_word(raw.back())))) {
    raw.remove_suffix(1);
  }
  bool has_letter = false;
  for (char32_t c : raw) has_letter = has_letter || is_letter(c);
  const std::size_t at = letters.size();
  for (char32_t c : raw) {
    if (is_apostrophe(c)) continue;
    if (is_letter(c)) {
      letters.push_back(latin_twin(c));
    } else if (has_letter && letter_stood_for(c) != 0) {
      letters.push_back(letter_stood_for(c));
    } else if (is_digit(c)) {
      letters.push_back(c);  // a number, or a digit standing for no letter
    }
  }
  if (letters.size() > at) spans.push_back({at, letters.size() - at});
}

// The second view: runs of three or more one-letter words joined. Empty when there is none.
std::vector<Span> join_spaced_out_runs(const std::vector<Span>& words, std::vector<char32_t>& letters,
                                       std::vector<bool>& joined) {
  constexpr std::size_t kShortestRun = 3;
  std::vector<Span> view;
  // Most messages have no such run: find out before building anything.
  std::size_t run = 0, longest = 0;
  for (const Span& word : words) {
    run = word.length == 1 ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  if (longest < kShortestRun) return view;
  for (std::size_t i = 0; i < words.size();) {
    std::size_t end = i;
    while (end < words.size() && words[end].length == 1) ++end;
    if (end - i >= kShortestRun) {
      const std::size_t at = letters.size();
      for (std::size_t k = i; k < end; ++k) letters.push_back(letters[words[k].at]);
      view.push_back({at, end - i});
      joined.push_back(true);
      i = end;
    } else {
      view.push_back(words[i]);
      joined.push_back(false);
      ++i;
    }
  }
  return view;
}

}  // namespace

FoldedText fold_text(std::string_view utf8) {
  FoldedText folded;
  const std::u32string text = normalize(utf8);
  folded.letters.reserve(text.size() + 8);
  std::vector<Span> words;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && is_word_char(text[i])) continue;
    if (i > start) add_word(std::u32string_view(text).substr(start, i - start), folded.letters, words);
    start = i + 1;
  }
  const std::vector<Span> joined = join_spaced_out_runs(words, folded.letters, folded.joined);
  // Views last: the buffer does not move any more.
  const auto view = [&](const Span& span) { return FoldedWord(folded.letters.data() + span.at, span.length); };
  folded.words.reserve(words.size());
  for (const Span& span : words) folded.words.push_back(view(span));
  for (const Span& span : joined) folded.spaced_out_joined.push_back(view(span));
  return folded;
}

std::string to_utf8(const FoldedWord& word) {
  std::string out;
  for (char32_t c : word) {
    utf8proc_uint8_t buffer[4];
    const auto length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c == kEitherIOrL ? U'i' : c), buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
  }
  return out;
}

}  // namespace hearth::moderation
