// Keeps a live command connected for as long as the person wants: connects, runs the command's
// part on the connection until it closes, and after a lost connection reconnects with backoff
// (0.5 s doubling to 30 s) and runs that part again, which catches up from where it was.
// Shared by `hearth tail`, `hearth chat` (LiveRoom) and `hearth dm --live`.
// run() blocks on its own thread; connection(), wait_connection(), wait_ready() and stop() are
// thread-safe.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

#include "clients/cli/cli_context.h"

namespace hearth::cli {

class ReconnectingSession {
 public:
  // Makes a connection ready for `follow` (authenticated and set up), or returns null with the
  // exit code in `exit_code` (kConnection when the server could not be reached: tried again
  // unless it is the first attempt). `first` says whether this is the first connection.
  using Connect = std::function<std::shared_ptr<client::Connection>(bool first, int& exit_code)>;
  // Catches up and follows the connection until it closes; returns how it closed.
  using Follow = std::function<client::CloseInfo(client::Connection& connection)>;

  ReconnectingSession(CliContext& cli, Connect connect, Follow follow)
      : cli_(cli), connect_(std::move(connect)), follow_(std::move(follow)) {}

  // Runs until stop() or a close that retrying cannot fix. Returns the exit code.
  int run();
  // Ends run() soon (closes the current connection).
  void stop();
  // Waits until the first connection is up (true) or run() gave up (false).
  bool wait_ready();
  // The live connection, or null while (re)connecting.
  std::shared_ptr<client::Connection> connection();
  // Waits for a connection other than `other` (null: any) and returns it; null once run() has
  // given up or stop() was called.
  std::shared_ptr<client::Connection> wait_connection(const std::shared_ptr<client::Connection>& other);

 private:
  void set_state(std::shared_ptr<client::Connection> connection, bool gave_up);
  bool stopping();

  CliContext& cli_;
  Connect connect_;
  Follow follow_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::shared_ptr<client::Connection> connection_;
  bool ready_ = false;
  bool gave_up_ = false;
  bool stopping_ = false;
};

}  // namespace hearth::cli
