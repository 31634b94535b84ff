#include "clients/loadgen/paced_sender.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <stdexcept>

#include "clients/client/requests.h"
#include "clients/loadgen/countdown.h"
#include "clients/loadgen/delivery_tally.h"
#include "clients/loadgen/population.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
namespace requests = hearth::client::requests;
using Clock = std::chrono::steady_clock;

namespace {

// Reads a sender's connection until `answers` responses and every room message of the phase
// have come. The acknowledgements are not measured.
asio::awaitable<void> drain_sender(LoadConnection& connection, unsigned answers, const PacedSend& send,
                                   ReaderFloor& floor, unsigned reader) {
  ReceivedFrames frames;
  std::uint64_t room_messages = 0;
  try {
    while (answers > 0 || room_messages < send.room_messages) {
      co_await connection.receive(frames);
      for (const auto& frame : frames) {
        if (frame.response() != nullptr && answers > 0) --answers;
        if (frame.message_posted() != nullptr && frame.message_posted()->seq > send.first_seq) ++room_messages;
      }
      floor.advance(reader, room_messages);
    }
  } catch (const std::exception& failure) {
    floor.finish(reader);
    throw std::runtime_error("a sender's connection ended (" + how_it_ended(connection, failure) + ")");
  }
  floor.finish(reader);
}

}  // namespace

asio::awaitable<void> send_paced(asio::io_context& io, LoadConnection& connection, const PacedSend& send,
                                 ReaderFloor& floor, unsigned reader) {
  Countdown drained(io, 1);
  asio::co_spawn(io, drain_sender(connection, send.count, send, floor, reader), drained.handler());
  std::exception_ptr failure;
  try {
    asio::steady_timer timer(io);
    auto next = Clock::now() + send.offset;
    for (unsigned i = 0; i < send.count; ++i) {
      next += send.interval;
      timer.expires_at(next);
      co_await timer.async_wait(asio::use_awaitable);
      co_await floor.before_send();
      co_await connection.send(requests::send_message(send.room_id, stamped_text(send.bytes)));
    }
  } catch (const std::exception&) {
    failure = std::current_exception();
    connection.close();  // ends the drain, which refers to this frame
  }
  co_await drained.wait();
  // The reading side knows why a connection ended (the server's close code): its failure first.
  if (drained.first_failure()) failure = drained.first_failure();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace hearth::loadgen
