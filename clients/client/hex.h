// Lower-case hexadecimal for tokens kept in files and compared in tests. Pure functions.
#pragma once

#include <optional>
#include <string>

namespace hearth::client {

std::string to_hex(const std::string& bytes);
// nullopt unless `hex` is an even number of lower-case hex digits.
std::optional<std::string> from_hex(const std::string& hex);

}  // namespace hearth::client
