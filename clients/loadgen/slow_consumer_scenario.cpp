// A member whose app stops reading (a frozen phone, a dead radio link) must cost the room
// nothing: hearthd cuts that connection off at its outbound cap (close 4001) and everyone else's
// latency stays where it was. The chat runs twice at the same rate, alone and then with one more
// member connection that joins the room and stops reading; once the server has surely queued
// more for it than the cap allows, that connection reads again and must find the server's 4001.
#include <boost/asio/co_spawn.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "clients/loadgen/countdown.h"
#include "clients/loadgen/paced_chat.h"
#include "clients/loadgen/reader_floor.h"
#include "clients/loadgen/scenario.h"
#include "clients/loadgen/scenario_runner.h"
#include "protocol/limits.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

// The slow connection's kernel receive buffer, fixed small so that the kernel holds little for it
// (the kernel doubles it for its bookkeeping).
constexpr int kSlowReceiveBuffer = 64 * 1024;
// Linux's default largest send buffer (tcp_wmem), where /proc does not say.
constexpr std::uint64_t kDefaultSendBufferMax = 4 * 1024 * 1024;
// The others' p99 latency next to the slow reader may be at most this multiple of their p99 alone.
constexpr double kMaxP99Ratio = 2.0;
// How long the slow connection, reading again, waits for the server's close after the chat.
constexpr auto kCloseWait = std::chrono::seconds(10);

// The most the kernel holds for a reader that stops, before the server's own queue grows: the
// server's send buffer (autotuned up to tcp_wmem's largest) and the reader's receive buffer.
std::uint64_t kernel_buffer_bytes() {
  std::ifstream tcp_wmem("/proc/sys/net/ipv4/tcp_wmem");
  std::uint64_t least = 0, initial = 0, largest = 0;
  if (!(tcp_wmem >> least >> initial >> largest)) largest = kDefaultSendBufferMax;
  return largest + 2 * std::uint64_t{kSlowReceiveBuffer};
}

struct SlowReader {
  std::uint64_t resumed_after = 0;  // room messages every other reader had read when it read again
  std::uint64_t messages = 0;       // posted messages it got before the end
  bool cut = false;                 // a Disconnecting event or a close frame with 4001
  std::string end;                  // how the connection ended, for the report
};

// Waits until every other reader has read `threshold` messages of the phase (so the server has
// queued them for the slow connection too, and passed its cap), then reads the slow connection
// from where it stopped until the server closes it.
asio::awaitable<void> resume_slow_reader(LoadConnection& connection, ReaderFloor& floor, std::uint64_t threshold,
                                         SlowReader& reader) {
  co_await floor.wait_for_floor(threshold);
  reader.resumed_after = floor.floor();
  ReceivedFrames frames;
  try {
    for (;;) {
      co_await connection.receive(frames);
      for (const auto& frame : frames) {
        if (frame.message_posted() != nullptr) ++reader.messages;
        if (frame.parsed() != nullptr && frame.parsed()->event().has_disconnecting()) {
          const auto code = frame.parsed()->event().disconnecting().close_code();
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
  const std::uint64_t phase_messages =
      std::uint64_t{options.rate * options.seconds / std::max(1u, options.senders)} * options.senders;
  const std::uint64_t phase_bytes = phase_messages * options.bytes;
  // Messages past which the server has surely queued more than its cap for the slow reader.
  const std::uint64_t held_bytes = std::uint64_t{options.slow_cap_bytes} + kernel_buffer_bytes();
  const std::uint64_t threshold = held_bytes / std::max(1u, options.bytes) + 1;
  if (threshold >= phase_messages) {
    runner.error = "phase 2 sends " + std::to_string(phase_bytes) + " bytes, too few to pass --slow-cap-bytes plus " +
                   std::to_string(held_bytes - options.slow_cap_bytes) +
                   " bytes of socket buffers: raise --rate, --seconds or --bytes";
  } else {
    runner.run([&]() -> asio::awaitable<void> {
      co_await connect_chat(runner, options, 1);
      runner.begin_measuring();  // both phases, as the delivery counts cover both
      co_await chat_paced(runner, options, baseline);
      runner.connections.push_back(co_await runner.population.connect(total, true, kSlowReceiveBuffer));
      LoadConnection& slow_connection = *runner.connections.back();
      ReaderFloor floor(runner.io, total, options.max_behind);
      Countdown drained(runner.io, 1);
      asio::co_spawn(runner.io, resume_slow_reader(slow_connection, floor, threshold, slow), drained.handler());
      co_await chat_paced(runner, options, tally, &floor);
      runner.end_measuring();
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
  report.add("slow_reader_resumed_after", slow.resumed_after);
  report.add("slow_reader_messages", slow.messages);
  report.add("slow_reader_end", slow.end);
  report.add("slow_consumer_cut", std::uint64_t{slow.cut ? 1u : 0u});
  if (runner.error.empty()) runner.error = tally.problem();
  if (runner.error.empty() && !slow.cut) runner.error = "the slow reader was not cut off with 4001";
  // A chat that holds senders back for its readers (--max-behind) is not open-loop: its latency
  // is not a measurement, so only the cut and the deliveries count.
  if (runner.error.empty() && options.max_behind == 0 && ratio > kMaxP99Ratio) {
    runner.error = "p99 latency more than doubled next to a slow reader";
  }
  runner.add_cpu(report);
  report.add("error", runner.error);
  return report;
}

}  // namespace hearth::loadgen
