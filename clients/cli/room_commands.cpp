// rooms, create-room, assign-coach, room-invite, join, leave, members.
#include <iostream>

#include "clients/cli/commands.h"
#include "clients/client/requests.h"

namespace hearth::cli {

namespace requests = client::requests;

namespace {

// Runs `make(room_id)` against the room named by the first word; prints refusals.
template <typename Make>
int with_room(CliContext& cli, const char* usage, std::size_t words, hearth::v1::Response& response, Make make) {
  if (!cli.has_words(words, words, usage)) return kUsage;
  int code = kOk;
  std::uint64_t room_id = 0;
  auto connection = cli.connect_to_room(room_id, code);
  if (!connection) return code;
  response = connection->call(make(room_id));
  if (response.has_error()) return cli.out.refused(response);
  return kOk;
}

void print_room(const CliContext& cli, const hearth::v1::RoomInfo& room) {
  if (cli.out.json()) return cli.out.json_line(room);
  std::string line = (room.joined() ? "* " : "  ") + room.name() + "  (id " + std::to_string(room.room_id()) + ", " +
                     (room.visibility() == hearth::v1::ROOM_CLOSED ? "closed" : "open") + ", " +
                     std::to_string(room.member_count()) + " members, " + std::to_string(room.online_count()) +
                     " online)";
  if (!room.topic().empty()) line += "\n      " + room.topic();
  cli.out.say(line);
}

}  // namespace

int run_rooms(CliContext& cli) {
  int code = kOk;
  auto connection = cli.connect_authenticated(code);
  if (!connection) return code;
  const auto response = connection->call(requests::list_rooms());
  if (response.has_error()) return cli.out.refused(response);
  if (response.rooms().rooms_size() == 0) cli.out.say("No rooms yet. An admin creates them with `hearth create-room`.");
  for (const auto& room : response.rooms().rooms()) print_room(cli, room);
  cli.out.say("(* = you are a member; join one with `hearth join NAME`)");
  return kOk;
}

int run_create_room(CliContext& cli) {
  if (!cli.has_words(1, 1, "create-room NAME [--topic TEXT] [--closed]")) return kUsage;
  int code = kOk;
  auto connection = cli.connect_authenticated(code);
  if (!connection) return code;
  const auto response = connection->call(
      requests::create_room(cli.args.words[0], cli.args.option("topic").value_or(""), cli.args.flag("closed")));
  if (response.has_error()) return cli.out.refused(response);
  print_room(cli, response.room().room());
  return kOk;
}

int run_assign_coach(CliContext& cli) {
  hearth::v1::Response response;
  const int code = with_room(cli, "assign-coach ROOM HANDLE [--remove]", 2, response, [&](std::uint64_t room) {
    return requests::assign_coach(room, cli.args.words[1], cli.args.flag("remove"));
  });
  if (code == kOk) cli.out.say(cli.args.flag("remove") ? "Coach assignment removed." : "Coach assigned.");
  return code;
}

int run_room_invite(CliContext& cli) {
  hearth::v1::Response response;
  const int code = with_room(cli, "room-invite ROOM [--hours N]", 1, response, [&](std::uint64_t room) {
    return requests::create_room_invite(room, static_cast<std::uint32_t>(std::stoul(cli.args.option("hours").value_or("0"))));
  });
  if (code != kOk) return code;
  if (cli.out.json()) cli.out.json_line(response.invite());
  cli.out.say("Room invite code: " + response.invite().code() + "\nIt works once: hearth join " + cli.args.words[0] +
              " --invite " + response.invite().code());
  return kOk;
}

int run_join(CliContext& cli) {
  hearth::v1::Response response;
  const int code = with_room(cli, "join ROOM [--invite CODE]", 1, response, [&](std::uint64_t room) {
    return requests::join_room(room, cli.args.option("invite").value_or(""));
  });
  if (code != kOk) return code;
  print_room(cli, response.room().room());
  cli.out.say("You joined " + response.room().room().name() + ". Say hello with `hearth chat " +
              response.room().room().name() + "`.");
  return kOk;
}

int run_leave(CliContext& cli) {
  hearth::v1::Response response;
  const int code = with_room(cli, "leave ROOM", 1, response, [](std::uint64_t room) { return requests::leave_room(room); });
  if (code == kOk) cli.out.say("You left the room.");
  return code;
}

int run_members(CliContext& cli) {
  hearth::v1::Response response;
  const int code = with_room(cli, "members ROOM", 1, response, [](std::uint64_t room) { return requests::list_members(room); });
  if (code != kOk) return code;
  for (const auto& member : response.members().members()) {
    if (cli.out.json()) {
      cli.out.json_line(member);
      continue;
    }
    cli.out.say((member.online() ? "● " : "○ ") + member.user().handle() + (member.coach() ? "  (coach)" : ""));
  }
  return kOk;
}

}  // namespace hearth::cli
