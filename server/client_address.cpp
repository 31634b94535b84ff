#include "server/client_address.h"

#include <optional>

namespace hearth::server {

namespace ip = boost::asio::ip;

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// An IPv4 address written as IPv6 (::ffff:192.0.2.1, a dual-stack socket's view) is IPv4.
ip::address unmapped(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

// A bare address, IPv6 optionally in brackets; no port, no host name.
std::optional<ip::address> parse_address(std::string_view text) {
  text = trim(text);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  boost::system::error_code ec;
  const ip::address address = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return unmapped(address);
}

std::optional<unsigned> parse_prefix(std::string_view digits, unsigned most) {
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  unsigned value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > most) return std::nullopt;
  return value;
}

std::string limit_key(const ip::address& address) {
  if (address.is_v4()) return address.to_string();
  return ip::make_network_v6(address.to_v6(), 64).canonical().to_string();
}

}  // namespace

std::string TrustedProxies::add(std::string_view entry) {
  const std::string_view text = trim(entry);
  if (text.empty()) return "an empty entry is not an IP address or network";
  const auto slash = text.find('/');
  const auto address = parse_address(text.substr(0, slash));
  if (!address) return "'" + std::string(text) + "' is not an IP address or network";
  const unsigned most = address->is_v4() ? 32 : 128;
  unsigned prefix = most;
  if (slash != std::string_view::npos) {
    const auto parsed = parse_prefix(text.substr(slash + 1), most);
    if (!parsed) {
      return "'" + std::string(text) + "' needs a prefix length of 0 to " + std::to_string(most) + " after the /";
    }
    prefix = *parsed;
  }
  if (address->is_v4()) {
    v4_.push_back(ip::make_network_v4(address->to_v4(), prefix).canonical());
  } else {
    v6_.push_back(ip::make_network_v6(address->to_v6(), prefix).canonical());
  }
  return {};
}

bool TrustedProxies::contains(const ip::address& address) const {
  const ip::address plain = unmapped(address);
  if (plain.is_v4()) {
    for (const auto& network : v4_) {
      if (ip::make_network_v4(plain.to_v4(), network.prefix_length()).canonical() == network) return true;
    }
    return false;
  }
  for (const auto& network : v6_) {
    if (ip::make_network_v6(plain.to_v6(), network.prefix_length()).canonical() == network) return true;
  }
  return false;
}

std::string client_address(const ip::address& peer, std::string_view forwarded_for, const TrustedProxies& proxies) {
  ip::address client = unmapped(peer);
  // From the right: each hop was appended by the proxy in front of it, so the first hop that
  // is not a trusted proxy is the client.
  while (proxies.contains(client) && !trim(forwarded_for).empty()) {
    const auto comma = forwarded_for.rfind(',');
    const auto hop = parse_address(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    if (!hop) break;  // unreadable: keep the trusted proxy that sent it
    client = *hop;
    forwarded_for = comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
  }
  return limit_key(client);
}

}  // namespace hearth::server
