// hearth dm: end-to-end-encrypted direct messages from the terminal.
//   dm                      conversations, newest first (after fetching what waits)
//   dm HANDLE               the conversation with HANDLE
//   dm HANDLE TEXT...       send (TEXT '-' reads stdin)
//   dm HANDLE --live        read and write interactively
#include <condition_variable>
#include <deque>
#include <iostream>
#include <iterator>
#include <mutex>
#include <thread>

#include "clients/cli/commands.h"
#include "clients/cli/direct_device.h"
#include "clients/cli/direct_output.h"
#include "clients/client/direct_requests.h"

namespace hearth::cli {

namespace {

constexpr std::size_t kShownMessages = 50;

std::string joined_words(const std::vector<std::string>& words, std::size_t from) {
  std::string text;
  for (std::size_t i = from; i < words.size(); ++i) text += (i > from ? " " : "") + words[i];
  if (text == "-") text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

// Events arrive on the connection's I/O thread, which must not wait on a request: a worker
// takes them from this queue and does what needs the server (acknowledging, saving).
class EventQueue {
 public:
  void push(hearth::v1::Event event) {
    std::lock_guard lock(mutex_);
    events_.push_back(std::move(event));
    ready_.notify_one();
  }
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    ready_.notify_one();
  }
  std::optional<hearth::v1::Event> pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return stopped_ || !events_.empty(); });
    if (events_.empty()) return std::nullopt;
    auto event = std::move(events_.front());
    events_.pop_front();
    return event;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<hearth::v1::Event> events_;
  bool stopped_ = false;
};

void handle_live_event(CliContext& cli, DirectDevice& device, const std::string& peer, const hearth::v1::Event& event) {
  if (event.has_direct_message()) {
    if (auto stored = device.receive(event.direct_message())) {
      if (peer.empty() || stored->peer() == peer) print_direct(cli.out, device.handle(), *stored);
      else cli.out.say("* new message from " + stored->peer() + ": hearth dm " + stored->peer());
    }
  } else if (event.has_direct_delivered()) {
    if (device.mark_delivered(event.direct_delivered().dm_id())) {
      cli.out.say("  ✓ delivered to " + event.direct_delivered().recipient().handle());
    }
  } else {
    print_direct_event(cli.out, device.handle(), event);
  }
}

int run_live(CliContext& cli, client::Connection& connection, DirectDevice& device, const std::string& peer) {
  EventQueue queue;
  connection.set_event_handler([&queue](const hearth::v1::Event& event) { queue.push(event); });
  connection.set_close_handler([&queue](const client::CloseInfo&) { queue.stop(); });
  std::thread worker([&] {
    while (auto event = queue.pop()) handle_live_event(cli, device, peer, *event);
  });
  if (auto fresh = device.sync()) {
    for (const auto& message : device.conversation(peer, kShownMessages)) print_direct(cli.out, device.handle(), message);
  }
  cli.out.say("-- direct messages with " + peer + ", end-to-end encrypted -- type and press Enter; /quit to leave");
  int result = kOk;
  std::string line;
  while (connection.is_open() && std::getline(std::cin, line)) {
    if (line == "/quit") break;
    if (line.empty()) continue;
    result = device.send(peer, line);
  }
  if (!connection.is_open()) {
    std::cerr << "hearth: the connection to the server was lost\n";
    result = kConnection;
  }
  queue.stop();
  worker.join();
  connection.set_event_handler(nullptr);
  return result;
}

}  // namespace

int run_dm(CliContext& cli) {
  if (!cli.has_words(0, 1000, "dm [HANDLE [TEXT... | --live]]")) return kUsage;
  int exit_code = kOk;
  auto connection = cli.connect_authenticated(exit_code);
  if (!connection) return exit_code;
  auto device = DirectDevice::open(cli, *connection, exit_code);
  if (!device) return exit_code;
  const auto& words = cli.args.words;
  if (words.size() >= 2) return device->send(words[0], joined_words(words, 1));
  if (words.size() == 1 && cli.args.flag("live")) return run_live(cli, *connection, *device, words[0]);
  const auto fresh = device->sync();
  if (!fresh) return kRefused;
  if (words.empty()) {
    const auto latest = device->latest_per_peer();
    if (latest.empty()) cli.out.say("No direct messages yet. Write with: hearth dm HANDLE TEXT...");
    for (const auto& message : latest) print_direct(cli.out, device->handle(), message);
    // Requests are not in the list until accepted: say that some wait.
    const auto waiting = connection->call(client::requests::list_direct_requests());
    if (!waiting.has_error() && !waiting.direct_requests().requests().empty()) {
      const auto count = waiting.direct_requests().requests_size();
      cli.out.say(std::to_string(count) + (count == 1 ? " person who is" : " people who are") +
                  " not a contact yet wrote to you: hearth requests");
    }
    return kOk;
  }
  const auto messages = device->conversation(words[0], kShownMessages);
  if (messages.empty()) cli.out.say("No messages with " + words[0] + " yet.");
  for (const auto& message : messages) print_direct(cli.out, device->handle(), message);
  return kOk;
}

int run_safety_number(CliContext& cli) {
  if (!cli.has_words(1, 1, "safety-number HANDLE [--verify | --accept]")) return kUsage;
  int exit_code = kOk;
  auto connection = cli.connect_authenticated(exit_code);
  if (!connection) return exit_code;
  auto device = DirectDevice::open(cli, *connection, exit_code);
  if (!device) return exit_code;
  const std::string& peer = cli.args.words[0];
  if (cli.args.flag("accept") || cli.args.flag("verify")) {
    if (!device->accept_keys(peer, cli.args.flag("verify"))) return kRefused;
    cli.out.say(cli.args.flag("verify") ? "Marked " + peer + "'s keys as verified."
                                        : "Accepted " + peer + "'s current keys; you can write to them again.");
    return kOk;
  }
  const auto number = device->safety_number(peer);
  if (!number) return kRefused;
  cli.out.say("Safety number of you and " + peer + (number->verified ? " (verified)" : " (not verified)") + ":");
  cli.out.say("  " + number->digits);
  for (const auto& change : number->changes) cli.out.say("  ! " + change);
  cli.out.say("Compare it with " + peer + " in person or by phone. If it matches, run: hearth safety-number " + peer +
              " --verify");
  return kOk;
}

}  // namespace hearth::cli
