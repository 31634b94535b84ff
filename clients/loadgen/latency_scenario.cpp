#include "clients/loadgen/paced_chat.h"
#include "clients/loadgen/scenario.h"
#include "clients/loadgen/scenario_runner.h"

namespace hearth::loadgen {

namespace asio = boost::asio;

Report run_latency(const ScenarioOptions& options) {
  ScenarioRunner runner(options);
  DeliveryTally tally;
  runner.run([&]() -> asio::awaitable<void> {
    co_await connect_chat(runner, options);
    runner.begin_measuring();
    co_await chat_paced(runner, options, tally);
    runner.end_measuring();
    runner.finish();
  });
  Report report;
  report.add("scenario", std::string("latency"));
  add_chat_settings(report, options);
  tally.add_to(report);
  runner.add_cpu(report);
  if (runner.error.empty()) runner.error = tally.problem();
  report.add("error", runner.error);
  return report;
}

}  // namespace hearth::loadgen
