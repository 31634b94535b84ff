// hearthd as a whole: opens storage, loads rooms, listens, runs the network threads and shuts
// down cleanly on SIGINT/SIGTERM (new connections refused, clients get a close frame, every
// queued write committed). Used from main only.
#pragma once

#include <memory>

#include "server/config.h"

namespace hearth::server {

// Runs until a signal arrives. Returns the process exit code.
int run_server(const Config& config);

}  // namespace hearth::server
