// An open-loop sender: sends on a fixed schedule whatever the server does, so a slow server shows
// up as latency rather than as a lower send rate (no coordinated omission).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>

#include "clients/loadgen/load_connection.h"

namespace hearth::loadgen {

// Sends `count` stamped messages of `bytes` bytes to `room_id`, one every `interval` from
// `offset` on, and returns once each has been answered. What else arrives (the room's events)
// is dropped.
boost::asio::awaitable<void> send_paced(boost::asio::io_context& io, LoadConnection& connection,
                                        std::uint64_t room_id, unsigned count, std::chrono::nanoseconds offset,
                                        std::chrono::nanoseconds interval, unsigned bytes);

}  // namespace hearth::loadgen
