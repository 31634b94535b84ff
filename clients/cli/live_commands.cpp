// tail (print live messages) and chat (read and write), both over a reconnecting LiveRoom.
#include <iostream>
#include <thread>

#include "clients/cli/commands.h"
#include "clients/cli/live_room.h"
#include "clients/cli/room_send.h"
#include "clients/client/requests.h"

namespace hearth::cli {

namespace requests = client::requests;

namespace {

void print_members(CliContext& cli, client::Connection& connection, std::uint64_t room_id) {
  const auto members = connection.call(requests::list_members(room_id));
  if (members.has_error()) cli.out.refused(members);
  for (const auto& member : members.members().members()) {
    cli.out.say(std::string(member.online() ? "  ● " : "  ○ ") + member.user().handle() +
                (member.coach() ? " (coach)" : ""));
  }
}

}  // namespace

int run_tail(CliContext& cli) {
  if (!cli.has_words(1, 1, "tail ROOM [--after SEQ]")) return kUsage;
  LiveRoom live(cli, std::stoull(cli.args.option("after").value_or("0")));
  return live.run();
}

int run_chat(CliContext& cli) {
  if (!cli.has_words(1, 1, "chat ROOM")) return kUsage;
  LiveRoom live(cli, 0);
  int result = kOk;
  std::thread follower([&] { result = live.run(); });
  if (!live.wait_ready()) {
    follower.join();
    return result;
  }
  cli.out.say("-- " + cli.args.words[0] + " -- type a message and press Enter; /members, /history, /quit");
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    if (line == "/quit") break;
    std::uint64_t room_id = 0;  // the same on every connection: known from the first
    const auto connection = live.connection(room_id);
    if (line == "/members" || line == "/history") {
      if (!connection) {
        std::cerr << "hearth: not connected right now; reconnecting — try again in a moment\n";
      } else if (line == "/members") {
        print_members(cli, *connection, room_id);
      } else {
        const auto page = connection->call(requests::history_latest(room_id, 50));
        if (page.has_error()) cli.out.refused(page);
        for (const auto& message : page.history().messages()) cli.out.message(message);
      }
      continue;
    }
    // A line typed while reconnecting waits for the connection; one whose answer is lost with
    // the connection is sent again after the reconnect, stored once (room_send.h).
    if (!connection) std::cerr << "hearth: reconnecting; the message will be sent once connected\n";
    const auto sent = send_until_answered(room_id, line, [&](const std::shared_ptr<client::Connection>& lost) {
      if (lost) std::cerr << "hearth: the connection was lost before the server answered; sending again once reconnected\n";
      return live.wait_connection(lost);
    });
    if (sent.has_error()) cli.out.refused(sent);
  }
  live.stop();
  follower.join();
  return result;
}

}  // namespace hearth::cli
