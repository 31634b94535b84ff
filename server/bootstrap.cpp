#include "server/bootstrap.h"

#include "server/clock.h"
#include "server/secrets.h"
#include "server/store_sync.h"

namespace hearth::server {

namespace {

// The first admin may take a while to get to it; after that the code is useless.
constexpr std::int64_t kAdminInviteMs = 30LL * 24 * 3'600'000;

struct DemoRoom {
  const char* name;
  const char* topic;
};

constexpr DemoRoom kDemoRooms[] = {
    {"families-together",
     "A circle for family members: share your own experience, listen without crosstalk."},
    {"parallel-recovery", "Your own recovery, walked beside your loved one's."},
    {"newcomers", "New here? Say hello, ask how things work, take your time."},
};

std::string listen_url(const Config& config) {
  return "ws://" + config.listen_host + ":" + std::to_string(config.listen_port) + "/ws";
}

}  // namespace

bool print_new_admin_invite(storage::Store& store, const Config& config, std::ostream& out,
                            std::ostream& err) {
  const std::string code = new_invite_code();
  storage::InviteRecord invite;
  invite.role = storage::Role::kAdmin;
  invite.expires_at_ms = now_ms() + kAdminInviteMs;
  auto created = wait_for<storage::InviteRecord>([&](auto done) {
    store.create_invite(hash_invite_code(code), invite, now_ms(), std::move(done));
  });
  if (!created.ok()) {
    err << "hearthd: could not store the admin invite: " << storage::to_string(created.status()) << "\n";
    return false;
  }
  out << "\n  To become an admin of this Hearth server, register with this one-time invite code\n"
      << "  (valid for 30 days; it is shown only now):\n\n"
      << "      hearth --server " << listen_url(config) << " register YOUR-NAME --invite " << code
      << "\n\n";
  out.flush();
  return true;
}

bool bootstrap_fresh_database(storage::Store& store, const Config& config, std::ostream& out,
                              std::ostream& err) {
  auto fresh = wait_for<bool>([&](auto done) { store.is_fresh(std::move(done)); });
  if (!fresh.ok()) {
    err << "hearthd: could not read the database: " << storage::to_string(fresh.status()) << "\n";
    return false;
  }
  if (!fresh.value()) return true;
  if (config.demo_rooms) {
    for (const DemoRoom& demo : kDemoRooms) {
      auto room = wait_for<storage::RoomRecord>([&](auto done) {
        store.create_room(demo.name, demo.topic, false, now_ms(), std::move(done));
      });
      if (!room.ok() && room.status() != storage::Status::kAlreadyExists) {
        err << "hearthd: could not create demo room " << demo.name << "\n";
        return false;
      }
    }
    out << "hearthd: created demo rooms: families-together, parallel-recovery, newcomers\n";
  }
  out << "hearthd: this is a new database.";
  return print_new_admin_invite(store, config, out, err);
}

}  // namespace hearth::server
