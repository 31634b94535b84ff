#include "clients/loadgen/countdown.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace hearth::loadgen {

namespace asio = boost::asio;

asio::awaitable<void> Countdown::wait() {
  co_await wait_until(std::chrono::steady_clock::time_point::max());
}

asio::awaitable<bool> Countdown::wait_until(std::chrono::steady_clock::time_point deadline) {
  timer_.expires_at(deadline);
  while (left_ > 0) {
    boost::system::error_code ec;
    co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) break;  // the deadline passed
  }
  co_return left_ == 0;
}

}  // namespace hearth::loadgen
