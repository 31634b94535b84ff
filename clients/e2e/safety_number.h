// Safety numbers: 60 digits two people read to each other (or compare on screen) to check that
// each holds the other's real device keys. Addressing is per device, so one person's half covers
// all of that person's device identity signing keys. README "Safety numbers" gives the algorithm.
// Pure; thread safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::e2e {

inline constexpr int kSafetyNumberIterations = 5200;

// The identifier a safety number hashes for a person: their Hearth handle, whose bytes are
// A-Z a-z 0-9 _ . - (ASCII only, so no Unicode normalisation applies), folded to lower case by
// mapping A-Z to a-z, because the server treats handles that differ only in case as one person.
// nullopt for an empty handle or any other byte.
std::optional<std::string> safety_number_id(std::string_view handle);

// One person's 30 digits over their handle (as safety_number_id folds it) and their device
// identity signing keys (each 32 bytes; order and duplicates do not matter). Empty string if a
// key is not 32 bytes or the handle is not one.
std::string safety_number_half(std::string_view handle,
                               const std::vector<std::vector<std::uint8_t>>& identity_signing_keys);

// Both halves, the smaller first so that both people see the same number, as 12 groups of 5
// digits separated by single spaces. Empty string if any key or handle is refused.
std::string safety_number(std::string_view my_handle, std::vector<std::vector<std::uint8_t>> my_keys,
                          std::string_view their_handle,
                          std::vector<std::vector<std::uint8_t>> their_keys);

// "0123456789..." (60 digits) -> "01234 56789 ..."; other lengths are grouped the same way.
std::string format_safety_number(std::string_view digits);

}  // namespace hearth::e2e
