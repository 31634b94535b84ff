// Which browser origins may open a WebSocket. Browsers always send Origin; other clients (the
// CLI, the load generator) send none and are allowed. Pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hearth::server {

// With an empty allowlist, only the server's own host (http:// or https:// + the Host header)
// is allowed; otherwise only exact matches of the list.
bool origin_allowed(std::string_view origin, std::string_view host,
                    const std::vector<std::string>& allowlist);

}  // namespace hearth::server
