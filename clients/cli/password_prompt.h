// Reading a password without echoing it.
#pragma once

#include <optional>
#include <string>

namespace hearth::cli {

// From $HEARTH_PASSWORD, else one line of stdin when `from_stdin`, else the terminal without
// echo (asking twice when `confirm`). nullopt if nothing could be read or the two differ.
std::optional<std::string> read_password(const std::string& prompt, bool from_stdin, bool confirm);

}  // namespace hearth::cli
