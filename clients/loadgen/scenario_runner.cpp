#include "clients/loadgen/scenario_runner.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>

namespace hearth::loadgen {

namespace asio = boost::asio;

void ScenarioRunner::run(std::function<asio::awaitable<void>()> body) {
  asio::co_spawn(io, body(), [this](std::exception_ptr failure) {
    if (!failure) return;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      error = e.what();
    }
    finish();
  });
  asio::steady_timer limit(io, std::chrono::seconds(options_.time_limit));
  limit.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    if (error.empty()) error = "time limit reached";
    // Closing makes every pending read fail, so each coroutine ends and reports what it has.
    for (auto& connection : connections) {
      if (connection) connection->close();
    }
    grace_.expires_after(std::chrono::seconds(2));
    grace_.async_wait([this](boost::system::error_code) { finish(); });
  });
  io.run();
}

}  // namespace hearth::loadgen
