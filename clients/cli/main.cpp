// hearth: the terminal client for Hearth.
#include <iostream>
#include <map>
#include <vector>

#include "clients/cli/commands.h"

namespace {

constexpr const char* kHelpText = R"(hearth — talk to a Hearth server from the terminal

usage: hearth [--server ws://HOST:PORT/ws] [--profile NAME] [--json] COMMAND ...

account:   register HANDLE [--invite CODE]     create an account (asks for a password)
           login HANDLE [--device NAME]        log in; the token is kept 0600 in ~/.config/hearth
           logout                              revoke the token and forget it
           whoami                              who you are logged in as
           invite [--role member|coach|admin]  a one-time invite code (coaches and admins)
rooms:     rooms                               rooms you can see (* = a member)
           join ROOM [--invite CODE]           join an open room, or a closed one with a code
           leave ROOM                          leave a room
           members ROOM                        who is in a room, and who is online
           create-room NAME [--topic T] [--closed]   (admins)
           assign-coach ROOM HANDLE [--remove]       (admins)
           room-invite ROOM                          a code for a closed room (admins, coaches)
messages:  send ROOM TEXT...                   send a message (TEXT '-' reads stdin)
           history ROOM [--after N | --before N] [--limit N]
           edit MESSAGE_ID TEXT...             edit your own message
           delete MESSAGE_ID                   delete your own message
           tail ROOM [--after N]               print new messages as they come, until Ctrl-C
           chat ROOM                           read and write a room interactively
           report ROOM #SEQ --reason R [--note TEXT]   ask a coach to look at a message; R is
                                               harassment, crosstalk, anonymity, spam, crisis or other
coaches:   queue [ROOM] [--all] [--live]       the review queue, most urgent first; --live follows it
           claim ITEM [--release]              take an item (or give it back) before acting
           approve|remove|dismiss ITEM [--reason R]    decide on an item (claims it first)
           warn ITEM --reason TEXT             a private warning to the message's author
           mute ITEM [--minutes N]             the author may not write in the room (default 60)
           kick ITEM / ban ITEM [--server] [--minutes N]   take the author out of the room (or
                                               the server: admins); sanctions take --also-remove
           unmute ROOM HANDLE [--reason R]     lift a mute before it ends (the member is told)
           unban ROOM|server HANDLE [--reason R]   lift a room ban (or a server ban: admins)
           escalate ITEM                       hand an item to the admins
           rules [ROOM|server]                 the watched words and phrases in force
           rules ROOM|server add --action crisis|block|hold|flag PATTERN...
           rules remove RULE_ID [--reason R]
           policy ROOM [--slow-mode S] [--premoderate N] [--link-hours H]   a room's policy
           audit [ROOM|server] [--before ID]   the moderation audit log, newest first

direct:    dm                                  your conversations (end-to-end encrypted)
           dm HANDLE [TEXT... | --live]        read, write ('-' reads stdin), or talk live
           requests [accept|decline|block HANDLE]   people who are not contacts yet and wrote
           block HANDLE [--undo] | block --list
           sponsor list | invite | ask HANDLE | ask --code CODE | accept ID | decline ID | end ID
           safety-number HANDLE [--verify | --accept]   compare keys; accept a changed key
           devices [add [--device NAME] | remove ID]    your devices for direct messages
           The first direct-message command registers this terminal as a device; its keys stay
           in ~/.config/hearth (0600). Another --profile or machine is another device.

ROOM is a room's name or number. Passwords come from the terminal, or with --password-stdin
from one line of stdin, or from $HEARTH_PASSWORD. The server defaults to $HEARTH_SERVER, then
the one you logged in to, then ws://127.0.0.1:8080/ws.

exit codes: 0 ok, 1 usage error, 2 the server refused (its reason is printed),
            3 could not connect or connection lost, 4 not logged in
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace hearth::cli;
  std::string error;
  auto args = parse_arguments(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!args) {
    std::cerr << "hearth: " << error << " (see hearth --help)\n";
    return kUsage;
  }
  if (args->help || args->command.empty()) {
    std::cout << kHelpText;
    return args->help ? kOk : kUsage;
  }
  const std::map<std::string, int (*)(CliContext&)> commands = {
      {"register", run_register}, {"login", run_login},       {"logout", run_logout},
      {"whoami", run_whoami},     {"invite", run_invite},     {"rooms", run_rooms},
      {"create-room", run_create_room}, {"assign-coach", run_assign_coach},
      {"room-invite", run_room_invite}, {"join", run_join},   {"leave", run_leave},
      {"members", run_members},   {"send", run_send},         {"history", run_history},
      {"edit", run_edit},         {"delete", run_delete},     {"tail", run_tail},
      {"chat", run_chat},         {"report", run_report},     {"queue", run_queue},
      {"claim", run_claim},       {"approve", run_approve},   {"remove", run_remove},
      {"dismiss", run_dismiss},   {"warn", run_warn},         {"mute", run_mute},
      {"kick", run_kick},         {"ban", run_ban},           {"escalate", run_escalate},
      {"unmute", run_unmute},     {"unban", run_unban},
      {"rules", run_rules},       {"policy", run_policy},     {"audit", run_audit},
      {"dm", run_dm},             {"requests", run_requests}, {"block", run_block},
      {"sponsor", run_sponsor},   {"devices", run_devices},   {"safety-number", run_safety_number},
  };
  auto command = commands.find(args->command);
  if (command == commands.end()) {
    std::cerr << "hearth: unknown command '" << args->command << "' (see hearth --help)\n";
    return kUsage;
  }
  CliContext cli(*args, Output(args->json));
  try {
    return command->second(cli);
  } catch (const std::exception& e) {  // e.g. a number option that is not a number
    std::cerr << "hearth: " << e.what() << " (see hearth --help)\n";
    return kUsage;
  }
}
