#include "moderation/watch_pattern.h"

#include <catch2/catch.hpp>
#include <string>

using hearth::moderation::fold_text;
using hearth::moderation::WatchPattern;

namespace {

bool found(const std::string& pattern, const std::string& text) {
  std::string problem;
  const auto compiled = WatchPattern::compile(pattern, &problem);
  INFO(problem);
  REQUIRE(compiled);
  return compiled->found_in(fold_text(text));
}

struct Case {
  const char* pattern;
  const char* text;
  bool expected;
  const char* why;
};

}  // namespace

TEST_CASE("watched words are found through case, Unicode forms and simple evasions", "[moderation][matching]") {
  const Case cases[] = {
      {"kill myself", "I want to kill myself", true, "plain phrase"},
      {"kill myself", "I WANT TO KILL MYSELF", true, "upper case"},
      {"kill myself", "Ｉ want to ＫＩＬＬ ｍｙｓｅｌｆ", true, "full-width letters (NFKC)"},
      {"kill myself", "kíll mysélf", true, "accents stripped"},
      {"kill myself", "k\u200bill my\u00adself", true, "zero-width space and soft hyphen"},
      {"kill myself", "k i l l myself", true, "letters spaced out"},
      {"kill myself", "k.i.l.l. m.y.s.e.l.f", true, "letters dotted out"},
      {"kill myself", "kiiiillll myselllf", true, "repeated letters"},
      {"kill myself", "k1ll mys3lf", true, "digits for letters"},
      {"kill myself", "ki|| my$elf", true, "symbols for letters"},
      {"kill myself", "kill... myself!!", true, "punctuation between the words"},
      {"kill myself", "\u043Aill mys\u0435lf", true, "Cyrillic look-alikes (к, е)"},
      {"hope", "h0pe", true, "zero for o"},
      {"abuse", "@buse", true, "at sign for a at the start of a word"},
      {"help", "help!", true, "a trailing exclamation mark is punctuation"},
      {"don't", "dont", true, "apostrophes vanish on both sides"},
      {"don't", "don’t", true, "typographic apostrophe"},
      {"overdos*", "he overdosed last night", true, "prefix pattern"},
      {"overdos*", "OVERDOSING", true, "prefix pattern, upper case"},
      {"self harm", "self-harm", true, "hyphen separates words"},
      {"ass", "a s s", true, "spaced-out double letter"},
      // Innocent look-alikes must not match.
      {"kill", "I have a new skill", false, "watched word inside another word"},
      {"kill", "the killer whale documentary", false, "watched word as a prefix, pattern without *"},
      {"ass", "as soon as I could", false, "a single s is not a double s"},
      {"ass", "my class and assessment", false, "inside longer words"},
      {"hell", "hello everyone, shell", false, "inside longer words"},
      {"kill myself", "kill time by myself", false, "phrase words not adjacent"},
      {"kill myself", "myself kill", false, "phrase words out of order"},
      {"overdos*", "over dosage", false, "prefix needs the whole prefix in one word"},
      {"hope", "h 0 p", false, "a spaced-out run that spells something else"},
      {"help", "I went to the hel p desk", false, "letters split across words"},
      {"kill", "2 kids at 11", false, "digits alone are numbers, not letters"},
  };
  for (const Case& c : cases) {
    INFO(c.why << ": pattern \"" << c.pattern << "\" in \"" << c.text << "\"");
    CHECK(found(c.pattern, c.text) == c.expected);
  }
}

TEST_CASE("bad watch patterns are refused with a reason", "[moderation][matching]") {
  std::string problem;
  CHECK_FALSE(WatchPattern::compile("", &problem));
  CHECK(problem.find("letter or digit") != std::string::npos);
  CHECK_FALSE(WatchPattern::compile("!!! ...", &problem));
  CHECK_FALSE(WatchPattern::compile("over*dose", &problem));
  CHECK(problem.find("'*'") != std::string::npos);
  CHECK_FALSE(WatchPattern::compile(std::string(201, 'a'), &problem));
  CHECK(problem.find("200 bytes") != std::string::npos);
  CHECK_FALSE(WatchPattern::compile("a b c d e f g h i", &problem));
  CHECK(problem.find("8 words") != std::string::npos);
  CHECK(WatchPattern::compile("one two three four five six seven eight", &problem));
}

TEST_CASE("matching stays bounded on hostile input", "[moderation][matching]") {
  // Long runs of characters that stand for either i or l are the one place the matcher can
  // split a word more than one way.
  std::string text;
  for (int i = 0; i < 2000; ++i) text += (i % 2) ? "1" : "|";
  CHECK_FALSE(found("illill", "k" + text));
  CHECK(found("ill", "i" + std::string(100, '1')));
  CHECK_FALSE(found("ill", "i" + std::string(300, '1')));  // longer than any word compared
}
