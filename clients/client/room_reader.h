// Reads one room without missing anything: history after the last seen seq, page by page,
// then live events, in seq order and without duplicates. Used by `hearth tail`, `hearth chat`
// and the integration tests. Thread-safe: on_event may be called from the I/O thread while
// catch_up runs on another.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "clients/client/connection.h"

namespace hearth::client {

class RoomReader {
 public:
  using Deliver = std::function<void(const hearth::v1::RoomMessage&)>;

  // `deliver` receives each message once, in seq order, starting after `last_seen_seq`.
  RoomReader(std::uint64_t room_id, std::uint64_t last_seen_seq, Deliver deliver);

  // Feed every event of the connection here (from its event handler). Posted messages that
  // arrive before catch_up has reached them are held back and released in order.
  void on_event(const hearth::v1::Event& event);
  // Pages through history after the last delivered seq until there is no more. Returns an
  // empty string on success, else the server's error message.
  std::string catch_up(Connection& connection);

  std::uint64_t last_seq() const;

 private:
  void offer(const hearth::v1::RoomMessage& message);  // requires mutex_

  const std::uint64_t room_id_;
  Deliver deliver_;
  mutable std::mutex mutex_;
  std::uint64_t last_seq_;
  std::map<std::uint64_t, hearth::v1::RoomMessage> early_;  // live messages ahead of history
};

}  // namespace hearth::client
