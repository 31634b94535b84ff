// Follows one room for as long as the person wants: connects, shows history since the last
// message seen, then live events; after a lost connection it reconnects with backoff and
// catches up, so nothing is missed. Shared by `hearth tail` and `hearth chat`.
// run() blocks on its own thread; connection(), wait_ready() and stop() are thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "clients/cli/cli_context.h"

namespace hearth::cli {

class LiveRoom {
 public:
  // Starts after `last_seq`; 0 means "from the last 20 messages".
  LiveRoom(CliContext& cli, std::uint64_t last_seq) : cli_(cli), last_seq_(last_seq) {}

  // Runs until stop() or a close that retrying cannot fix. Returns the exit code.
  int run();
  // Ends run() soon (closes the current connection).
  void stop();
  // Waits until the first connection is up (true) or run() gave up (false).
  bool wait_ready();
  // The live connection and its room, or null while (re)connecting.
  std::shared_ptr<client::Connection> connection(std::uint64_t& room_id);

 private:
  void set_state(std::shared_ptr<client::Connection> connection, std::uint64_t room_id, bool gave_up);

  CliContext& cli_;
  std::uint64_t last_seq_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::shared_ptr<client::Connection> connection_;
  std::uint64_t room_id_ = 0;
  bool ready_ = false;
  bool gave_up_ = false;
  bool stopping_ = false;
};

}  // namespace hearth::cli
