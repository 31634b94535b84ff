#include "clients/cli/reconnecting_session.h"

#include <iostream>
#include <thread>

namespace hearth::cli {

namespace {

// Close codes after which trying again cannot help.
bool is_final(std::uint16_t code) { return code == 4003 || code == 4004 || code == 1003 || code == 1009; }

constexpr auto kFirstBackoff = std::chrono::milliseconds(500);
constexpr auto kMaxBackoff = std::chrono::milliseconds(30000);

}  // namespace

void ReconnectingSession::set_state(std::shared_ptr<client::Connection> connection, bool gave_up) {
  std::lock_guard lock(mutex_);
  connection_ = std::move(connection);
  ready_ = ready_ || connection_ != nullptr;
  gave_up_ = gave_up_ || gave_up;
  changed_.notify_all();
}

bool ReconnectingSession::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

int ReconnectingSession::run() {
  bool first = true;
  auto backoff = kFirstBackoff;
  for (;;) {
    if (stopping()) return kOk;
    int code = kOk;
    std::shared_ptr<client::Connection> connection = connect_(first, code);
    if (!connection) {
      if (first || code != kConnection) {
        set_state(nullptr, true);
        return code;
      }
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, kMaxBackoff);
      continue;
    }
    if (!first) std::cerr << "hearth: reconnected\n";
    first = false;
    backoff = kFirstBackoff;
    cli_.quiet_connect_errors = false;
    set_state(connection, false);
    if (stopping()) return kOk;  // stop() came while we were connecting
    const client::CloseInfo closed = follow_(*connection);
    set_state(nullptr, false);
    if (stopping()) return kOk;
    if (is_final(closed.code)) {
      std::cerr << "hearth: disconnected (" << closed.code << " " << closed.reason << ")\n";
      set_state(nullptr, true);
      return closed.code == 4003 ? kNotLoggedIn : kConnection;
    }
    std::cerr << "hearth: connection lost (" << closed.code << "); reconnecting and catching up...\n";
    cli_.quiet_connect_errors = true;
  }
}

void ReconnectingSession::stop() {
  std::shared_ptr<client::Connection> connection;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    connection = connection_;
  }
  changed_.notify_all();
  if (connection) connection->close();
}

bool ReconnectingSession::wait_ready() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return ready_ || gave_up_; });
  return ready_;
}

std::shared_ptr<client::Connection> ReconnectingSession::wait_connection(
    const std::shared_ptr<client::Connection>& other) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return gave_up_ || stopping_ || (connection_ != nullptr && connection_ != other); });
  return gave_up_ || stopping_ ? nullptr : connection_;
}

std::shared_ptr<client::Connection> ReconnectingSession::connection() {
  std::lock_guard lock(mutex_);
  return connection_;
}

}  // namespace hearth::cli
