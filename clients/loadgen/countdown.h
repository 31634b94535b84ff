// Waits for a group of spawned coroutines: each one's completion handler counts down, and the
// waiter resumes when all have finished. One thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <exception>

namespace hearth::loadgen {

class Countdown {
 public:
  Countdown(boost::asio::io_context& io, unsigned count) : left_(count), timer_(io) {}

  // The completion handler for co_spawn; a failure counts as finished, and the first is kept.
  auto handler() {
    return [this](std::exception_ptr failure) {
      if (failure && !first_failure_) first_failure_ = failure;
      if (left_ > 0 && --left_ == 0) timer_.cancel();
    };
  }
  // The first coroutine's exception, if any failed.
  std::exception_ptr first_failure() const { return first_failure_; }
  // Returns once every coroutine has finished. The Countdown must outlive them all.
  boost::asio::awaitable<void> wait();
  // Returns once every coroutine has finished (true) or at `deadline` (false).
  boost::asio::awaitable<bool> wait_until(std::chrono::steady_clock::time_point deadline);

 private:
  unsigned left_;
  boost::asio::steady_timer timer_;
  std::exception_ptr first_failure_;
};

}  // namespace hearth::loadgen
