#include "clients/cli/live_room.h"

#include <iostream>
#include <thread>

#include "clients/client/requests.h"
#include "clients/client/room_reader.h"

namespace hearth::cli {

namespace {

// Close codes after which trying again cannot help.
bool is_final(std::uint16_t code) { return code == 4003 || code == 4004 || code == 1003 || code == 1009; }

bool shows(const hearth::v1::Event& event, std::uint64_t room_id) {
  return (event.has_message_edited() && event.message_edited().room_id() == room_id) ||
         (event.has_message_deleted() && event.message_deleted().room_id() == room_id) ||
         (event.has_member_joined() && event.member_joined().room_id() == room_id) ||
         (event.has_member_left() && event.member_left().room_id() == room_id) || event.has_disconnecting() ||
         // Private to this account, wherever it happened: never hide them.
         event.has_crisis_resources() || event.has_moderation_notice() || event.has_crisis_alert();
}

// History since `last_seq`, then live events, until the connection ends. Returns how it ended.
client::CloseInfo follow(CliContext& cli, client::Connection& connection, std::uint64_t room_id,
                         std::uint64_t& last_seq) {
  client::RoomReader reader(room_id, last_seq, [&](const hearth::v1::RoomMessage& message) { cli.out.message(message); });
  connection.set_event_handler([&](const hearth::v1::Event& event) {
    reader.on_event(event);
    if (shows(event, room_id)) cli.out.event(event);
  });
  if (const std::string problem = reader.catch_up(connection); !problem.empty()) {
    std::cerr << "hearth: " << problem << "\n";
  }
  const auto closed = connection.wait_closed(std::chrono::hours(24 * 365));
  connection.set_event_handler(nullptr);
  last_seq = reader.last_seq();
  return closed.value_or(client::CloseInfo{});
}

}  // namespace

void LiveRoom::set_state(std::shared_ptr<client::Connection> connection, std::uint64_t room_id, bool gave_up) {
  std::lock_guard lock(mutex_);
  connection_ = std::move(connection);
  room_id_ = room_id;
  ready_ = ready_ || connection_ != nullptr;
  gave_up_ = gave_up_ || gave_up;
  changed_.notify_all();
}

int LiveRoom::run() {
  bool first = true;
  auto backoff = std::chrono::milliseconds(500);
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return kOk;
    }
    int code = kOk;
    std::uint64_t room_id = 0;
    std::shared_ptr<client::Connection> connection = cli_.connect_to_room(room_id, code);
    if (!connection) {
      if (first || code != kConnection) {
        set_state(nullptr, 0, true);
        return code;
      }
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(30000));
      continue;
    }
    if (first && last_seq_ == 0) {
      // Start from the recent past, not the beginning of time.
      const auto recent = connection->call(client::requests::history_latest(room_id, 20));
      if (recent.has_error()) {
        set_state(nullptr, 0, true);
        return cli_.out.refused(recent);
      }
      if (recent.history().messages_size() > 0) last_seq_ = recent.history().messages(0).seq() - 1;
    }
    first = false;
    backoff = std::chrono::milliseconds(500);
    if (cli_.quiet_connect_errors) std::cerr << "hearth: reconnected\n";
    cli_.quiet_connect_errors = false;
    set_state(connection, room_id, false);
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return kOk;  // stop() came while we were connecting
    }
    const client::CloseInfo closed = follow(cli_, *connection, room_id, last_seq_);
    set_state(nullptr, room_id, false);
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return kOk;
    }
    if (is_final(closed.code)) {
      std::cerr << "hearth: disconnected (" << closed.code << " " << closed.reason << ")\n";
      set_state(nullptr, 0, true);
      return closed.code == 4003 ? kNotLoggedIn : kConnection;
    }
    std::cerr << "hearth: connection lost (" << closed.code << "); reconnecting and catching up...\n";
    cli_.quiet_connect_errors = true;
  }
}

void LiveRoom::stop() {
  std::shared_ptr<client::Connection> connection;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    connection = connection_;
  }
  if (connection) connection->close();
}

bool LiveRoom::wait_ready() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return ready_ || gave_up_; });
  return ready_;
}

std::shared_ptr<client::Connection> LiveRoom::connection(std::uint64_t& room_id) {
  std::lock_guard lock(mutex_);
  room_id = room_id_;
  return connection_;
}

}  // namespace hearth::cli
