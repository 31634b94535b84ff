#include "server/config.h"

#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>

namespace hearth::server {

namespace po = boost::program_options;

namespace {

bool split_host_port(const std::string& text, std::string& host, std::uint16_t& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  try {
    const unsigned long value = std::stoul(text.substr(colon + 1));
    if (value > 65535) return false;
    port = static_cast<std::uint16_t>(value);
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

// Each value of the repeatable option may itself be a comma-separated list.
bool add_trusted_proxies(const std::vector<std::string>& values, TrustedProxies& proxies) {
  for (const std::string& value : values) {
    std::string_view rest = value;
    while (true) {
      const auto comma = rest.find(',');
      if (auto problem = proxies.add(rest.substr(0, comma)); !problem.empty()) {
        std::cerr << "hearthd: --trusted-proxy: " << problem << " (give addresses such as 127.0.0.1 or networks "
                     "such as 10.0.0.0/8, separated by commas)\n";
        return false;
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return true;
}

po::options_description describe_options(Config& c, std::string& listen, std::string& log_level,
                                         std::string& registration, std::string& synchronous,
                                         std::string& data_dir, std::string& web_root,
                                         std::vector<std::string>& trusted_proxies) {
  po::options_description options("hearthd options (flags; the same keys in the --config ini file)");
  options.add_options()
      ("listen", po::value(&listen)->default_value("127.0.0.1:8080"),
       "HOST:PORT to listen on; port 0 picks a free port (printed at start)")
      ("data-dir", po::value(&data_dir)->default_value("hearth-data"),
       "directory for hearth.db (created 0700 if missing)")
      ("threads", po::value(&c.threads)->default_value(0), "network threads; 0 = hardware threads")
      ("log-level", po::value(&log_level)->default_value("info"), "debug, info, warn or error")
      ("registration", po::value(&registration)->default_value("open"),
       "open, or invite-only (registering needs an invite code)")
      ("demo-rooms", po::bool_switch(&c.demo_rooms),
       "on a fresh database, create a few demo rooms")
      ("web-root", po::value(&web_root)->default_value(default_web_root().string()),
       "directory of the built browser client (index.html, assets/), read once at start")
      ("allowed-origin", po::value(&c.allowed_origins)->composing(),
       "an exact Origin allowed for browser connections; may repeat (default: same host)")
      ("trusted-proxy", po::value(&trusted_proxies)->composing(),
       "address or network (10.0.0.0/8) of a reverse proxy whose X-Forwarded-For names the client for "
       "per-address limits; may repeat or list several, comma-separated (default: none, the header is ignored)")
      ("max-frame-bytes", po::value(&c.max_frame_bytes)->default_value(c.max_frame_bytes),
       "largest WebSocket message a client may send (close 1009 above it)")
      ("max-message-bytes", po::value(&c.max_message_bytes)->default_value(c.max_message_bytes),
       "largest room message text in bytes (TOO_LARGE above it)")
      ("max-outbound-bytes", po::value(&c.max_outbound_bytes)->default_value(c.max_outbound_bytes),
       "per-connection outbound queue cap; a slower reader is closed with 4001")
      ("max-unauthenticated-outbound-bytes",
       po::value(&c.max_unauthenticated_outbound_bytes)->default_value(c.max_unauthenticated_outbound_bytes),
       "the same cap before a connection authenticates (at most max-outbound-bytes); close 4001 past it")
      ("requests-per-second", po::value(&c.requests_per_second)->default_value(c.requests_per_second),
       "sustained requests per connection (burst twice that) before RATE_LIMITED")
      ("max-connections-per-account",
       po::value(&c.max_connections_per_account)->default_value(c.max_connections_per_account),
       "simultaneous connections of one account (close 4004 beyond it)")
      ("auth-timeout-seconds", po::value(&c.auth_timeout_seconds)->default_value(c.auth_timeout_seconds),
       "unauthenticated connections are closed after this")
      ("idle-timeout-seconds", po::value(&c.idle_timeout_seconds)->default_value(c.idle_timeout_seconds),
       "a connection silent this long is pinged, then closed")
      ("close-grace-seconds", po::value(&c.close_grace_seconds)->default_value(c.close_grace_seconds),
       "a closing connection's socket is closed this long after the close began, read or not")
      ("token-ttl-days", po::value(&c.token_ttl_days)->default_value(c.token_ttl_days),
       "lifetime of a login token")
      ("login-attempts-per-handle",
       po::value(&c.login_attempts_per_handle)->default_value(c.login_attempts_per_handle),
       "failed logins for one handle from one address before each further try waits (1 s, doubling to 15 min)")
      ("login-attempts-per-address",
       po::value(&c.login_attempts_per_address)->default_value(c.login_attempts_per_address),
       "failed logins per client address per 15 minutes before RATE_LIMITED")
      ("registrations-per-address-per-hour",
       po::value(&c.registrations_per_address_per_hour)->default_value(c.registrations_per_address_per_hour),
       "accounts one client address may try to register per hour before RATE_LIMITED; 0 = no limit")
      ("synchronous", po::value(&synchronous)->default_value("full"),
       "SQLite synchronous mode: full (survives power loss) or normal (survives crashes)")
      ("max-db-bytes", po::value(&c.max_db_bytes)->default_value(0),
       "cap on the database size; 0 = none. Writes past it get UNAVAILABLE")
      ("password-hash-threads",
       po::value(&c.password_hash_threads)->default_value(c.password_hash_threads),
       "threads that hash passwords (Argon2id is slow and memory-hard on purpose)")
      ("password-hashes-per-address",
       po::value(&c.password_hashes_per_address)->default_value(c.password_hashes_per_address),
       "password hashes of one client address that may run at once; the rest wait their turn")
      ("crisis-resources", po::value(&c.crisis_resources)->default_value(c.crisis_resources, "(988 and SAMHSA, US)"),
       "text sent privately to a member whose message matches a crisis phrase: local hotlines and what to do now")
      ("claim-lease-minutes", po::value(&c.claim_lease_minutes)->default_value(c.claim_lease_minutes),
       "how long a coach's claim on a review queue item lasts")
      ("max-direct-envelope-bytes",
       po::value(&c.max_direct_envelope_bytes)->default_value(c.max_direct_envelope_bytes),
       "largest ciphertext of one direct message for one device")
      ("max-devices-per-user", po::value(&c.max_devices_per_user)->default_value(c.max_devices_per_user),
       "devices one account may register for direct messages")
      ("max-direct-queued-per-device",
       po::value(&c.max_direct_queued_per_device)->default_value(c.max_direct_queued_per_device),
       "direct messages held for one device until it acknowledges them; beyond it senders get LIMIT_REACHED")
      ("max-direct-request-messages",
       po::value(&c.max_direct_request_messages)->default_value(c.max_direct_request_messages),
       "messages someone who is not a contact may have waiting as a request")
      ("max-one-time-prekeys", po::value(&c.max_one_time_prekeys)->default_value(c.max_one_time_prekeys),
       "one-time prekeys the key directory holds per device")
      ("prekeys-low-threshold", po::value(&c.prekeys_low_threshold)->default_value(c.prekeys_low_threshold),
       "a device with fewer one-time prekeys than this is told to upload more")
      ("prekeys-per-requester", po::value(&c.prekeys_per_requester)->default_value(c.prekeys_per_requester),
       "one-time prekeys one account may take from one device per window; then bundles carry only the "
       "signed prekey (0 = no limit)")
      ("prekeys-per-requester-hours",
       po::value(&c.prekeys_per_requester_hours)->default_value(c.prekeys_per_requester_hours),
       "the window of prekeys-per-requester, in hours (at least 1)");
  return options;
}

}  // namespace

std::filesystem::path default_web_root() { return HEARTH_DEFAULT_WEB_ROOT; }

ParseOutcome parse_config(int argc, char** argv, Config& config) {
  std::string listen, log_level, registration, synchronous, data_dir, web_root, config_file;
  std::vector<std::string> trusted_proxies;
  po::options_description options =
      describe_options(config, listen, log_level, registration, synchronous, data_dir, web_root, trusted_proxies);
  po::options_description command_line("hearthd — the Hearth chat server");
  command_line.add_options()
      ("help,h", "show this help")
      ("admin-invite", po::bool_switch(&config.admin_invite),
       "print a new one-time admin invite code for the database in --data-dir, then exit")
      ("config", po::value(&config_file), "ini file with the options below (flags win)");
  command_line.add(options);

  try {
    po::variables_map values;
    po::store(po::parse_command_line(argc, argv, command_line), values);
    if (values.count("help")) {
      std::cout << command_line << "\n";
      return ParseOutcome::kExitSuccess;
    }
    if (values.count("config")) {
      const std::string path = values["config"].as<std::string>();
      std::ifstream file(path);
      if (!file) {
        std::cerr << "hearthd: cannot read config file " << path << "\n";
        return ParseOutcome::kExitFailure;
      }
      po::store(po::parse_config_file(file, options), values);
    }
    po::notify(values);
  } catch (const po::error& e) {
    std::cerr << "hearthd: " << e.what() << " (see hearthd --help)\n";
    return ParseOutcome::kExitFailure;
  }

  if (!split_host_port(listen, config.listen_host, config.listen_port)) {
    std::cerr << "hearthd: --listen wants HOST:PORT, got '" << listen << "'\n";
    return ParseOutcome::kExitFailure;
  }
  if (!log::parse_level(log_level, config.log_level)) {
    std::cerr << "hearthd: --log-level must be debug, info, warn or error\n";
    return ParseOutcome::kExitFailure;
  }
  if (registration != "open" && registration != "invite-only") {
    std::cerr << "hearthd: --registration must be open or invite-only\n";
    return ParseOutcome::kExitFailure;
  }
  config.invite_only = registration == "invite-only";
  if (synchronous != "full" && synchronous != "normal") {
    std::cerr << "hearthd: --synchronous must be full or normal\n";
    return ParseOutcome::kExitFailure;
  }
  config.synchronous_full = synchronous == "full";
  config.data_dir = data_dir;
  config.web_root = web_root;
  if (!add_trusted_proxies(trusted_proxies, config.trusted_proxies)) return ParseOutcome::kExitFailure;
  if (config.max_frame_bytes < 1024 || config.max_message_bytes == 0 ||
      config.max_message_bytes > config.max_frame_bytes || config.requests_per_second <= 0 ||
      config.max_connections_per_account == 0 || config.auth_timeout_seconds == 0 ||
      config.idle_timeout_seconds == 0 || config.close_grace_seconds == 0 || config.token_ttl_days == 0 ||
      config.password_hash_threads == 0 || config.password_hashes_per_address == 0 ||
      config.login_attempts_per_handle == 0 || config.login_attempts_per_address == 0 ||
      config.max_outbound_bytes < config.max_frame_bytes ||
      config.max_unauthenticated_outbound_bytes < 1024) {
    std::cerr << "hearthd: a limit is out of range: frames need at least 1024 bytes, messages "
                 "must fit in a frame, the outbound cap must hold a frame, the unauthenticated outbound "
                 "cap at least 1024 bytes, and counts, rates and "
                 "timeouts must be positive\n";
    return ParseOutcome::kExitFailure;
  }
  if (config.prekeys_per_requester_hours == 0 || config.prekeys_per_requester_hours > 24 * 365) {
    std::cerr << "hearthd: --prekeys-per-requester-hours must be 1 to 8760\n";
    return ParseOutcome::kExitFailure;
  }
  return ParseOutcome::kRun;
}

}  // namespace hearth::server
