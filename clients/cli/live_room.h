// Follows one room for as long as the person wants: connects, shows history since the last
// message seen, then live events; after a lost connection it reconnects (ReconnectingSession)
// and catches up, so nothing is missed. Shared by `hearth tail` and `hearth chat`.
// run() blocks on its own thread; connection(), wait_connection(), wait_ready() and stop() are
// thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "clients/cli/cli_context.h"
#include "clients/cli/reconnecting_session.h"

namespace hearth::cli {

class LiveRoom {
 public:
  // Starts after `last_seq`; 0 means "from the last 20 messages".
  LiveRoom(CliContext& cli, std::uint64_t last_seq);

  // Runs until stop() or a close that retrying cannot fix. Returns the exit code.
  int run() { return session_.run(); }
  // Ends run() soon (closes the current connection).
  void stop() { session_.stop(); }
  // Waits until the first connection is up (true) or run() gave up (false).
  bool wait_ready() { return session_.wait_ready(); }
  // The live connection and its room, or null while (re)connecting.
  std::shared_ptr<client::Connection> connection(std::uint64_t& room_id);
  // See ReconnectingSession::wait_connection.
  std::shared_ptr<client::Connection> wait_connection(const std::shared_ptr<client::Connection>& other) {
    return session_.wait_connection(other);
  }

 private:
  std::shared_ptr<client::Connection> connect(bool first, int& exit_code);

  CliContext& cli_;
  std::uint64_t last_seq_;                // only run()'s thread touches it
  std::atomic<std::uint64_t> room_id_{0};
  ReconnectingSession session_;
};

}  // namespace hearth::cli
