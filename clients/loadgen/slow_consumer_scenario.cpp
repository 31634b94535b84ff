// A member whose app stops reading (a frozen phone, a dead radio link) must cost the room
// nothing: hearthd cuts that connection off at its outbound cap (close 4001) and everyone else's
// latency stays where it was. The chat runs twice at the same rate, alone and then with one more
// member connection that joins the room and never reads; afterwards that connection reads again
// and must find the server's 4001.
#include <boost/asio/co_spawn.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "clients/loadgen/countdown.h"
#include "clients/loadgen/paced_chat.h"
#include "clients/loadgen/scenario.h"
#include "clients/loadgen/scenario_runner.h"
#include "protocol/limits.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

// What the kernel can hold for a reader that stops, before the server's own queue grows: the
// server's send buffer and the reader's receive buffer (tcp_wmem and tcp_rmem, a few MiB on
// loopback). Phase 2 must send the cap plus this, or the cap is never reached.
constexpr std::uint64_t kSocketBufferBytes = 6 * 1024 * 1024;
// The others' p99 latency next to the slow reader may be at most this multiple of their p99 alone.
constexpr double kMaxP99Ratio = 2.0;
// How long the slow connection, reading again, waits for the server's close.
constexpr auto kCloseWait = std::chrono::seconds(10);

struct SlowReader {
  std::uint64_t messages = 0;  // posted messages it got before the end
  bool cut = false;            // a Disconnecting event or a close frame with 4001
  std::string end;             // how the connection ended, for the report
};

// Reads the slow connection from where it stopped until the server closes it.
asio::awaitable<void> drain_slow_reader(LoadConnection& connection, SlowReader& reader) {
  ReceivedFrames frames;
  try {
    for (;;) {
      co_await connection.receive(frames);
      for (const auto& frame : frames) {
        if (!frame.has_event()) continue;
        if (frame.event().has_message_posted()) ++reader.messages;
        if (frame.event().has_disconnecting()) {
          const auto code = frame.event().disconnecting().close_code();
          reader.cut = reader.cut || code == protocol::close_code::kSlowConsumer;
          reader.end = "disconnecting " + std::to_string(code);
        }
      }
    }
  } catch (const boost::system::system_error& failure) {
    const auto code = connection.close_code();
    reader.cut = reader.cut || code == protocol::close_code::kSlowConsumer;
    const std::string how = code != 0 ? "close " + std::to_string(code) : "dropped (" + failure.code().message() + ")";
    reader.end = reader.end.empty() ? how : reader.end + ", " + how;
  }
}

}  // namespace

Report run_slow_consumer(const ScenarioOptions& options) {
  ScenarioRunner runner(options);
  DeliveryTally baseline, tally;
  SlowReader slow;
  const unsigned total = options.receivers + options.senders;
  const std::uint64_t phase_bytes = std::uint64_t{options.rate} * options.seconds * options.bytes;
  if (phase_bytes < std::uint64_t{options.slow_cap_bytes} + kSocketBufferBytes) {
    runner.error = "phase 2 sends " + std::to_string(phase_bytes) + " bytes, too few to pass --slow-cap-bytes plus " +
                   std::to_string(kSocketBufferBytes) + " bytes of socket buffers: raise --rate, --seconds or --bytes";
  } else {
    runner.run([&]() -> asio::awaitable<void> {
      co_await connect_chat(runner, options, 1);
      runner.begin_measuring();  // both phases, as the delivery counts cover both
      co_await chat_paced(runner, options, baseline);
      runner.connections.push_back(co_await runner.population.connect(total, true));
      LoadConnection& slow_connection = *runner.connections.back();
      co_await chat_paced(runner, options, tally);
      runner.end_measuring();
      Countdown drained(runner.io, 1);
      asio::co_spawn(runner.io, drain_slow_reader(slow_connection, slow), drained.handler());
      if (!co_await drained.wait_until(Clock::now() + kCloseWait)) {
        slow_connection.close();
        co_await drained.wait();
        slow.end = "still open " + std::to_string(kCloseWait.count()) + " s after the chat";
      }
      runner.finish();
    });
  }
  Report report;
  report.add("scenario", std::string("slow-consumer"));
  add_chat_settings(report, options);
  report.add("slow_cap_bytes", std::uint64_t{options.slow_cap_bytes});
  report.add("phase2_message_bytes", phase_bytes);
  const double ratio = add_phase_comparison(report, baseline, tally);
  report.add("slow_reader_messages", slow.messages);
  report.add("slow_reader_end", slow.end);
  report.add("slow_consumer_cut", std::uint64_t{slow.cut ? 1u : 0u});
  if (runner.error.empty()) runner.error = tally.problem();
  if (runner.error.empty() && !slow.cut) runner.error = "the slow reader was not cut off with 4001";
  if (runner.error.empty() && ratio > kMaxP99Ratio) {
    runner.error = "p99 latency more than doubled next to a slow reader";
  }
  runner.add_cpu(report);
  report.add("error", runner.error);
  return report;
}

}  // namespace hearth::loadgen
