// The known-answer transcript: one X3DH agreement and the first Double Ratchet steps between two
// devices whose randomness is seeded, rendered as hex text. hearth_e2e_known_answers writes it to
// tests/unit/e2e/known_answers/ once; known_answers_test compares it byte for byte, so any change
// to the construction (a label, a KDF split, the envelope layout) fails a test until the files
// are regenerated on purpose. Throws std::runtime_error if the conversation itself fails.
#pragma once

#include <string>
#include <vector>

namespace hearth::e2e::test {

struct KnownAnswerFile {
  std::string name;  // file name inside known_answers/
  std::string text;
};

std::vector<KnownAnswerFile> known_answer_files();

}  // namespace hearth::e2e::test
