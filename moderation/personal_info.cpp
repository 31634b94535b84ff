#include "moderation/personal_info.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace hearth::moderation {

namespace {

// NFKC (full-width digits and letters become ASCII), case kept. Non-ASCII characters stay as
// their UTF-8 bytes: every pattern below is ASCII.
// Non-ASCII text in NFKC (full-width digits and letters become ASCII), case kept, in `storage`;
// ASCII text as it is, uncopied. Every pattern below is ASCII.
std::string_view compatibility_form(std::string_view utf8, std::string& storage) {
  if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return utf8;
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                                       UTF8PROC_IGNORE | UTF8PROC_LUMP);
  const utf8proc_ssize_t length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                               static_cast<utf8proc_ssize_t>(utf8.size()), &mapped, options);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
  if (length < 0) return utf8;
  storage.assign(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
  return storage;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

// --- phone numbers ---------------------------------------------------------------------------

// The digit groups of a run like "11-23-2024" are a date when they have a date's shape and one
// separator; "2019-2024" (years) is not a number to hide either.
bool looks_like_date_or_years(const std::vector<std::string>& groups, const std::string& separators) {
  const bool one_separator =
      !separators.empty() && std::all_of(separators.begin(), separators.end(), [&](char c) { return c == separators[0]; });
  const auto len = [&](std::size_t i) { return groups[i].size(); };
  if (groups.size() == 3 && one_separator && std::string("-./").find(separators[0]) != std::string::npos) {
    if (len(0) == 4 && len(1) <= 2 && len(2) <= 2) return true;                  // 2024-11-23
    if (len(0) <= 2 && len(1) <= 2 && (len(2) == 4 || len(2) == 2)) return true;  // 11.23.2024
  }
  return std::all_of(groups.begin(), groups.end(), [](const std::string& g) {
    return g.size() == 4 && (g.rfind("19", 0) == 0 || g.rfind("20", 0) == 0);
  });
}

bool has_phone_number(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts = is_digit(text[i]) || ((text[i] == '+' || text[i] == '(') && i + 1 < text.size() && is_digit(text[i + 1]));
    if (!starts || (i > 0 && is_alnum(text[i - 1]))) continue;
    std::vector<std::string> groups(1);
    std::string separators;
    std::size_t digits = 0, j = i, separators_in_a_row = 0, after_last_digit = i;
    for (; j < text.size(); ++j) {
      const char c = text[j];
      if (is_digit(c)) {
        ++digits;
        groups.back() += c;
        separators_in_a_row = 0;
        after_last_digit = j + 1;
      } else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+') && separators_in_a_row < 2) {
        if (!groups.back().empty()) groups.emplace_back();
        if (c != ' ' && c != '(' && c != ')') separators += c;
        ++separators_in_a_row;
      } else {
        break;
      }
    }
    if (groups.back().empty()) groups.pop_back();
    // "5550104477abc" is an identifier, not a number.
    const bool ends_cleanly = after_last_digit == text.size() || !is_alpha(text[after_last_digit]);
    if (digits >= 7 && digits <= 15 && ends_cleanly && !looks_like_date_or_years(groups, separators)) return true;
    i = j;
  }
  return false;
}

// --- e-mail addresses ------------------------------------------------------------------------

struct Token {
  std::string text;       // lower case, brackets removed
  bool attached = false;  // '@' or '.' written without spaces around it ("a@b.org")
};

// Words split at whitespace, then at '@' and '.', which become tokens of their own.
std::vector<Token> email_tokens(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t end = i;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    std::string word = lower(text.substr(i, end - i));
    // "(at)", "[dot]", "{at}" and trailing punctuation: keep the inside.
    while (!word.empty() && std::string("([{<\"'").find(word.front()) != std::string::npos) word.erase(0, 1);
    while (!word.empty() && std::string(")]}>\"',;:!?").find(word.back()) != std::string::npos) word.pop_back();
    while (word.size() > 1 && word.back() == '.') word.pop_back();  // a sentence's full stop
    std::string part;
    for (char c : word) {
      if (c == '@' || c == '.') {
        if (!part.empty()) tokens.push_back({part, false});
        tokens.push_back({std::string(1, c), word.size() > 1});
        part.clear();
      } else {
        part += c;
      }
    }
    if (!part.empty()) tokens.push_back({part, false});
    i = end;
  }
  return tokens;
}

bool is_name_part(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_alnum(c) || c == '_' || c == '-' || c == '+' || c == '%'; });
}

// Whether "at" stands as a word anywhere ("jane at example", "(at)"), in any case.
bool has_word_at(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if ((text[i] | 0x20) != 'a' || (text[i + 1] | 0x20) != 't') continue;
    const bool starts = i == 0 || !is_alnum(text[i - 1]);
    const bool ends = i + 2 == text.size() || !is_alnum(text[i + 2]);
    if (starts && ends) return true;
  }
  return false;
}

