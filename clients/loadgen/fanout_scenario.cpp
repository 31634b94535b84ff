#include "clients/loadgen/fanout_scenario.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <memory>
#include <random>
#include <vector>

#include "clients/client/requests.h"
#include "clients/loadgen/load_connection.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
namespace requests = hearth::client::requests;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kPassword = "load generator passphrase";

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// The send time leads the text so a receiver can compute the end-to-end latency.
std::string stamped_text(unsigned bytes) {
  std::string text = std::to_string(now_ns()) + " ";
  if (text.size() < bytes) text.append(bytes - text.size(), 'x');
  return text;
}

struct Run {
  const FanoutConfig& config;
  FanoutResult& result;
  asio::io_context& io;
  std::vector<std::string> tokens;
  std::uint64_t room_id = 0;
  unsigned receivers_done = 0;
  unsigned senders_done = 0;
  Clock::time_point start, last_delivery;
  std::vector<std::unique_ptr<LoadConnection>> connections;

  std::string error_of(const hearth::v1::Response& response) const {
    return response.has_error() ? hearth::v1::ErrorCode_Name(response.error().code()) + ": " + response.error().message()
                                : std::string();
  }

  asio::awaitable<void> create_accounts(unsigned count) {
    std::mt19937_64 random(std::random_device{}());
    const std::string run_id = std::to_string(random() % 1'000'000'000);
    for (unsigned i = 0; i < count; ++i) {
      LoadConnection connection(io);
      co_await connection.open(config.server, config.host);
      const auto response = co_await connection.call(requests::register_account("lg" + run_id + "-" + std::to_string(i), kPassword));
      if (!response.has_auth()) throw std::runtime_error("register: " + error_of(response));
      tokens.push_back(response.auth().token());
      connection.close();
    }
  }

  asio::awaitable<std::unique_ptr<LoadConnection>> member(unsigned index) {
    auto connection = std::make_unique<LoadConnection>(io);
    co_await connection->open(config.server, config.host);
    const auto auth = co_await connection->call(requests::authenticate(tokens[index / config.connections_per_account]));
    if (!auth.has_auth()) throw std::runtime_error("authenticate: " + error_of(auth));
    if (room_id == 0) {
      const auto rooms = co_await connection->call(requests::list_rooms());
      for (const auto& room : rooms.rooms().rooms()) {
        if (room.name() == config.room) room_id = room.room_id();
      }
      if (room_id == 0) throw std::runtime_error("no room named " + config.room + " (start hearthd with --demo-rooms)");
    }
    const auto joined = co_await connection->call(requests::join_room(room_id));
    if (!joined.has_room()) throw std::runtime_error("join: " + error_of(joined));
    co_return connection;
  }

  // Counts this receiver's deliveries and checks their order against the room's seq.
  asio::awaitable<void> receive(LoadConnection& connection, std::uint64_t first_seq) {
    std::vector<hearth::v1::ServerFrame> frames;
    std::uint64_t last_seq = first_seq;
    std::uint64_t received = 0;
    const std::uint64_t expected = std::uint64_t{config.senders} * config.messages_per_sender;
    try {
      while (received < expected) {
        co_await connection.receive(frames);
        const std::int64_t arrived = now_ns();
        for (const auto& frame : frames) {
          if (!frame.has_event() || !frame.event().has_message_posted()) continue;
          const auto& message = frame.event().message_posted();
          if (message.seq() == last_seq + 1) {
            ++received;
          } else if (message.seq() <= last_seq) {
            ++result.duplicated;
            continue;
          } else {
            ++result.reordered;
            received += 1;
          }
          last_seq = message.seq();
          result.latency.record(static_cast<std::uint64_t>(arrived - std::stoll(message.text())) / 1000);
        }
      }
    } catch (const std::exception&) {
    }
    result.delivered += received;
    result.lost += expected - received;
    last_delivery = Clock::now();
    if (++receivers_done == config.receivers) io.stop();
  }

  // Sends with at most `window` unacknowledged; reads acknowledgements (and the room's events,
  // which a sender gets as a member) on the same connection.
  asio::awaitable<void> send(LoadConnection& connection) {
    unsigned sent = 0, acknowledged = 0;
    asio::steady_timer window_open(io, Clock::time_point::max());
    auto reader = [&]() -> asio::awaitable<void> {
      std::vector<hearth::v1::ServerFrame> frames;
      while (acknowledged < config.messages_per_sender) {
        co_await connection.receive(frames);
        for (const auto& frame : frames) {
          if (!frame.has_response()) continue;
          if (frame.response().has_error()) ++result.refused;
          ++acknowledged;
        }
        window_open.cancel();
      }
    };
    bool reading_done = false;
    asio::co_spawn(io, reader(), [&](std::exception_ptr) {
      reading_done = true;
      window_open.cancel();
    });
    while (sent < config.messages_per_sender && !reading_done) {
      if (sent - acknowledged >= config.window) {
        boost::system::error_code ignored;
        co_await window_open.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
        window_open.expires_at(Clock::time_point::max());
        continue;
      }
      co_await connection.send(requests::send_message(room_id, stamped_text(config.message_bytes)));
      ++sent;
    }
    // The reader refers to this frame: wait for it before returning.
    while (!reading_done) {
      boost::system::error_code ignored;
      co_await window_open.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
      window_open.expires_at(Clock::time_point::max());
    }
    ++senders_done;
  }

  asio::awaitable<void> main() {
    try {
      const unsigned total = config.receivers + config.senders;
      co_await create_accounts((total + config.connections_per_account - 1) / config.connections_per_account);
      for (unsigned i = 0; i < total; ++i) connections.push_back(co_await member(i));
      // Start counting after whatever the room already holds.
      const auto latest = co_await connections.front()->call(requests::history_latest(room_id, 1));
      const std::uint64_t first_seq = latest.history().last_seq();
      result.expected = std::uint64_t{config.receivers} * config.senders * config.messages_per_sender;
      start = Clock::now();
      for (unsigned i = 0; i < config.receivers; ++i) {
        asio::co_spawn(io, receive(*connections[i], first_seq), asio::detached);
      }
      for (unsigned i = config.receivers; i < total; ++i) asio::co_spawn(io, send(*connections[i]), asio::detached);
    } catch (const std::exception& e) {
      result.error = e.what();
      io.stop();
    }
  }
};

}  // namespace

FanoutResult run_fanout(const FanoutConfig& config) {
  FanoutResult result;
  asio::io_context io(1);
  Run run{config, result, io, {}, 0, 0, 0, {}, {}, {}};
  asio::co_spawn(io, run.main(), asio::detached);
  asio::steady_timer limit(io, std::chrono::seconds(config.time_limit_seconds));
  limit.async_wait([&](boost::system::error_code ec) {
    if (ec) return;
    result.error = "time limit reached";
    for (auto& connection : run.connections) connection->close();
  });
  io.run();
  if (run.start != Clock::time_point{}) {
    result.seconds = std::chrono::duration<double>(run.last_delivery - run.start).count();
  }
  if (result.error.empty() && result.lost > 0) result.error = "deliveries were lost";
  return result;
}

}  // namespace hearth::loadgen
