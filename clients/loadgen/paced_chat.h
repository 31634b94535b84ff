// A room chat at a fixed, open-loop send rate, the base of the scenarios that measure latency:
// `latency` runs it once; `slow-consumer` and `login-storm` run it twice, alone and then next to
// some extra load, and compare the two phases.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "clients/loadgen/delivery_tally.h"
#include "clients/loadgen/reader_floor.h"
#include "clients/loadgen/report.h"
#include "clients/loadgen/scenario.h"
#include "clients/loadgen/scenario_runner.h"

namespace hearth::loadgen {

// Registers the accounts for the chat's R receivers and S senders, plus `extra_connections` the
// scenario opens itself, and opens the chat's R + S connections (runner.connections [0, R + S)),
// each joined to the room.
boost::asio::awaitable<void> connect_chat(ScenarioRunner& runner, const ScenarioOptions& options,
                                          unsigned extra_connections = 0);
// One phase: the senders send options.rate messages per second in all for options.seconds, none
// of them more than options.max_behind messages ahead of the slowest reader if that is set.
// Returns when every receiver has counted its messages (or failed) and every sender has been
// answered and has read the phase's messages, so the next phase can start on the same
// connections. Throws if a receiver's or a sender's connection ended, so that no later phase
// uses it. `floor`, if given, must have options.receivers + options.senders readers: the caller
// may wait on it meanwhile.
boost::asio::awaitable<void> chat_paced(ScenarioRunner& runner, const ScenarioOptions& options, DeliveryTally& tally,
                                        ReaderFloor* floor = nullptr);

// The chat's settings, as each scenario built on it reports them.
void add_chat_settings(Report& report, const ScenarioOptions& options);
// Two phases, alone (`baseline`) and under extra load (`loaded`): both phases' receiver latencies,
// "baseline_latency_ms" and "latency_ms" (the loaded phase), "p99_ratio" (loaded p99 over
// baseline p99, which it returns) and the deliveries of both phases together.
double add_phase_comparison(Report& report, DeliveryTally& baseline, DeliveryTally& loaded);

}  // namespace hearth::loadgen
