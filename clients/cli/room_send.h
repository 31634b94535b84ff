// Sends one message to a room so that it is stored once, whatever happens to the connection:
// the message gets one idempotency key for all its attempts, and when the connection drops
// before the answer comes, it is sent again with that key on the next connection. The server
// answers such a repeat with the first attempt's result, so nothing is lost or stored twice.
// Shared by `hearth send` and `hearth chat`. Blocks the calling thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "clients/client/connection.h"

namespace hearth::cli {

// The connection to send on: any live one when `lost` is null, otherwise one other than `lost`
// (after reconnecting). Null when none will come (the caller gave up or is stopping).
using NextConnection =
    std::function<std::shared_ptr<client::Connection>(const std::shared_ptr<client::Connection>& lost)>;

// The server's answer, or a local UNAVAILABLE error saying the message may not have been sent
// when `next_connection` gave none.
hearth::v1::Response send_until_answered(std::uint64_t room_id, const std::string& text,
                                         const NextConnection& next_connection);

}  // namespace hearth::cli
