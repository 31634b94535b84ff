// The accounts and connections a scenario drives, on the load generator's one io_context.
// Accounts are few (Argon2id makes each cost ~0.1 s); connections share them.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clients/loadgen/load_connection.h"

namespace hearth::loadgen {

struct Target {
  boost::asio::ip::tcp::endpoint server;
  std::string host;                          // for the Host header
  std::string room = "families-together";   // a demo room (hearthd --demo-rooms)
  unsigned connections_per_account = 1000;
  unsigned source_addresses = 1;             // spread connections over 127.0.0.1 .. 127.0.0.N
};

class Population {
 public:
  Population(boost::asio::io_context& io, Target target) : io_(io), target_(std::move(target)) {}

  // Registers enough accounts for `connections` connections.
  boost::asio::awaitable<void> create_accounts(unsigned connections);
  // The handle of account number `account` (connection i uses account i / connections_per_account).
  std::string handle(unsigned account) const;
  // Opens a fresh connection, logs in to account number `account` with its password, and closes
  // it again (a connection authenticates only once). Returns the server's answer.
  boost::asio::awaitable<hearth::v1::Response> log_in(unsigned account);
  // Opens connection number `index`, authenticates it, and joins the room if asked. A
  // `receive_buffer_bytes` above 0 fixes its kernel receive buffer (LoadConnection).
  boost::asio::awaitable<std::unique_ptr<LoadConnection>> connect(unsigned index, bool join_room,
                                                                  int receive_buffer_bytes = 0);
  // Registers an admin with `admin_invite` and creates `count` open rooms; returns their ids.
  boost::asio::awaitable<std::vector<std::uint64_t>> create_rooms(const std::string& admin_invite, unsigned count);
  // Joins `connection` to `room_id`.
  boost::asio::awaitable<void> join(LoadConnection& connection, std::uint64_t room_id);
  std::uint64_t room_id() const { return room_id_; }
  const Target& target() const { return target_; }

 private:
  boost::asio::io_context& io_;
  Target target_;
  std::vector<std::string> tokens_;
  std::string run_id_;
  std::uint64_t room_id_ = 0;
};

// "CODE: message" of an error response, or empty.
std::string error_of(const hearth::v1::Response& response);
// Nanoseconds on the steady clock, the time stamp messages carry.
std::int64_t steady_ns();
// A message text of `bytes` bytes that starts with the current steady_ns().
std::string stamped_text(unsigned bytes);
// The send time stamped_text() put at the start of `text`.
std::int64_t sent_at_ns(std::string_view text);

}  // namespace hearth::loadgen
