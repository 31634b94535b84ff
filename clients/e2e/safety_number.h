// Safety numbers: 60 digits two people read to each other (or compare on screen) to check that
// each holds the other's real device keys. Addressing is per device, so one person's half covers
// all of that person's device identity signing keys. README "Safety numbers" gives the algorithm.
// Pure; thread safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::e2e {

inline constexpr int kSafetyNumberIterations = 5200;

// One person's 30 digits over a stable user id (e.g. the handle) and their device identity
// signing keys (each 32 bytes; order and duplicates do not matter). Empty string if a key is
// not 32 bytes.
std::string safety_number_half(std::string_view user_id,
                               const std::vector<std::vector<std::uint8_t>>& identity_signing_keys);

// Both halves, the smaller first so that both people see the same number, as 12 groups of 5
// digits separated by single spaces. Empty string if any key is not 32 bytes.
std::string safety_number(std::string_view my_id, std::vector<std::vector<std::uint8_t>> my_keys,
                          std::string_view their_id,
                          std::vector<std::vector<std::uint8_t>> their_keys);

// "0123456789..." (60 digits) -> "01234 56789 ..."; other lengths are grouped the same way.
std::string format_safety_number(std::string_view digits);

}  // namespace hearth::e2e
