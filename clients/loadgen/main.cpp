// hearth-loadgen: drives a real hearthd with many hearth.v1 connections from one thread and
// prints one JSON object per run.
#include <boost/asio/ip/address.hpp>
#include <functional>
#include <iostream>
#include <map>
#include <string>

#include "clients/loadgen/process_stats.h"
#include "clients/loadgen/scenario.h"

namespace {

constexpr const char* kUsage = R"(usage: hearth-loadgen --port PORT [--host 127.0.0.1] [--server-pid PID] --scenario NAME [options]

scenarios:
  fanout   R receivers x S senders in one room; M messages per sender, at most W unacknowledged
           (--receivers R --senders S --messages M --window W --bytes B)
  latency  the same room at a fixed open-loop rate; latency percentiles at the receivers
           (--receivers R --senders S --rate MSGS_PER_SECOND --seconds D --bytes B)
  idle     C authenticated idle connections; server memory per connection, connections/s
           (--connections C --seconds HOLD --sources N  [127.0.0.1..127.0.0.N])
  ingest   one sender in each of N new rooms, no fan-out: durable messages per second
           (--rooms N --messages M --window W --bytes B --admin-invite CODE, hearthd's first code)
  slow-consumer  the latency room twice, for D seconds each: alone, then with one more member
           connection that stops reading until the others have read more than CAP plus the
           socket buffers (tcp_wmem's largest + 128 KiB); the others' latency in both phases, and
           whether hearthd cut the slow reader off with 4001. Start hearthd with
           --max-outbound-bytes CAP and pass the same --slow-cap-bytes CAP (default 1048576);
           phase 2 must send more than that: raise --bytes or --rate
           (--receivers R --senders S --rate MSGS_PER_SECOND --seconds D --bytes B --slow-cap-bytes CAP)
  login-storm    the latency room twice, for D seconds each: alone, then while K connections
           log in over and over (each a fresh connection: one Argon2id hash per login); each
           sends at least one, every login sent is waited for, and the run fails if one goes
           unanswered or fails; logins/s is successes over the time to the last answer
           (--receivers R --senders S --rate MSGS_PER_SECOND --seconds D --bytes B --logins K, default 8)
latency, slow-consumer and login-storm send open-loop (on schedule whatever the server does);
           --max-behind N holds a message back while any reader is N messages behind, so that a
           reader starved of CPU is never cut off as a slow consumer (for tests on busy machines)
common:    --room NAME (default families-together: run hearthd with --demo-rooms)
           --per-account N (connections sharing one account) --time-limit SECONDS

hearthd must allow the load: --requests-per-second and --max-connections-per-account high.
Exit status 0 only if the run completed with no lost, duplicated or reordered delivery.
)";

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i < argc; i += 2) {
    const std::string key = argv[i];
    if (key.rfind("--", 0) != 0 || i + 1 >= argc) {
      std::cerr << kUsage;
      return 1;
    }
    args[key.substr(2)] = argv[i + 1];
  }
  if (!args.count("port") || !args.count("scenario")) {
    std::cerr << kUsage;
    return 1;
  }
  auto get = [&](const std::string& key, unsigned fallback) {
    return args.count(key) ? static_cast<unsigned>(std::stoul(args[key])) : fallback;
  };
  hearth::loadgen::ScenarioOptions options;
  const std::string host = args.count("host") ? args["host"] : "127.0.0.1";
  options.target.server = {boost::asio::ip::make_address(host), static_cast<unsigned short>(get("port", 0))};
  options.target.host = host + ":" + args["port"];
  if (args.count("room")) options.target.room = args["room"];
  options.target.connections_per_account = get("per-account", options.target.connections_per_account);
  options.target.source_addresses = get("sources", options.target.source_addresses);
  options.server_pid = static_cast<pid_t>(get("server-pid", 0));
  options.receivers = get("receivers", options.receivers);
  options.senders = get("senders", options.senders);
  options.messages = get("messages", options.messages);
  options.window = get("window", options.window);
  options.bytes = get("bytes", options.bytes);
  options.rate = get("rate", options.rate);
  options.max_behind = get("max-behind", options.max_behind);
  options.seconds = get("seconds", options.seconds);
  options.connections = get("connections", options.connections);
  options.time_limit = get("time-limit", options.time_limit);
  options.rooms = get("rooms", options.rooms);
  if (args.count("admin-invite")) options.admin_invite = args["admin-invite"];
  options.slow_cap_bytes = get("slow-cap-bytes", options.slow_cap_bytes);
  options.logins = get("logins", options.logins);

  const std::map<std::string, std::function<hearth::loadgen::Report(const hearth::loadgen::ScenarioOptions&)>> scenarios = {
      {"fanout", hearth::loadgen::run_fanout},
      {"latency", hearth::loadgen::run_latency},
      {"idle", hearth::loadgen::run_idle},
      {"ingest", hearth::loadgen::run_ingest},
      {"slow-consumer", hearth::loadgen::run_slow_consumer},
      {"login-storm", hearth::loadgen::run_login_storm},
  };
  auto scenario = scenarios.find(args["scenario"]);
  if (scenario == scenarios.end()) {
    std::cerr << "hearth-loadgen: unknown scenario " << args["scenario"] << "\n" << kUsage;
    return 1;
  }
  hearth::loadgen::Report report = scenario->second(options);
  if (options.server_pid != 0) {
    const auto server_after = hearth::loadgen::read_process_stats(options.server_pid);
    if (server_after.valid) report.add("server_rss_kib", static_cast<std::uint64_t>(server_after.rss_kib));
  }
  const std::string json = report.json();
  std::cout << json << std::endl;
  const bool clean = json.find("\"error\":\"\"") != std::string::npos;
  return clean ? 0 : 1;
}
