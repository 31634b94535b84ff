#include "server/deadline_sweeper.h"

#include <vector>

#include "server/session.h"

namespace hearth::server {

namespace {
// Deadlines are seconds apart; a quarter second of slack costs nothing and keeps the timer quiet.
constexpr auto kTick = std::chrono::milliseconds(250);
}  // namespace

DeadlineSweeper::DeadlineSweeper(boost::asio::io_context& io) : timer_(io) {}

void DeadlineSweeper::start() { tick(); }

void DeadlineSweeper::stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
  entries_.clear();
  timer_.cancel();
}

void DeadlineSweeper::schedule(const std::shared_ptr<Session>& session,
                               std::chrono::steady_clock::time_point when, Action action) {
  std::lock_guard lock(mutex_);
  if (stopped_) return;
  entries_.emplace(when, Entry{session, action});
}

void DeadlineSweeper::tick() {
  std::vector<Entry> due;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    const auto now = std::chrono::steady_clock::now();
    auto end = entries_.upper_bound(now);
    for (auto it = entries_.begin(); it != end; ++it) due.push_back(std::move(it->second));
    entries_.erase(entries_.begin(), end);
    timer_.expires_after(kTick);
    timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec) tick();
    });
  }
  for (Entry& entry : due) {
    auto session = entry.session.lock();
    if (!session || (session->closed() && entry.action != Action::kHardClose)) continue;
    switch (entry.action) {
      case Action::kAuthDeadline: session->on_auth_deadline(); break;
      case Action::kIdleCheck: session->on_idle_check(); break;
      case Action::kHardClose: session->hard_close(); break;
    }
  }
}

}  // namespace hearth::server
