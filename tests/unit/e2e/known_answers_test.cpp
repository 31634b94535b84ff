// Any change to the construction changes these bytes: if this fails and the change is meant,
// regenerate the files (clients/e2e/README.md "Known answers") and review the diff.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/unit/e2e/known_answer_transcript.h"

namespace {

std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream a(expected), b(actual);
  std::string la, lb;
  for (int n = 1;; ++n) {
    const bool more_a = static_cast<bool>(std::getline(a, la));
    const bool more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) return "no difference";
    if (la != lb || more_a != more_b) {
      return "line " + std::to_string(n) + ":\n  file: " + (more_a ? la : "<end>") +
             "\n  now:  " + (more_b ? lb : "<end>");
    }
  }
}

}  // namespace

TEST_CASE("the construction reproduces the frozen known answers byte for byte",
          "[e2e][known_answers]") {
  const std::filesystem::path dir = HEARTH_E2E_KNOWN_ANSWERS_DIR;
  const auto files = hearth::e2e::test::known_answer_files();
  REQUIRE(files.size() == 3);
  for (const auto& file : files) {
    std::ifstream in(dir / file.name, std::ios::binary);
    INFO(file.name);
    REQUIRE(in);
    std::ostringstream stored;
    stored << in.rdbuf();
    INFO(first_difference(stored.str(), file.text));
    CHECK(stored.str() == file.text);
  }
}

TEST_CASE("the known-answer transcript is deterministic", "[e2e][known_answers]") {
  const auto a = hearth::e2e::test::known_answer_files();
  const auto b = hearth::e2e::test::known_answer_files();
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].text == b[i].text);
}
