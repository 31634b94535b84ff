// One timer for every connection deadline (authentication, keep-alive, a close that the peer
// ignores), so no connection carries a timer of its own. Thread-safe; the timer runs on the
// io_context.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>

namespace hearth::server {

class Session;

class DeadlineSweeper {
 public:
  enum class Action { kAuthDeadline, kIdleCheck, kHardClose };

  explicit DeadlineSweeper(boost::asio::io_context& io);
  void start();
  void stop();

  // At `when`, runs `action` on the session if it still exists. Cheap: no allocation per
  // connection beyond one map node.
  void schedule(const std::shared_ptr<Session>& session, std::chrono::steady_clock::time_point when,
                Action action);

 private:
  void tick();

  struct Entry {
    std::weak_ptr<Session> session;
    Action action;
  };
  boost::asio::steady_timer timer_;
  std::mutex mutex_;
  std::multimap<std::chrono::steady_clock::time_point, Entry> entries_;
  bool stopped_ = false;
};

}  // namespace hearth::server
