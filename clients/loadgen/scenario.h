// The load generator's scenarios. Each runs on the calling thread with one io_context, never
// throws, and returns its figures; `error` is set when the run did not complete.
#pragma once

#include <sys/types.h>

#include <string>

#include "clients/loadgen/population.h"
#include "clients/loadgen/report.h"

namespace hearth::loadgen {

struct ScenarioOptions {
  Target target;
  pid_t server_pid = 0;            // for the server's CPU and memory, from /proc
  unsigned receivers = 100;
  unsigned senders = 1;
  unsigned messages = 1000;        // per sender (fanout)
  unsigned window = 64;            // unacknowledged messages per sender (fanout)
  unsigned bytes = 100;            // message size
  unsigned rate = 1000;            // messages per second, all senders together (latency)
  unsigned max_behind = 0;         // paced chats: no sender runs further ahead of any reader (0: open loop)
  unsigned seconds = 5;            // duration (latency) or hold time (idle)
  unsigned connections = 1000;     // idle
  unsigned rooms = 100;            // ingest: one sender per room
  std::string admin_invite;        // ingest creates its rooms as an admin
  unsigned slow_cap_bytes = 1 << 20;  // hearthd's --max-outbound-bytes (slow-consumer)
  unsigned logins = 8;             // logins in flight (login-storm)
  unsigned time_limit = 120;       // the run gives up after this
};

// R receivers × S senders in one room, S×M messages with a window: deliveries per second.
Report run_fanout(const ScenarioOptions& options);
// The same room at a fixed, open-loop send rate: latency percentiles at the receivers.
Report run_latency(const ScenarioOptions& options);
// C authenticated idle connections: server memory per connection and connections per second.
Report run_idle(const ScenarioOptions& options);
// One sender in each of N rooms, no fan-out: durable messages per second.
Report run_ingest(const ScenarioOptions& options);
// The latency room twice, alone and with one member connection that never reads: the others'
// latency in both phases, and whether the server cut the slow reader off (4001).
Report run_slow_consumer(const ScenarioOptions& options);
// The latency room twice, alone and while K connections log in over and over: the chat's
// latency in both phases and logins per second.
Report run_login_storm(const ScenarioOptions& options);

}  // namespace hearth::loadgen
