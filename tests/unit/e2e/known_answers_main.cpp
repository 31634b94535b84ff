// hearth_e2e_known_answers DIR: writes the known-answer files into DIR (normally
// tests/unit/e2e/known_answers). Run it only when the construction changes on purpose.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>

#include "tests/unit/e2e/known_answer_transcript.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  try {
    const std::filesystem::path dir = argv[1];
    for (const auto& file : hearth::e2e::test::known_answer_files()) {
      std::ofstream out(dir / file.name, std::ios::binary | std::ios::trunc);
      out << file.text;
      if (!out) {
        std::fprintf(stderr, "cannot write %s\n", (dir / file.name).c_str());
        return 1;
      }
      std::printf("wrote %s\n", (dir / file.name).c_str());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "known answers: %s\n", e.what());
    return 1;
  }
  return 0;
}
