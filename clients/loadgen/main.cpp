// hearth-loadgen: drives a real hearthd with many hearth.v1 connections and prints one JSON
// object per run. Scenarios: fanout (more come with the benchmark suite).
#include <boost/asio/ip/address.hpp>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "clients/loadgen/fanout_scenario.h"
#include "clients/loadgen/process_stats.h"

namespace {

constexpr const char* kUsage = R"(usage: hearth-loadgen --port PORT [--host 127.0.0.1] [--server-pid PID]
         [--scenario fanout] [--receivers R] [--senders S] [--messages M] [--window W]
         [--bytes B] [--room NAME] [--per-account N] [--time-limit SECONDS]

Registers ceil((R+S)/N) accounts, connects R receivers and S senders to ROOM (default
families-together: start hearthd with --demo-rooms, and with --requests-per-second and
--max-connections-per-account high enough for the load), sends M messages per sender with at
most W unacknowledged, and prints one JSON object: deliveries per second, latency percentiles,
lost / duplicated / reordered deliveries, and CPU and memory of both processes.
)";

std::string number(double value) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(3) << value;
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key.rfind("--", 0) != 0) {
      std::cerr << kUsage;
      return 1;
    }
    args[key.substr(2)] = argv[i + 1];
  }
  if (argc % 2 == 0 || !args.count("port")) {
    std::cerr << kUsage;
    return 1;
  }
  auto get = [&](const std::string& key, unsigned fallback) {
    return args.count(key) ? static_cast<unsigned>(std::stoul(args[key])) : fallback;
  };
  const std::string scenario = args.count("scenario") ? args["scenario"] : "fanout";
  if (scenario != "fanout") {
    std::cerr << "hearth-loadgen: unknown scenario " << scenario << "\n";
    return 1;
  }
  hearth::loadgen::FanoutConfig config;
  const std::string host = args.count("host") ? args["host"] : "127.0.0.1";
  config.server = {boost::asio::ip::make_address(host), static_cast<unsigned short>(get("port", 0))};
  config.host = host + ":" + args["port"];
  if (args.count("room")) config.room = args["room"];
  config.receivers = get("receivers", config.receivers);
  config.senders = get("senders", config.senders);
  config.messages_per_sender = get("messages", config.messages_per_sender);
  config.window = get("window", config.window);
  config.message_bytes = get("bytes", config.message_bytes);
  config.connections_per_account = get("per-account", config.connections_per_account);
  config.time_limit_seconds = get("time-limit", config.time_limit_seconds);
  const pid_t server_pid = static_cast<pid_t>(get("server-pid", 0));

  const auto server_before = server_pid ? hearth::loadgen::read_process_stats(server_pid) : hearth::loadgen::ProcessStats{};
  const auto self_before = hearth::loadgen::read_process_stats(0);
  auto result = hearth::loadgen::run_fanout(config);
  const auto self_after = hearth::loadgen::read_process_stats(0);
  const auto server_after = server_pid ? hearth::loadgen::read_process_stats(server_pid) : hearth::loadgen::ProcessStats{};

  const double rate = result.seconds > 0 ? static_cast<double>(result.delivered) / result.seconds : 0;
  std::cout << "{\"scenario\":\"fanout\",\"receivers\":" << config.receivers << ",\"senders\":" << config.senders
            << ",\"messages_per_sender\":" << config.messages_per_sender << ",\"window\":" << config.window
            << ",\"message_bytes\":" << config.message_bytes << ",\"expected\":" << result.expected
            << ",\"delivered\":" << result.delivered << ",\"lost\":" << result.lost
            << ",\"duplicated\":" << result.duplicated << ",\"reordered\":" << result.reordered
            << ",\"refused\":" << result.refused << ",\"seconds\":" << number(result.seconds)
            << ",\"deliveries_per_second\":" << number(rate) << ",\"latency_ms\":{\"p50\":"
            << number(result.latency.quantile_ms(0.5)) << ",\"p90\":" << number(result.latency.quantile_ms(0.9))
            << ",\"p99\":" << number(result.latency.quantile_ms(0.99)) << ",\"p999\":"
            << number(result.latency.quantile_ms(0.999)) << ",\"max\":" << number(result.latency.quantile_ms(1.0))
            << "},\"loadgen_cpu_seconds\":" << number(self_after.cpu_seconds - self_before.cpu_seconds);
  if (server_after.valid) {
    const double server_cpu = server_after.cpu_seconds - server_before.cpu_seconds;
    std::cout << ",\"server_cpu_seconds\":" << number(server_cpu) << ",\"server_rss_kib\":" << server_after.rss_kib
              << ",\"server_cpu_us_per_delivery\":"
              << number(result.delivered ? server_cpu * 1e6 / static_cast<double>(result.delivered) : 0);
  }
  std::cout << ",\"error\":\"" << result.error << "\"}" << std::endl;
  return result.error.empty() && result.duplicated == 0 && result.reordered == 0 ? 0 : 1;
}
