#include "server/password_hasher.h"

#include <sodium.h>

#include <boost/asio/post.hpp>
#include <chrono>

#include "server/argon2id_hash.h"
#include "server/storage/thread_roles.h"

namespace hearth::server {

namespace {

// libsodium's "interactive" limits, about 64 MiB and a tenth of a second per hash, the
// recommended floor for online logins; argon2id::Cost's defaults are the same numbers.
static_assert(argon2id::Cost{}.passes == crypto_pwhash_OPSLIMIT_INTERACTIVE);
static_assert(argon2id::Cost{}.memory_kib * 1024ull == crypto_pwhash_MEMLIMIT_INTERACTIVE);

// Argon2's memory is kept this long after the last hash: a storm of logins reuses it, a quiet
// server gives it back.
constexpr auto kKeepMemoryIdle = std::chrono::seconds(30);

void wipe(std::string& secret) { sodium_memzero(secret.data(), secret.size()); }

// Once per hashing thread (the pool's threads are created by Asio).
void run_below_network_threads() {
  static thread_local const bool lowered = [] {
    storage::thread_role::name_this_thread("hearth-hash");
    storage::thread_role::run_at_lowest_priority();
    return true;
  }();
  (void)lowered;
}

}  // namespace

PasswordHasher::PasswordHasher(unsigned threads, boost::asio::any_io_executor completions)
    : pool_(threads),
      completions_(completions),
      release_timer_(completions),
      // The hash an unknown handle is checked against.
      dummy_hash_(argon2id::hash("hearth: a password nobody has")) {
  argon2id::release_spare_memory();
}

PasswordHasher::~PasswordHasher() { shutdown(); }

void PasswordHasher::run(std::function<void()> job) {
  boost::asio::post(pool_, [this, job = std::move(job)] {
    run_below_network_threads();
    job();
    release_memory_later();
  });
}

void PasswordHasher::release_memory_later() {
  std::lock_guard lock(release_mutex_);
  release_timer_.expires_after(kKeepMemoryIdle);  // a wait still pending ends with operation_aborted
  release_timer_.async_wait([](boost::system::error_code ec) {
    if (!ec) argon2id::release_spare_memory();
  });
}

void PasswordHasher::hash(std::string password, std::function<void(std::string)> done) {
  run([this, password = std::move(password), done = std::move(done)]() mutable {
    std::string result = argon2id::hash(password);
    wipe(password);
    boost::asio::post(completions_, [done = std::move(done), result = std::move(result)]() mutable {
      done(std::move(result));
    });
  });
}

void PasswordHasher::verify(std::string password, std::string stored_hash,
                            std::function<void(bool)> done) {
  run([this, password = std::move(password), stored_hash = std::move(stored_hash),
       done = std::move(done)]() mutable {
    const std::string& against = stored_hash.empty() ? dummy_hash_ : stored_hash;
    const bool match = argon2id::verify(against, password);
    wipe(password);
    boost::asio::post(completions_, [done = std::move(done), match = match && !stored_hash.empty()] { done(match); });
  });
}

void PasswordHasher::shutdown() { pool_.join(); }

}  // namespace hearth::server
