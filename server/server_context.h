// The services every connection shares, built once in Server and alive until it stops.
// Each member documents its own thread safety; all of them are safe to use from any thread.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>

#include "server/config.h"
#include "server/deadline_sweeper.h"
#include "server/device_listeners.h"
#include "server/login_throttle.h"
#include "server/metrics.h"
#include "server/moderation_notifier.h"
#include "server/moderation_state.h"
#include "server/password_hasher.h"
#include "server/rate_limiter.h"
#include "server/room_registry.h"
#include "server/session_registry.h"
#include "server/static_files.h"
#include "server/storage/direct_store.h"
#include "server/storage/moderation_store.h"
#include "server/storage/store.h"

namespace hearth::server {

struct ServerContext {
  ServerContext(const Config& config, boost::asio::io_context& io, storage::Store& store,
                storage::ModerationStore& moderation_store, storage::DirectStore& direct_store,
                const StaticFiles& web_files)
      : config(config),
        io(io),
        store(store),
        moderation_store(moderation_store),
        direct_store(direct_store),
        web_files(web_files),
        hasher(config.password_hash_threads, config.password_hashes_per_address, io.get_executor(),
               metrics.password_hashes),
        sweeper(io),
        logins(config.login_attempts_per_handle, config.login_attempts_per_address),
        registrations(config.registrations_per_address_per_hour, std::chrono::hours(1)) {}

  const Config& config;
  boost::asio::io_context& io;
  storage::Store& store;
  storage::ModerationStore& moderation_store;
  storage::DirectStore& direct_store;
  const StaticFiles& web_files;  // the browser client, served on every path hearthd does not own
  Metrics metrics;  // before the members that count into it
  PasswordHasher hasher;
  DeadlineSweeper sweeper;
  LoginThrottle logins;
  WindowLimiter registrations;  // per client address
  RoomRegistry rooms;
  SessionRegistry sessions;
  ModerationState moderation;
  ModerationNotifier notifier{*this};
  DeviceListeners devices;
  std::atomic<bool> shutting_down{false};
};

}  // namespace hearth::server
