#include "server/validation.h"

#include <algorithm>

namespace hearth::server {

namespace {

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string check_handle(std::string_view handle) {
  if (handle.size() < 3 || handle.size() > 32) return "a handle has 3 to 32 characters";
  const bool allowed = std::all_of(handle.begin(), handle.end(), [](char c) {
    return is_ascii_alnum(c) || c == '_' || c == '.' || c == '-';
  });
  if (!allowed) return "a handle may hold only letters, digits, '_', '.' and '-'";
  if (!is_ascii_alnum(handle.front())) return "a handle starts with a letter or a digit";
  return {};
}

std::string check_password(std::string_view password) {
  if (password.size() < 10) return "a password needs at least 10 characters (a short sentence works well)";
  if (password.size() > 256) return "a password has at most 256 bytes";
  return {};
}

std::string check_room_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 48) return "a room name has 3 to 48 characters";
  const bool allowed = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!allowed) return "a room name may hold only lower-case letters, digits and '-'";
  if (name.front() == '-' || name.back() == '-') return "a room name does not start or end with '-'";
  return {};
}

std::string check_message_text(std::string_view text, std::size_t max_bytes, bool& too_large) {
  too_large = false;
  if (text.size() > max_bytes) {
    too_large = true;
    return "the message is " + std::to_string(text.size()) + " bytes; the limit is " +
           std::to_string(max_bytes);
  }
  const bool blank = std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  });
  if (blank) return "the message is empty";
  return {};
}

}  // namespace hearth::server
