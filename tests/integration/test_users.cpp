#include "tests/integration/test_users.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <future>
#include <sstream>
#include <thread>

namespace hearth::testing {

TestClient::TestClient(const std::string& url, client::ConnectOptions options) {
  std::string error;
  connection_ = client::Connection::connect(url, options, &error);
  INFO(error);
  REQUIRE(connection_);
  connection_->set_event_handler([this](const hearth::v1::Event& event) {
    std::lock_guard lock(mutex_);
    events_.push_back(event);
    arrived_.notify_all();
  });
}

hearth::v1::Response TestClient::call(hearth::v1::ClientFrame frame) {
  return connection_->call(std::move(frame));
}

hearth::v1::AuthResult TestClient::register_as(const std::string& handle, const std::string& invite) {
  const auto response = call(requests::register_account(handle, kPassword, invite));
  INFO(response.ShortDebugString());
  REQUIRE(response.has_auth());
  return response.auth();
}

hearth::v1::AuthResult TestClient::login_as(const std::string& handle, const std::string& password) {
  const auto response = call(requests::login(handle, password, "test"));
  INFO(response.ShortDebugString());
  REQUIRE(response.has_auth());
  return response.auth();
}

void TestClient::authenticate_with(const std::string& token) {
  const auto response = call(requests::authenticate(token));
  INFO(response.ShortDebugString());
  REQUIRE(response.has_auth());
}

std::uint64_t TestClient::say(std::uint64_t room_id, const std::string& text) {
  const auto response = call(requests::send_message(room_id, text));
  INFO(response.ShortDebugString());
  REQUIRE(response.has_sent());
  return response.sent().seq();
}

hearth::v1::Event TestClient::wait_event(const std::function<bool(const hearth::v1::Event&)>& match,
                                         std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  std::size_t checked = 0;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    for (; checked < events_.size(); ++checked) {
      if (match(events_[checked])) return events_[checked];
    }
    if (arrived_.wait_until(lock, deadline) == std::cv_status::timeout && checked == events_.size()) {
      FAIL("no matching event within the timeout");
    }
  }
}

std::vector<hearth::v1::RoomMessage> TestClient::wait_posted(std::uint64_t room_id, std::size_t count,
                                                             std::chrono::milliseconds timeout) {
  std::vector<hearth::v1::RoomMessage> posted;
  std::unique_lock lock(mutex_);
  arrived_.wait_for(lock, timeout, [&] {
    posted.clear();
    for (const auto& event : events_) {
      if (event.has_message_posted() && event.message_posted().room_id() == room_id) {
        posted.push_back(event.message_posted());
      }
    }
    return posted.size() >= count;
  });
  return posted;
}

std::vector<hearth::v1::Event> TestClient::events() const {
  std::lock_guard lock(mutex_);
  return events_;
}

Community::Community(std::vector<std::string> server_args) {
  server = std::make_unique<HearthdProcess>(dir.path() / "data", std::move(server_args));
  REQUIRE_FALSE(server->admin_invite().empty());
  admin = std::make_unique<TestClient>(server->ws_url());
  const auto auth = admin->register_as("admin", server->admin_invite());
  REQUIRE(auth.user().role() == hearth::v1::ROLE_ADMIN);
  const auto room = admin->call(requests::create_room("circle", "a test circle", false));
  REQUIRE(room.has_room());
  room_id = room.room().room().room_id();
}

std::unique_ptr<TestClient> Community::member(const std::string& handle, bool join_room) {
  auto client = std::make_unique<TestClient>(server->ws_url());
  client->register_as(handle);
  if (join_room) {
    const auto joined = client->call(requests::join_room(room_id));
    INFO(joined.ShortDebugString());
    REQUIRE(joined.has_room());
  }
  return client;
}

std::unique_ptr<TestClient> Community::log_in(const std::string& handle) const {
  auto client = std::make_unique<TestClient>(server->ws_url());
  client->login_as(handle);
  return client;
}

std::vector<hearth::v1::Response> at_once(const HearthdProcess& server, std::size_t count,
                                          const std::function<hearth::v1::ClientFrame(std::size_t)>& request,
                                          const client::ConnectOptions& options) {
  std::vector<std::unique_ptr<TestClient>> clients;
  for (std::size_t i = 0; i < count; ++i) clients.push_back(std::make_unique<TestClient>(server.ws_url(), options));
  std::vector<std::future<hearth::v1::Response>> pending;
  for (std::size_t i = 0; i < count; ++i) pending.push_back(clients[i]->connection().send_request(request(i)));
  std::vector<hearth::v1::Response> answers;
  for (auto& answer : pending) answers.push_back(answer.get());
  return answers;
}

std::size_t count_code(const std::vector<hearth::v1::Response>& answers, hearth::v1::ErrorCode code) {
  return static_cast<std::size_t>(std::count_if(answers.begin(), answers.end(), [code](const auto& answer) {
    return answer.has_error() && answer.error().code() == code;
  }));
}

double metric(const HearthdProcess& server, const std::string& name) {
  std::string body;
  if (server.http_get("/metrics", body) != 200) return -1;
  std::istringstream lines(body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(name + " ", 0) == 0) return std::stod(line.substr(name.size() + 1));
  }
  return -1;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return condition();
}

}  // namespace hearth::testing
