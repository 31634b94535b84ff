// hearthd's settings, read once at start from flags and an optional ini file (flags win).
// Immutable after parsing; shared read-only by every thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "server/client_address.h"
#include "server/log.h"

namespace hearth::server {

// Where this build's browser client is written (set by CMake: <build dir>/clients/web/dist).
std::filesystem::path default_web_root();

struct Config {
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  std::filesystem::path data_dir = "hearth-data";
  unsigned threads = 0;                 // 0: one per hardware thread
  log::Level log_level = log::Level::kInfo;
  bool invite_only = false;
  bool demo_rooms = false;
  bool admin_invite = false;            // mint an admin invite, print it and exit
  std::vector<std::string> allowed_origins;  // empty: same host as the Host header
  // The built browser client hearthd serves on every path it does not own itself.
  std::filesystem::path web_root = default_web_root();
  // Peers whose X-Forwarded-For names the client for per-address limits (a reverse proxy on
  // this machine: 127.0.0.1). None by default: a header anyone can send is believed from no one.
  TrustedProxies trusted_proxies;

  std::size_t max_frame_bytes = 64 * 1024;
  std::size_t max_message_bytes = 4000;
  std::size_t max_outbound_bytes = 4 * 1024 * 1024;
  // A connection that has not authenticated yet gets only error replies and its AuthResult
  // (well under 1 KiB each): a small cap cuts a stranger who makes replies and never reads them.
  std::size_t max_unauthenticated_outbound_bytes = 64 * 1024;
  double requests_per_second = 20;
  unsigned max_connections_per_account = 16;
  unsigned auth_timeout_seconds = 10;
  unsigned idle_timeout_seconds = 60;
  // How long a closing connection has to take what is still owed to it (the responses, the
  // Disconnecting event, the close frame) before its socket is closed regardless.
  unsigned close_grace_seconds = 3;
  unsigned token_ttl_days = 30;
  // Failed logins for one handle from one address before each further try waits, doubling.
  unsigned login_attempts_per_handle = 5;
  unsigned login_attempts_per_address = 30;  // failed logins per address per 15 minutes
  unsigned registrations_per_address_per_hour = 20;  // 0: no limit
  bool synchronous_full = true;
  std::int64_t max_db_bytes = 0;
  unsigned password_hash_threads = 2;
  unsigned password_hashes_per_address = 2;  // running at once for one client address
  // Sent privately to anyone whose room message matches a crisis phrase.
  std::string crisis_resources =
      "You are not alone, and a peer coach has been alerted. If you or someone with you is in danger or may "
      "have overdosed, call 911 (or your local emergency number) now; naloxone (Narcan) can reverse an opioid "
      "overdose. In the US, call or text 988 (Suicide & Crisis Lifeline) any time, or call SAMHSA's National "
      "Helpline, 1-800-662-4357: free, confidential, 24/7.";
  // How long a coach's claim on a queue item lasts before it opens again.
  unsigned claim_lease_minutes = 15;

  // Direct messages. An envelope is a text's ciphertext plus about 200 bytes of header; with at
  // most 8 devices a user, one message's copies (at most 15) stay inside one 64 KiB frame.
  std::size_t max_direct_envelope_bytes = 4096;
  unsigned max_devices_per_user = 8;
  // Queued and unacknowledged copies per recipient device: a month of an active conversation,
  // and a bound on what a stranger can make the server hold.
  unsigned max_direct_queued_per_device = 1000;
  // A non-contact's messages waiting as a request: enough to introduce oneself, not a flood.
  unsigned max_direct_request_messages = 20;
  unsigned max_one_time_prekeys = 200;      // stored per device at once
  unsigned prekeys_low_threshold = 20;      // below this, the device is told to upload more
  // One-time prekeys one account may take from one device per window: enough for a person's
  // own few devices to open sessions (each fetch takes one), too few to drain a stock of 200.
  // Past it, bundles carry the signed prekey alone, which still opens a session. 0: no limit.
  unsigned prekeys_per_requester = 3;
  unsigned prekeys_per_requester_hours = 24;
};

enum class ParseOutcome { kRun, kExitSuccess, kExitFailure };

// Fills `config` from argv and the ini file named by --config. Prints help, version or a
// clear error to stdout/stderr itself; the outcome tells main what to do next.
ParseOutcome parse_config(int argc, char** argv, Config& config);

}  // namespace hearth::server
