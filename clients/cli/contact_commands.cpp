// Message requests, blocks, sponsorships and devices from the terminal.
//   requests [accept|decline|block HANDLE]
//   block HANDLE [--undo] | block --list
//   sponsor ask HANDLE | ask --code CODE | invite | accept ID | decline ID | end ID | list
//   devices [add [--device NAME] | remove ID]
#include <iostream>

#include "clients/cli/commands.h"
#include "clients/cli/direct_device.h"
#include "clients/cli/direct_output.h"
#include "clients/client/direct_requests.h"

namespace hearth::cli {

namespace requests = client::requests;

namespace {

// Calls `frame` and prints `done` (or the server's refusal).
int call_and_say(CliContext& cli, hearth::v1::ClientFrame frame, const std::string& done) {
  int exit_code = kOk;
  auto connection = cli.connect_authenticated(exit_code);
  if (!connection) return exit_code;
  const auto response = connection->call(std::move(frame));
  if (response.has_error()) return cli.out.refused(response);
  if (cli.out.json()) cli.out.json_line(response);
  cli.out.say(done);
  return kOk;
}

std::uint64_t id_word(const CliContext& cli, std::size_t index) {
  std::string word = cli.args.words.at(index);
  if (!word.empty() && word[0] == '#') word.erase(0, 1);
  return std::stoull(word);
}

}  // namespace

int run_requests(CliContext& cli) {
  const auto& words = cli.args.words;
  if (words.size() == 2) {
    const std::map<std::string, std::pair<hearth::v1::RequestAnswer, std::string>> answers = {
        {"accept", {hearth::v1::REQUEST_ACCEPT, "Accepted " + words[1] + ": read their messages with `hearth dm " + words[1] + "`."}},
        {"decline", {hearth::v1::REQUEST_DECLINE, "Declined; their waiting messages were deleted unread."}},
        {"block", {hearth::v1::REQUEST_BLOCK, "Blocked " + words[1] + "; nothing from them will reach you."}},
    };
    if (auto answer = answers.find(words[0]); answer != answers.end()) {
      return call_and_say(cli, requests::answer_direct_request(words[1], answer->second.first), answer->second.second);
    }
  }
  if (!words.empty()) {
    std::cerr << "usage: hearth requests [accept|decline|block HANDLE]\n";
    return kUsage;
  }
  int exit_code = kOk;
  auto connection = cli.connect_authenticated(exit_code);
  if (!connection) return exit_code;
  const auto response = connection->call(requests::list_direct_requests());
  if (response.has_error()) return cli.out.refused(response);
  if (cli.out.json()) cli.out.json_line(response.direct_requests());
  if (response.direct_requests().requests().empty()) cli.out.say("No message requests.");
  for (const auto& request : response.direct_requests().requests()) {
    cli.out.say(request.from().handle() + " wrote " + std::to_string(request.messages()) + " message" +
                (request.messages() == 1 ? "" : "s") + ", last " + format_time(request.last_at_ms()) +
                ": hearth requests accept|decline|block " + request.from().handle());
  }
  return kOk;
}

int run_block(CliContext& cli) {
  if (cli.args.flag("list")) {
    int exit_code = kOk;
    auto connection = cli.connect_authenticated(exit_code);
    if (!connection) return exit_code;
    const auto response = connection->call(requests::list_contacts(true));
    if (response.has_error()) return cli.out.refused(response);
    if (cli.out.json()) cli.out.json_line(response.contacts());
    if (response.contacts().contacts().empty()) cli.out.say("You have blocked nobody.");
    for (const auto& blocked : response.contacts().contacts()) {
      cli.out.say(blocked.user().handle() + " (since " + format_time(blocked.since_ms()) + ")");
    }
    return kOk;
  }
  if (!cli.has_words(1, 1, "block HANDLE [--undo] | block --list")) return kUsage;
  const std::string& handle = cli.args.words[0];
  const bool undo = cli.args.flag("undo");
  return call_and_say(cli, requests::block_user(handle, undo),
                      undo ? "Unblocked " + handle + "." : "Blocked " + handle + ": they cannot write to you or ask you to sponsor them, and are not told.");
}

int run_sponsor(CliContext& cli) {
  const auto& words = cli.args.words;
  const std::string verb = words.empty() ? "list" : words[0];
  if (verb == "ask" && cli.args.option("code")) {
    return call_and_say(cli, requests::ask_sponsor_by_invite(*cli.args.option("code")), "Asked; you will see their answer in `hearth sponsor list`.");
  }
  if (verb == "ask" && words.size() == 2) {
    return call_and_say(cli, requests::ask_sponsor(words[1]), "Asked " + words[1] + "; you will see their answer in `hearth sponsor list`.");
  }
  if ((verb == "accept" || verb == "decline") && words.size() == 2) {
    return call_and_say(cli, requests::answer_sponsorship(id_word(cli, 1), verb == "accept"),
                        verb == "accept" ? "Accepted: you are now their sponsor, and you can write to each other directly."
                                         : "Declined.");
  }
  if (verb == "end" && words.size() == 2) {
    return call_and_say(cli, requests::end_sponsorship(id_word(cli, 1)), "Ended.");
  }
  if (verb != "list" && verb != "invite") {
    std::cerr << "usage: hearth sponsor list | invite | ask HANDLE | ask --code CODE | accept ID | decline ID | end ID\n";
    return kUsage;
  }
  int exit_code = kOk;
  auto connection = cli.connect_authenticated(exit_code);
  if (!connection) return exit_code;
  if (verb == "invite") {
    const auto response = connection->call(requests::create_sponsor_invite());
    if (response.has_error()) return cli.out.refused(response);
    if (cli.out.json()) cli.out.json_line(response.invite());
    cli.out.say("Sponsor invite: " + response.invite().code() + " (once, until " + format_time(response.invite().expires_at_ms()) +
                "). Whoever you give it to runs: hearth sponsor ask --code " + response.invite().code());
    return kOk;
  }
  const auto response = connection->call(requests::list_sponsorships());
  if (response.has_error()) return cli.out.refused(response);
  if (cli.out.json()) cli.out.json_line(response.sponsorships());
  if (response.sponsorships().sponsorships().empty()) cli.out.say("No sponsorships yet. Ask someone from your room: hearth sponsor ask HANDLE");
  for (const auto& sponsorship : response.sponsorships().sponsorships()) {
    cli.out.say(sponsorship_line(sponsorship, cli.credentials->handle));
  }
  return kOk;
}

int run_devices(CliContext& cli) {
  const auto& words = cli.args.words;
  if (words.size() == 2 && words[0] == "remove") {
    return call_and_say(cli, requests::remove_device(id_word(cli, 1)),
                        "Removed; its keys and the messages waiting for it are gone from the server.");
  }
  if (!(words.empty() || (words.size() == 1 && words[0] == "add"))) {
    std::cerr << "usage: hearth devices [add [--device NAME] | remove ID]\n";
    return kUsage;
  }
  int exit_code = kOk;
  auto connection = cli.connect_authenticated(exit_code);
  if (!connection) return exit_code;
  // Opening the device registers this terminal if it is not yet (`add` says so explicitly).
  auto device = DirectDevice::open(cli, *connection, exit_code);
  if (!device) return exit_code;
  const auto response = connection->call(requests::list_devices());
  if (response.has_error()) return cli.out.refused(response);
  if (cli.out.json()) cli.out.json_line(response.devices());
  for (const auto& info : response.devices().devices()) {
    // Appended piece by piece: GCC 12 at -O2 warns falsely (-Wrestrict) on "#" + std::string&&.
    std::string line = "#";
    line += std::to_string(info.device_id()) + " " + info.name() + " (added " + format_time(info.created_at_ms()) +
            ", " + std::to_string(info.one_time_prekeys_left()) + " one-time prekeys)";
    if (info.device_id() == device->device_id()) line += "  ← this terminal";
    cli.out.say(line);
  }
  return kOk;
}

}  // namespace hearth::cli
