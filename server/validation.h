// Rules for what people type: handles, passwords, room names, message text. Pure functions.
// Each returns an empty string when the value is fine, else a sentence saying what is wrong.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hearth::server {

std::string check_handle(std::string_view handle);
std::string check_password(std::string_view password);
std::string check_room_name(std::string_view name);
// Text must hold something besides white space and fit in `max_bytes`.
// Sets `too_large` when the only problem is the size (so the caller can answer TOO_LARGE).
std::string check_message_text(std::string_view text, std::size_t max_bytes, bool& too_large);

}  // namespace hearth::server
