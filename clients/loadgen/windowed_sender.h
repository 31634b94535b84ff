// A closed-loop sender: keeps at most `window` messages unacknowledged, reading acknowledgements
// (and the room's events, which a sender gets as a member) on the same connection.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>

#include "clients/loadgen/load_connection.h"
#include "clients/loadgen/scenario.h"

namespace hearth::loadgen {

// Sends options.messages stamped messages of options.bytes to `room_id`; counts refusals.
boost::asio::awaitable<void> send_windowed(boost::asio::io_context& io, LoadConnection& connection,
                                           std::uint64_t room_id, const ScenarioOptions& options,
                                           std::uint64_t& refused);

}  // namespace hearth::loadgen
