#include "server/origin_policy.h"

#include <algorithm>

namespace hearth::server {

bool origin_allowed(std::string_view origin, std::string_view host,
                    const std::vector<std::string>& allowlist) {
  if (origin.empty()) return true;
  if (!allowlist.empty()) {
    return std::find(allowlist.begin(), allowlist.end(), origin) != allowlist.end();
  }
  if (host.empty()) return false;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (origin.size() == scheme.size() + host.size() && origin.substr(0, scheme.size()) == scheme &&
        origin.substr(scheme.size()) == host) {
      return true;
    }
  }
  return false;
}

}  // namespace hearth::server
