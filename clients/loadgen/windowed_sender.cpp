#include "clients/loadgen/windowed_sender.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <vector>

#include "clients/client/requests.h"
#include "clients/loadgen/population.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
namespace requests = hearth::client::requests;
using Clock = std::chrono::steady_clock;

// Sends `messages` with at most `window` unacknowledged; reads acknowledgements (and the room's
// events, which a sender gets as a member) on the same connection.
asio::awaitable<void> send_windowed(asio::io_context& io, LoadConnection& connection, std::uint64_t room_id,
                                    const ScenarioOptions& options, std::uint64_t& refused) {
  unsigned sent = 0, acknowledged = 0;
  bool reading_done = false;
  asio::steady_timer wake(io, Clock::time_point::max());
  auto wait_for_wake = [&]() -> asio::awaitable<void> {
    boost::system::error_code ignored;
    co_await wake.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    wake.expires_at(Clock::time_point::max());
  };
  auto read_acks = [&]() -> asio::awaitable<void> {
    ReceivedFrames frames;
    while (acknowledged < options.messages) {
      co_await connection.receive(frames);
      for (const auto& frame : frames) {
        if (frame.response() == nullptr) continue;
        if (frame.response()->has_error()) ++refused;
        ++acknowledged;
      }
      wake.cancel();
    }
  };
  asio::co_spawn(io, read_acks(), [&](std::exception_ptr) {
    reading_done = true;
    wake.cancel();
  });
  while (sent < options.messages && !reading_done) {
    if (sent - acknowledged >= options.window) {
      co_await wait_for_wake();
      continue;
    }
    // Everything the window allows goes out in one write, as a pipelining client would send it.
    while (sent < options.messages && sent - acknowledged < options.window) {
      connection.queue(requests::send_message(room_id, stamped_text(options.bytes)));
      ++sent;
    }
    co_await connection.flush();
  }
  while (!reading_done) co_await wait_for_wake();  // read_acks refers to this frame
}

}  // namespace hearth::loadgen
