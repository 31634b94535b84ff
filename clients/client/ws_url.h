// A parsed ws:// URL. Plain ws only: deployments terminate TLS in nginx (deploy/nginx).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hearth::client {

struct WsUrl {
  std::string host;
  std::string port = "80";
  std::string path = "/";
};

// Parses "ws://host[:port][/path]"; IPv6 hosts in brackets. nullopt if it is not such a URL.
std::optional<WsUrl> parse_ws_url(std::string_view url);

}  // namespace hearth::client