bool has_email_address(std::string_view text) {
  // Every form needs an '@' or the word "at": most messages are ruled out without tokenizing.
  if (text.find('@') == std::string::npos && !has_word_at(text)) return false;
  static constexpr std::array<std::string_view, 22> kCommonTopLevel = {
      "com", "org", "net", "edu", "gov", "io", "me", "us", "uk", "ca", "au",
      "de", "fr", "nz", "ie", "in", "info", "biz", "co", "mail", "email", "online"};
  const std::vector<Token> tokens = email_tokens(text);
  for (std::size_t at = 1; at + 1 < tokens.size(); ++at) {
    const Token& sign = tokens[at];
    const bool literal_at = sign.text == "@";
    if (!literal_at && sign.text != "at") continue;
    if (!is_name_part(tokens[at - 1].text)) continue;
    // domain: label (dot label)+
    std::size_t k = at + 1;
    std::size_t labels = 0;
    bool all_literal_dots = true;
    std::string last;
    while (k < tokens.size() && is_name_part(tokens[k].text)) {
      ++labels;
      last = tokens[k].text;
      if (k + 2 < tokens.size() && (tokens[k + 1].text == "." || tokens[k + 1].text == "dot") &&
          is_name_part(tokens[k + 2].text)) {
        all_literal_dots = all_literal_dots && tokens[k + 1].text == "." && tokens[k + 1].attached;
        k += 2;
      } else {
        break;
      }
    }
    if (labels < 2) continue;
    const bool alphabetic_tld = last.size() >= 2 && std::all_of(last.begin(), last.end(), is_alpha);
    // "a@b.org" written plainly: any top-level domain. Written out in words, only common ones,
    // so "I was at church. Me and my son..." stays a sentence.
    if (literal_at && all_literal_dots && alphabetic_tld) return true;
    if (one_of(last, kCommonTopLevel)) return true;
  }
  return false;
}

// --- street addresses ------------------------------------------------------------------------

bool has_street_address(std::string_view text) {
  // Only a number standing as a word can be a house number ("42", "12b"): most text has none.
  bool number_word = false;
  for (std::size_t i = 0; i < text.size() && !number_word; ++i) {
    number_word = is_digit(text[i]) && (i == 0 || !is_alnum(text[i - 1]));
  }
  if (!number_word) return false;
  static constexpr std::array<std::string_view, 31> kStreetWords = {
      "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln", "drive",
      "dr", "court", "ct", "place", "pl", "terrace", "way", "circle", "cir", "highway", "hwy",
      "parkway", "pkwy", "square", "sq", "trail", "crescent", "close", "row", "gardens"};
  static constexpr std::array<std::string_view, 11> kCues = {
      "live", "living", "lives", "address", "house", "home", "apartment", "located", "stay", "staying", "moved"};
  std::vector<std::string> words;  // original case, edge punctuation removed
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_alnum(text[i])) ++i;
    std::size_t end = i;
    while (end < text.size() && (is_alnum(text[end]) || text[end] == '\'')) ++end;
    if (end > i) words.emplace_back(text.substr(i, end - i));
    i = end;
  }
  for (std::size_t n = 0; n < words.size(); ++n) {
    const std::string& number = words[n];
    const std::size_t digits = static_cast<std::size_t>(std::count_if(number.begin(), number.end(), is_digit));
    if (digits == 0 || digits > 6 || !is_digit(number[0]) || number.size() > digits + 1) continue;  // "42", "12b"
    // "I live at 42 ...", "my address is 42 ...", "we moved to 42 ...".
    static constexpr std::array<std::string_view, 5> kLeadIns = {"at", "on", "is", "to", "address"};
    bool cued = false;
    if (n > 0 && one_of(lower(words[n - 1]), kLeadIns)) {
      for (std::size_t back = 1; back <= 3 && back <= n; ++back) cued = cued || one_of(lower(words[n - back]), kCues);
    }
    bool capitalised = true;
    for (std::size_t w = n + 1; w < words.size() && w <= n + 4; ++w) {
      const std::string street_word = lower(words[w]);
      if (w > n + 1 && one_of(street_word, kStreetWords) && (cued || (capitalised && std::isupper(static_cast<unsigned char>(words[w][0]))))) {
        return true;
      }
      capitalised = capitalised && std::isupper(static_cast<unsigned char>(words[w][0]));
    }
  }
  return false;
}

}  // namespace

PersonalInfo find_personal_info(std::string_view utf8) {
  std::string storage;
  const std::string_view text = compatibility_form(utf8, storage);
  if (has_phone_number(text)) return PersonalInfo::kPhoneNumber;
  if (has_email_address(text)) return PersonalInfo::kEmailAddress;
  if (has_street_address(text)) return PersonalInfo::kStreetAddress;
  return PersonalInfo::kNone;
}

const char* describe(PersonalInfo found) {
  switch (found) {
    case PersonalInfo::kPhoneNumber: return "a phone number";
    case PersonalInfo::kEmailAddress: return "an e-mail address";
    case PersonalInfo::kStreetAddress: return "a street address";
    case PersonalInfo::kNone: break;
  }
  return "nothing personal";
}

}  // namespace hearth::moderation
