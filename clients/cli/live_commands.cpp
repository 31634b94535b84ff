// tail (live messages, reconnecting and resyncing) and chat (interactive).
#include <atomic>
#include <iostream>
#include <thread>

#include "clients/cli/commands.h"
#include "clients/client/requests.h"
#include "clients/client/room_reader.h"

namespace hearth::cli {

namespace requests = client::requests;

namespace {

// Close codes after which trying again cannot help.
bool is_final(std::uint16_t code) { return code == 4003 || code == 4004 || code == 1003 || code == 1009; }

// Follows one room over one connection: history since `last_seq`, then live events, until the
// connection ends. Returns how it ended.
client::CloseInfo follow(CliContext& cli, client::Connection& connection, std::uint64_t room_id,
                         std::uint64_t& last_seq) {
  client::RoomReader reader(room_id, last_seq, [&](const hearth::v1::RoomMessage& message) {
    cli.out.message(message);
  });
  connection.set_event_handler([&](const hearth::v1::Event& event) {
    reader.on_event(event);
    const bool ours = (event.has_message_edited() && event.message_edited().room_id() == room_id) ||
                      (event.has_message_deleted() && event.message_deleted().room_id() == room_id) ||
                      (event.has_member_joined() && event.member_joined().room_id() == room_id) ||
                      (event.has_member_left() && event.member_left().room_id() == room_id) ||
                      event.has_disconnecting();
    if (ours) cli.out.event(event);
  });
  const std::string problem = reader.catch_up(connection);
  if (!problem.empty()) std::cerr << "hearth: " << problem << "\n";
  auto closed = connection.wait_closed(std::chrono::hours(24 * 365));
  connection.set_event_handler(nullptr);
  last_seq = reader.last_seq();
  return closed.value_or(client::CloseInfo{});
}

}  // namespace

int run_tail(CliContext& cli) {
  if (!cli.has_words(1, 1, "tail ROOM [--after SEQ]")) return kUsage;
  std::uint64_t last_seq = std::stoull(cli.args.option("after").value_or("0"));
  bool first = true;
  auto backoff = std::chrono::milliseconds(500);
  for (;;) {
    int code = kOk;
    auto connection = cli.connect_authenticated(code);
    if (!connection) {
      if (code != kConnection || first) return code;
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(30000));
      continue;
    }
    const auto room_id = cli.resolve_room(*connection, cli.args.words[0], code);
    if (!room_id) return code;
    if (first && last_seq == 0) {
      // Start from the recent past, not the beginning of time.
      const auto recent = connection->call(requests::history_latest(*room_id, 20));
      if (recent.has_error()) return cli.out.refused(recent);
      if (recent.history().messages_size() > 0) last_seq = recent.history().messages(0).seq() - 1;
    }
    first = false;
    backoff = std::chrono::milliseconds(500);
    const client::CloseInfo closed = follow(cli, *connection, *room_id, last_seq);
    if (is_final(closed.code)) {
      std::cerr << "hearth: disconnected (" << closed.code << " " << closed.reason << ")\n";
      return closed.code == 4003 ? kNotLoggedIn : kConnection;
    }
    std::cerr << "hearth: connection lost (" << closed.code << "); reconnecting and catching up...\n";
  }
}

int run_chat(CliContext& cli) {
  if (!cli.has_words(1, 1, "chat ROOM")) return kUsage;
  int code = kOk;
  std::uint64_t room_id = 0;
  auto connection = cli.connect_to_room(room_id, code);
  if (!connection) return code;
  const auto recent = connection->call(requests::history_latest(room_id, 20));
  if (recent.has_error()) return cli.out.refused(recent);
  std::uint64_t last_seq = recent.history().messages_size() > 0 ? recent.history().messages(0).seq() - 1 : 0;

  cli.out.say("-- " + cli.args.words[0] + " -- type a message and press Enter; /members, /history, /quit");
  std::thread follower([&] { follow(cli, *connection, room_id, last_seq); });
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    if (line == "/quit") break;
    if (line == "/members") {
      const auto members = connection->call(requests::list_members(room_id));
      if (members.has_error()) cli.out.refused(members);
      for (const auto& member : members.members().members()) {
        cli.out.say(std::string(member.online() ? "  ● " : "  ○ ") + member.user().handle() + (member.coach() ? " (coach)" : ""));
      }
      continue;
    }
    if (line == "/history") {
      const auto page = connection->call(requests::history_latest(room_id, 50));
      if (page.has_error()) cli.out.refused(page);
      for (const auto& message : page.history().messages()) cli.out.message(message);
      continue;
    }
    if (!connection->is_open()) {
      std::cerr << "hearth: the connection was closed; run `hearth chat " << cli.args.words[0] << "` again\n";
      code = kConnection;
      break;
    }
    const auto sent = connection->call(requests::send_message(room_id, line));
    if (sent.has_error()) cli.out.refused(sent);
  }
  connection->close();
  follower.join();
  return code;
}

}  // namespace hearth::cli
