// An open-loop sender: sends on a fixed schedule whatever the server does, so a slow server shows
// up as latency rather than as a lower send rate (no coordinated omission). Only a phase that
// bounds how far its readers may fall behind (ReaderFloor) holds a message back.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>

#include "clients/loadgen/load_connection.h"
#include "clients/loadgen/reader_floor.h"

namespace hearth::loadgen {

struct PacedSend {
  std::uint64_t room_id = 0;
  unsigned count = 0;                  // messages this sender sends
  std::chrono::nanoseconds offset{0};  // of its first message from now
  std::chrono::nanoseconds interval{0};
  unsigned bytes = 0;
  std::uint64_t first_seq = 0;         // the room's last seq before the phase
  std::uint64_t room_messages = 0;     // the phase's messages from every sender
};

// Sends `send.count` stamped messages to the room on the schedule, and reads what arrives on the
// same connection (the room's events: a sender is a member) until every one of them has been
// answered and all the phase's room messages have arrived, so the connection is clear for a
// later phase. Reports that reading to `floor` as reader `reader` and asks it before each send.
boost::asio::awaitable<void> send_paced(boost::asio::io_context& io, LoadConnection& connection, const PacedSend& send,
                                        ReaderFloor& floor, unsigned reader);

}  // namespace hearth::loadgen
