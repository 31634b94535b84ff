// Every login costs one Argon2id hash on the server's small hashing pool, slow and memory-hard on
// purpose; a crowd logging in at once (an evening meeting starting, everyone's app after a
// restart) must not slow the rooms. The chat runs twice at the same rate, alone and then while
// K connections log in over and over, as fast as the server answers. A connection authenticates
// only once, so each login opens a fresh connection and closes it again.
// Each of the K sends at least one login, and every login sent is waited for, even past the
// chat's end: the report counts answers (every one must come, every one must succeed, as each
// uses its account's right password) and the time from the storm's start to its last answer,
// so a machine too busy to hash quickly makes the run slower, never wrong.
#include <boost/asio/co_spawn.hpp>
#include <chrono>
#include <string>

#include "clients/loadgen/countdown.h"
#include "clients/loadgen/paced_chat.h"
#include "clients/loadgen/scenario.h"
#include "clients/loadgen/scenario_runner.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

struct LoginCounts {
  std::uint64_t sent = 0;
  std::uint64_t succeeded = 0;
  std::uint64_t failed = 0;  // answered with an error, or the connection failed
  std::string first_failure;
  Clock::time_point last_answer{};
};

// One of the K logins in flight: logs in to `account`, and again while `stop` is not set. A
// login under way when `stop` comes is still waited for and counted.
asio::awaitable<void> log_in_repeatedly(Population& population, unsigned account, const bool& stop,
                                        LoginCounts& counts) {
  do {
    ++counts.sent;
    std::string failure;
    try {
      const auto response = co_await population.log_in(account);
      if (!response.has_auth()) failure = "login: " + error_of(response);
    } catch (const std::exception& e) {
      failure = std::string("login: ") + e.what();
    }
    counts.last_answer = Clock::now();
    if (failure.empty()) {
      ++counts.succeeded;
    } else {
      ++counts.failed;
      if (counts.first_failure.empty()) counts.first_failure = failure;
    }
  } while (!stop);
}

}  // namespace

Report run_login_storm(const ScenarioOptions& options) {
  ScenarioRunner runner(options);
  DeliveryTally baseline, tally;
  LoginCounts logins;
  double storm_seconds = 0;
  runner.run([&]() -> asio::awaitable<void> {
    // The login accounts come after the chat's and are in no room, so the storm's connections
    // get none of the room's events.
    const unsigned per_account = options.target.connections_per_account;
    const unsigned chat_accounts = (options.receivers + options.senders + per_account - 1) / per_account;
    co_await connect_chat(runner, options,
                          (chat_accounts + options.logins) * per_account - options.receivers - options.senders);
    runner.begin_measuring();  // both phases, as the delivery counts cover both
    co_await chat_paced(runner, options, baseline);
    bool stop = false;
    Countdown storm_done(runner.io, options.logins);
    const auto start = Clock::now();
    for (unsigned i = 0; i < options.logins; ++i) {
      asio::co_spawn(runner.io, log_in_repeatedly(runner.population, chat_accounts + i, stop, logins),
                     storm_done.handler());
    }
    co_await chat_paced(runner, options, tally);
    runner.end_measuring();
    stop = true;
    co_await storm_done.wait();
    storm_seconds = std::chrono::duration<double>(logins.last_answer - start).count();
    runner.finish();
  });
  Report report;
  report.add("scenario", std::string("login-storm"));
  add_chat_settings(report, options);
  add_phase_comparison(report, baseline, tally);
  report.add("logins_in_flight", std::uint64_t{options.logins});
  report.add("logins_sent", logins.sent);
  report.add("logins", logins.succeeded);
  report.add("login_failures", logins.failed);
  report.add("logins_unanswered", logins.sent - logins.succeeded - logins.failed);
  report.add("seconds_to_last_login", storm_seconds);
  report.add("logins_per_second", storm_seconds > 0 ? static_cast<double>(logins.succeeded) / storm_seconds : 0.0);
  if (runner.error.empty()) runner.error = tally.problem();
  // With a run cut short by its time limit, the limit is the error (scenario_runner.h).
  if (runner.error.empty() && logins.sent != logins.succeeded + logins.failed) {
    runner.error = std::to_string(logins.sent - logins.succeeded - logins.failed) + " of " +
                   std::to_string(logins.sent) + " logins were never answered";
  }
  if (runner.error.empty() && logins.failed > 0) {
    runner.error = std::to_string(logins.failed) + " of " + std::to_string(logins.sent) +
                   " logins with the right password failed (first: " + logins.first_failure + ")";
  }
  runner.add_cpu(report);
  report.add("error", runner.error);
  return report;
}

}  // namespace hearth::loadgen
