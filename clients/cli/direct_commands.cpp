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
#include "clients/cli/reconnecting_session.h"
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

// One connection's part of `dm --live`: the device attached on it, what waited caught up (the
// server keeps every copy until acknowledged, and the device skips dm ids it has, so a
// reconnect loses and repeats nothing), then pushed messages and receipts until it closes.
class LiveConversation {
 public:
  LiveConversation(CliContext& cli, std::string peer) : cli_(cli), peer_(std::move(peer)) {}

  std::shared_ptr<client::Connection> connect(int& exit_code) {
    std::shared_ptr<client::Connection> connection = cli_.connect_authenticated(exit_code);
    if (!connection) return nullptr;
    std::shared_ptr<DirectDevice> device = DirectDevice::open(cli_, *connection, exit_code);
    if (!device) return nullptr;
    std::lock_guard lock(mutex_);
    device_ = std::move(device);
    return connection;
  }

  client::CloseInfo follow(client::Connection& connection) {
    const std::shared_ptr<DirectDevice> device = current_device();
    EventQueue queue;
    connection.set_event_handler([&queue](const hearth::v1::Event& event) { queue.push(event); });
    connection.set_close_handler([&queue](const client::CloseInfo&) { queue.stop(); });
    std::thread worker([&] {
      while (auto event = queue.pop()) handle_live_event(cli_, *device, peer_, *event);
    });
    if (auto fresh = device->sync()) {
      if (!shown_) {
        for (const auto& message : device->conversation(peer_, kShownMessages)) print_direct(cli_.out, device->handle(), message);
      } else {
        for (const auto& message : *fresh) handle_fresh(*device, message);
      }
    }
    if (!shown_) {
      cli_.out.say("-- direct messages with " + peer_ + ", end-to-end encrypted -- type and press Enter; /quit to leave");
      shown_ = true;
    }
    const auto closed = connection.wait_closed(std::chrono::hours(24 * 365));
    queue.stop();
    worker.join();
    connection.set_event_handler(nullptr);
    connection.set_close_handler(nullptr);
    std::lock_guard lock(mutex_);
    device_.reset();
    return closed.value_or(client::CloseInfo{});
  }

  // The device of the live connection, or null while (re)connecting.
  std::shared_ptr<DirectDevice> current_device() {
    std::lock_guard lock(mutex_);
    return device_;
  }

 private:
  void handle_fresh(DirectDevice& device, const hearth::client::StoredMessage& message) {
    if (message.peer() == peer_) print_direct(cli_.out, device.handle(), message);
    else cli_.out.say("* new message from " + message.peer() + ": hearth dm " + message.peer());
  }

  CliContext& cli_;
  const std::string peer_;
  bool shown_ = false;  // the conversation so far is printed once, on the first connection
  std::mutex mutex_;
  std::shared_ptr<DirectDevice> device_;
};

int run_live(CliContext& cli, const std::string& peer) {
  LiveConversation conversation(cli, peer);
  ReconnectingSession session(
      cli, [&](bool, int& exit_code) { return conversation.connect(exit_code); },
      [&](client::Connection& connection) { return conversation.follow(connection); });
  int result = kOk;
  std::thread follower([&] { result = session.run(); });
  if (!session.wait_ready()) {
    follower.join();
    return result;
  }
  int sent = kOk;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line == "/quit") break;
    if (line.empty()) continue;
    // Held for the whole send: the connection the device speaks through must outlive it.
    const auto connection = session.connection();
    const auto device = conversation.current_device();
    if (!connection || !device) {
      std::cerr << "hearth: not connected right now; reconnecting — try again in a moment (not sent)\n";
      continue;
    }
    sent = device->send(peer, line);
  }
  session.stop();
  follower.join();
  return result != kOk ? result : sent;
}

}  // namespace

int run_dm(CliContext& cli) {
  if (!cli.has_words(0, 1000, "dm [HANDLE [TEXT... | --live]]")) return kUsage;
  const auto& words = cli.args.words;
  // The live conversation makes (and after a lost connection remakes) its own connections.
  if (words.size() == 1 && cli.args.flag("live")) return run_live(cli, words[0]);
  int exit_code = kOk;
  auto connection = cli.connect_authenticated(exit_code);
  if (!connection) return exit_code;
  auto device = DirectDevice::open(cli, *connection, exit_code);
  if (!device) return exit_code;
  if (words.size() >= 2) return device->send(words[0], joined_words(words, 1));
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
