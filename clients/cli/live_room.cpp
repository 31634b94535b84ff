#include "clients/cli/live_room.h"

#include <iostream>

#include "clients/client/requests.h"
#include "clients/client/room_reader.h"

namespace hearth::cli {

namespace {

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

LiveRoom::LiveRoom(CliContext& cli, std::uint64_t last_seq)
    : cli_(cli),
      last_seq_(last_seq),
      session_(
          cli, [this](bool first, int& exit_code) { return connect(first, exit_code); },
          [this](client::Connection& connection) { return follow(cli_, connection, room_id_, last_seq_); }) {}

std::shared_ptr<client::Connection> LiveRoom::connect(bool first, int& exit_code) {
  std::uint64_t room_id = 0;
  std::shared_ptr<client::Connection> connection = cli_.connect_to_room(room_id, exit_code);
  if (!connection) return nullptr;
  room_id_ = room_id;
  if (first && last_seq_ == 0) {
    // Start from the recent past, not the beginning of time.
    const auto recent = connection->call(client::requests::history_latest(room_id, 20));
    if (recent.has_error()) {
      exit_code = cli_.out.refused(recent);
      return nullptr;
    }
    if (recent.history().messages_size() > 0) last_seq_ = recent.history().messages(0).seq() - 1;
  }
  return connection;
}

std::shared_ptr<client::Connection> LiveRoom::connection(std::uint64_t& room_id) {
  room_id = room_id_;
  return session_.connection();
}

}  // namespace hearth::cli
