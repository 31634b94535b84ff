#include "clients/loadgen/paced_sender.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <vector>

#include "clients/client/requests.h"
#include "clients/loadgen/countdown.h"
#include "clients/loadgen/population.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
namespace requests = hearth::client::requests;
using Clock = std::chrono::steady_clock;

namespace {

// Reads what a sender receives until `answers` responses have come: the acknowledgements are not
// measured, and the room's events (a sender is a member) are dropped. Ending there leaves the
// connection free for a later phase's reader.
asio::awaitable<void> drain_answers(LoadConnection& connection, unsigned answers) {
  ReceivedFrames frames;
  while (answers > 0) {
    co_await connection.receive(frames);
    for (const auto& frame : frames) {
      if (frame.has_response() && answers > 0) --answers;
    }
  }
}

}  // namespace

asio::awaitable<void> send_paced(asio::io_context& io, LoadConnection& connection, std::uint64_t room_id,
                                 unsigned count, std::chrono::nanoseconds offset, std::chrono::nanoseconds interval,
                                 unsigned bytes) {
  Countdown drained(io, 1);
  asio::co_spawn(io, drain_answers(connection, count), drained.handler());
  std::exception_ptr failure;
  try {
    asio::steady_timer timer(io);
    auto next = Clock::now() + offset;
    for (unsigned i = 0; i < count; ++i) {
      next += interval;
      timer.expires_at(next);
      co_await timer.async_wait(asio::use_awaitable);
      co_await connection.send(requests::send_message(room_id, stamped_text(bytes)));
    }
  } catch (const std::exception&) {
    failure = std::current_exception();
    connection.close();  // ends the drain, which refers to this frame
  }
  co_await drained.wait();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace hearth::loadgen
