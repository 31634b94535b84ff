// send, history, edit, delete.
#include <chrono>
#include <cstdint>
#include <iostream>
#include <iterator>
#include <thread>

#include "clients/cli/commands.h"
#include "clients/cli/room_send.h"
#include "clients/client/requests.h"

namespace hearth::cli {

namespace requests = client::requests;

namespace {

std::string join_words(const std::vector<std::string>& words, std::size_t from) {
  std::string text;
  for (std::size_t i = from; i < words.size(); ++i) text += (i > from ? " " : "") + words[i];
  return text;
}

// After the connection is lost before the answer, `hearth send` reconnects to send the message
// again (stored once: room_send.h): 0.5 s doubling, six tries, about half a minute in all.
constexpr int kReconnectTries = 6;
constexpr auto kFirstReconnectWait = std::chrono::milliseconds(500);

std::shared_ptr<client::Connection> reconnect_to_send_again(CliContext& cli) {
  std::cerr << "hearth: the connection was lost before the server answered; reconnecting to send it again\n";
  cli.quiet_connect_errors = true;
  auto wait = kFirstReconnectWait;
  for (int attempt = 0; attempt < kReconnectTries; ++attempt, wait *= 2) {
    std::this_thread::sleep_for(wait);
    int code = kOk;
    std::uint64_t room_id = 0;
    if (auto connection = cli.connect_to_room(room_id, code)) return connection;
    if (code != kConnection) return nullptr;  // reachable, but refusing (logged out, room gone)
  }
  return nullptr;
}

std::optional<std::uint64_t> parse_id(const std::string& word) {
  if (word.empty() || word.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoull(word);
}

int change_message(CliContext& cli, bool edit) {
  const auto id = cli.args.words.empty() ? std::nullopt : parse_id(cli.args.words[0]);
  if (!id || (edit && cli.args.words.size() < 2) || (!edit && cli.args.words.size() != 1)) {
    std::cerr << (edit ? "usage: hearth edit MESSAGE_ID TEXT...\n" : "usage: hearth delete MESSAGE_ID\n");
    return kUsage;
  }
  int code = kOk;
  auto connection = cli.connect_authenticated(code);
  if (!connection) return code;
  const auto response = connection->call(edit ? requests::edit_message(*id, join_words(cli.args.words, 1))
                                              : requests::delete_message(*id));
  if (response.has_error()) return cli.out.refused(response);
  if (cli.out.json()) cli.out.json_line(response);
  cli.out.say(edit ? "Edited." : "Deleted.");
  return kOk;
}

}  // namespace

int run_send(CliContext& cli) {
  if (!cli.has_words(2, SIZE_MAX, "send ROOM TEXT...   (TEXT '-' reads the message from stdin)")) return kUsage;
  std::string text = join_words(cli.args.words, 1);
  if (text == "-") text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  int code = kOk;
  std::uint64_t room_id = 0;
  std::shared_ptr<client::Connection> connection = cli.connect_to_room(room_id, code);
  if (!connection) return code;
  const auto response = send_until_answered(room_id, text, [&](const std::shared_ptr<client::Connection>& lost) {
    return lost ? reconnect_to_send_again(cli) : connection;
  });
  if (response.has_error()) return cli.out.refused(response);
  if (cli.out.json()) cli.out.json_line(response.sent());
  cli.out.say("Sent as #" + std::to_string(response.sent().seq()) + " (message id " +
              std::to_string(response.sent().message_id()) + ").");
  if (!response.sent().crisis_resources().empty()) {
    cli.out.say("");
    cli.out.say("* Only you can see this. " + response.sent().crisis_resources());
  }
  return kOk;
}

int run_history(CliContext& cli) {
  if (!cli.has_words(1, 1, "history ROOM [--after SEQ | --before SEQ] [--limit N]")) return kUsage;
  int code = kOk;
  std::uint64_t room_id = 0;
  auto connection = cli.connect_to_room(room_id, code);
  if (!connection) return code;
  const auto limit = static_cast<std::uint32_t>(std::stoul(cli.args.option("limit").value_or("50")));
  hearth::v1::ClientFrame frame = requests::history_latest(room_id, limit);
  if (auto after = cli.args.option("after")) frame = requests::history_after(room_id, std::stoull(*after), limit);
  if (auto before = cli.args.option("before")) frame = requests::history_before(room_id, std::stoull(*before), limit);
  const auto response = connection->call(frame);
  if (response.has_error()) return cli.out.refused(response);
  if (response.history().messages_size() == 0) cli.out.say("(no messages)");
  for (const auto& message : response.history().messages()) cli.out.message(message);
  if (response.history().has_more()) cli.out.say("(more: use --before or --after with a #number)");
  return kOk;
}

int run_edit(CliContext& cli) { return change_message(cli, true); }
int run_delete(CliContext& cli) { return change_message(cli, false); }

}  // namespace hearth::cli
