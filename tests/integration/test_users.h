// Test-side helpers over the client library: a connection that records every event, and a
// community (server + first admin + a room) most tests start from.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "clients/client/connection.h"
#include "clients/client/requests.h"
#include "tests/integration/hearthd_process.h"

namespace hearth::testing {

using namespace std::chrono_literals;
namespace requests = hearth::client::requests;

inline constexpr const char* kPassword = "a calm and quiet evening";

// A connection that keeps every event it receives, for tests to wait on.
class TestClient {
 public:
  explicit TestClient(const std::string& url, client::ConnectOptions options = {});

  hearth::v1::Response call(hearth::v1::ClientFrame frame);
  // Registers (and so authenticates); REQUIREs success. Returns the new account.
  hearth::v1::AuthResult register_as(const std::string& handle, const std::string& invite = {});
  hearth::v1::AuthResult login_as(const std::string& handle, const std::string& password = kPassword);
  void authenticate_with(const std::string& token);
  // Sends a message and REQUIREs it was stored; returns its seq.
  std::uint64_t say(std::uint64_t room_id, const std::string& text);

  // Waits until an event satisfies `match`; returns it (REQUIRE-fails on timeout).
  hearth::v1::Event wait_event(const std::function<bool(const hearth::v1::Event&)>& match,
                               std::chrono::milliseconds timeout = 10s);
  // Waits until `count` message_posted events of `room_id` arrived; returns them all.
  std::vector<hearth::v1::RoomMessage> wait_posted(std::uint64_t room_id, std::size_t count,
                                                   std::chrono::milliseconds timeout = 20s);
  std::vector<hearth::v1::Event> events() const;

  client::Connection& connection() { return *connection_; }

 private:
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<hearth::v1::Event> events_;
  // Last, so it is destroyed first: its I/O thread writes into the members above.
  std::unique_ptr<client::Connection> connection_;
};

// A fresh server whose first admin is registered and has created one open room.
struct Community {
  explicit Community(std::vector<std::string> server_args = {});
  std::unique_ptr<TestClient> member(const std::string& handle, bool join_room = true);
  // Another connection of a registered member, logged in.
  std::unique_ptr<TestClient> log_in(const std::string& handle) const;

  TempDir dir;
  std::unique_ptr<HearthdProcess> server;
  std::unique_ptr<TestClient> admin;
  std::uint64_t room_id = 0;
};

// Opens `count` connections (each with `options`) first, then sends `request(i)` on each at
// once, and collects the answers in order: the requests reach the server together, whatever the
// machine's speed.
std::vector<hearth::v1::Response> at_once(const HearthdProcess& server, std::size_t count,
                                          const std::function<hearth::v1::ClientFrame(std::size_t)>& request,
                                          const client::ConnectOptions& options = {});
// How many of `answers` are errors with `code`.
std::size_t count_code(const std::vector<hearth::v1::Response>& answers, hearth::v1::ErrorCode code);

// Reads a counter or gauge from /metrics (-1 if absent).
double metric(const HearthdProcess& server, const std::string& name);
// Polls `condition` until it holds or `timeout` passes.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 10s);

}  // namespace hearth::testing
