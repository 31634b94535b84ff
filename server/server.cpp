#include "server/server.h"

#include <sys/stat.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <iostream>
#include <thread>
#include <vector>

#include "server/bootstrap.h"
#include "server/clock.h"
#include "server/broadcast_batch.h"
#include "server/listener.h"
#include "server/log.h"
#include "server/open_file_limit.h"
#include "server/server_context.h"
#include "server/session.h"
#include "server/storage/sqlite_store.h"
#include "server/store_sync.h"
#include "server/storage/thread_roles.h"

namespace hearth::server {

namespace asio = boost::asio;

namespace {

// Clients get this long to take their close frames before the process stops anyway.
constexpr auto kShutdownGrace = std::chrono::seconds(5);

bool prepare_data_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << "hearthd: cannot create data directory " << dir << ": " << ec.message() << "\n";
    return false;
  }
  // Everything in it is sensitive: nobody but the service account reads it.
  ::chmod(dir.c_str(), 0700);
  return true;
}

bool load_rooms(storage::Store& store, ServerContext& context) {
  auto rooms = wait_for<std::vector<storage::RoomRecord>>([&](auto done) { store.list_rooms(std::move(done)); });
  auto members = wait_for<std::vector<storage::MembershipRecord>>(
      [&](auto done) { store.list_all_memberships(std::move(done)); });
  if (!rooms.ok() || !members.ok()) {
    std::cerr << "hearthd: could not load rooms from the database\n";
    return false;
  }
  context.rooms.load(rooms.value(), members.value(), context.metrics);
  log::info("rooms.loaded", {{"rooms", rooms->size()}, {"memberships", members->size()}});
  return true;
}

bool load_moderation(storage::ModerationStore& store, ServerContext& context) {
  auto rules = wait_for<std::vector<storage::FilterRuleRecord>>([&](auto done) { store.list_filter_rules(done); });
  auto policies = wait_for<std::vector<std::pair<std::uint64_t, moderation::RoomPolicy>>>(
      [&](auto done) { store.list_room_policies(done); });
  auto sanctions = wait_for<std::vector<storage::SanctionRecord>>([&](auto done) { store.list_sanctions(now_ms(), done); });
  auto activity = wait_for<std::vector<storage::MemberActivity>>([&](auto done) { store.list_member_activity(done); });
  auto open_items = wait_for<std::uint64_t>([&](auto done) { store.count_open_items(done); });
  if (!rules.ok() || !policies.ok() || !sanctions.ok() || !activity.ok() || !open_items.ok()) {
    std::cerr << "hearthd: could not load moderation rules from the database\n";
    return false;
  }
  log::info("moderation.loaded", {{"rules", rules->size()}, {"sanctions", sanctions->size()}});
  context.moderation.load(std::move(rules.value()), policies.value(), sanctions.value(), activity.value());
  context.moderation.open_items.store(static_cast<std::int64_t>(open_items.value()));
  return true;
}

// Closes every connection with 1001 and stops the io_context once they are gone or the grace
// period ends.
void begin_shutdown(ServerContext& context, Listener& listener, asio::io_context& io,
                    asio::steady_timer& watchdog, std::chrono::steady_clock::time_point deadline) {
  context.shutting_down.store(true);
  listener.stop();
  for (const auto& session : context.sessions.every_connection()) {
    session->close(boost::beast::websocket::close_code::going_away, "server shutting down");
  }
  watchdog.expires_after(std::chrono::milliseconds(50));
  watchdog.async_wait([&context, &listener, &io, &watchdog, deadline](boost::system::error_code ec) {
    if (ec) return;
    const bool drained = context.metrics.connections_open.load() <= 0;
    if (drained || std::chrono::steady_clock::now() >= deadline) {
      context.sweeper.stop();
      io.stop();
      return;
    }
    begin_shutdown(context, listener, io, watchdog, deadline);
  });
}

}  // namespace

int run_server(const Config& config) {
  if (!prepare_data_dir(config.data_dir)) return 1;
  storage::SqliteStoreOptions options;
  options.db_path = config.data_dir / "hearth.db";
  options.synchronous_full = config.synchronous_full;
  options.max_db_bytes = config.max_db_bytes;
  options.batch_scope = [](const std::function<void()>& commit) {
    BroadcastBatch batch;  // one delivery per room for everything the batch's completions broadcast
    commit();
  };
  std::string error;
  std::unique_ptr<storage::SqliteStore> store = storage::SqliteStore::open(options, &error);
  if (!store) {
    std::cerr << "hearthd: cannot open " << options.db_path << ": " << error << "\n";
    return 1;
  }
  if (config.admin_invite) return print_new_admin_invite(*store, config, std::cout, std::cerr) ? 0 : 1;

  // Before any connection: each one is a file descriptor.
  const std::uint64_t open_files = raise_open_file_limit();
  const unsigned threads =
      config.threads != 0 ? config.threads : std::max(1u, std::thread::hardware_concurrency());
  asio::io_context io(static_cast<int>(threads));
  const StaticFiles web_files = StaticFiles::load(config.web_root);
  ServerContext context(config, io, store->store(), store->moderation(), store->direct(), web_files);

  auto listener = std::make_shared<Listener>(io, context);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(config.listen_host, ec);
  if (ec) {
    std::cerr << "hearthd: '" << config.listen_host << "' is not an IP address\n";
    return 1;
  }
  if (auto problem = listener->listen({address, config.listen_port}); !problem.empty()) {
    std::cerr << "hearthd: cannot listen on " << config.listen_host << ":" << config.listen_port
              << ": " << problem << "\n";
    return 1;
  }
  Config shown = config;
  shown.listen_port = listener->local_endpoint().port();
  if (!bootstrap_fresh_database(*store, shown, std::cout, std::cerr)) return 1;
  if (!load_rooms(*store, context)) return 1;  // after bootstrap, which may add demo rooms
  if (!load_moderation(*store, context)) return 1;

  std::cout << "hearthd listening on http://" << config.listen_host << ":" << shown.listen_port
            << " (WebSocket ws://" << config.listen_host << ":" << shown.listen_port << "/ws, "
            << threads << " threads)" << std::endl;
  log::info("server.started", {{"port", static_cast<unsigned>(shown.listen_port)},
                               {"threads", threads},
                               {"max_open_files", open_files}});

  context.sweeper.start();
  listener->run();
  asio::signal_set signals(io, SIGINT, SIGTERM);
  asio::steady_timer watchdog(io);
  signals.async_wait([&](boost::system::error_code signal_ec, int signal) {
    if (signal_ec) return;
    log::info("server.stopping", {{"signal", signal}});
    begin_shutdown(context, *listener, io, watchdog, std::chrono::steady_clock::now() + kShutdownGrace);
  });

  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i) workers.emplace_back([&io] {
      storage::thread_role::name_this_thread("hearth-net");
      io.run();
    });
  io.run();
  for (auto& worker : workers) worker.join();

  // Everything submitted is committed before the process ends.
  store->shutdown();
  context.hasher.shutdown();
  log::info("server.stopped");
  return 0;
}

}  // namespace hearth::server
