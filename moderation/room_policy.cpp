#include "moderation/room_policy.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace hearth::moderation {

namespace {

bool starts_with_ignoring_case(std::string_view text, std::size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != prefix[i]) return false;
  }
  return true;
}

bool is_domain_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'; }

}  // namespace

bool contains_link(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) continue;  // word starts only
    if (starts_with_ignoring_case(text, i, "http://") || starts_with_ignoring_case(text, i, "https://") ||
        starts_with_ignoring_case(text, i, "www.")) {
      return true;
    }
    // A bare domain followed by a path: label.label/...
    std::size_t end = i;
    while (end < text.size() && is_domain_char(text[end])) ++end;
    if (end < text.size() && text[end] == '/' && end > i) {
      const std::string_view host = text.substr(i, end - i);
      const std::size_t dot = host.rfind('.');
      if (dot != std::string_view::npos && dot > 0 && host.size() - dot - 1 >= 2 &&
          std::all_of(host.begin() + static_cast<std::ptrdiff_t>(dot) + 1, host.end(),
                      [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace hearth::moderation
