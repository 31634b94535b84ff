// The address a connection's limits are counted against (failed logins, registrations,
// password hashes at once). Behind a reverse proxy every client arrives from the proxy's own
// address, so the proxy's X-Forwarded-For header names the client; but anyone can send that
// header, so it is believed only from a configured trusted proxy. Pure functions and an
// immutable set once configured: safe to share between threads.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::server {

// The peers whose X-Forwarded-For is believed (the `trusted-proxy` option). Empty by default:
// then every header is ignored.
class TrustedProxies {
 public:
  // Adds an address ("127.0.0.1", "::1") or a network ("10.0.0.0/8", "fd00::/8"). Returns a
  // sentence saying what is wrong with `entry`, or an empty string when it was added.
  std::string add(std::string_view entry);
  bool contains(const boost::asio::ip::address& address) const;
  bool empty() const { return v4_.empty() && v6_.empty(); }

 private:
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

// The client's address as limits count it. From a peer that is not a trusted proxy: the peer's
// own address, whatever it sent. From a trusted proxy: `forwarded_for` (every X-Forwarded-For
// field of the request, joined by commas in order) is read from the right, where each proxy
// appended the address it saw, and the first address that is not itself a trusted proxy is the
// client; everything left of it was written by the client and is never believed. An absent
// header, or an entry that is not a bare IP address, leaves the last trusted address (the
// proxy's own when the rightmost entry is unreadable).
// IPv4 mapped into IPv6 counts as IPv4. An IPv6 client counts as its /64 ("2001:db8:1:2::/64"):
// one subscriber holds a whole /64 and can pick any address in it.
std::string client_address(const boost::asio::ip::address& peer, std::string_view forwarded_for,
                           const TrustedProxies& proxies);

}  // namespace hearth::server
