// hearthd: the Hearth chat server.
#include <sodium.h>

#include <csignal>
#include <iostream>

#include "protocol/frame_codec.h"
#include "server/config.h"
#include "server/log.h"
#include "server/server.h"

int main(int argc, char** argv) {
  // Logs go to stdout/stderr, often a pipe (`hearthd | tee`, a log shipper). If its reader goes
  // away, a write must fail quietly rather than kill the server mid-shutdown with SIGPIPE, which
  // drops every connection without its close frame. Sockets never raise it (MSG_NOSIGNAL).
  std::signal(SIGPIPE, SIG_IGN);
  if (sodium_init() < 0) {
    std::cerr << "hearthd: libsodium failed to initialise\n";
    return 1;
  }
  hearth::protocol::quiet_protobuf_parse_logs();
  hearth::server::Config config;
  switch (hearth::server::parse_config(argc, argv, config)) {
    case hearth::server::ParseOutcome::kExitSuccess: return 0;
    case hearth::server::ParseOutcome::kExitFailure: return 2;
    case hearth::server::ParseOutcome::kRun: break;
  }
  hearth::log::set_level(config.log_level);
  return hearth::server::run_server(config);
}
