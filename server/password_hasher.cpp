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

}  // namespace

PasswordHasher::PasswordHasher(unsigned threads, unsigned per_address, boost::asio::any_io_executor completions,
                               std::atomic<std::uint64_t>& hashes_done)
    : completions_(completions),
      hashes_done_(hashes_done),
      queue_(per_address),
      release_timer_(completions),
      // The hash an unknown handle is checked against.
      dummy_hash_(argon2id::hash("hearth: a password nobody has")) {
  argon2id::release_spare_memory();
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

PasswordHasher::~PasswordHasher() { shutdown(); }

void PasswordHasher::submit(HashRequester requester, std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    queue_.push(requester.address, [this, still_waiting = std::move(requester.still_waiting),
                                    job = std::move(job)]() mutable {
      if (still_waiting && !still_waiting()) {
        // The job's captures (the callback, and with it the connection) go on the completion
        // executor, like every callback.
        boost::asio::post(completions_, [job = std::move(job)] {});
        return;
      }
      // Counted as it starts, so the count is up to date before anyone hears the result.
      hashes_done_.fetch_add(1, std::memory_order_relaxed);
      job();
      release_memory_later();
    });
  }
  ready_.notify_one();
}

void PasswordHasher::work() {
  storage::thread_role::name_this_thread("hearth-hash");
  // At normal weight (SCHED_BATCH): a hash gets its fair share of a busy core, so a login ends
  // in bounded time beside any neighbour, while the pool's size and the per-address queue bound
  // how much of the machine hashing takes from the chat.
  storage::thread_role::yield_to_network_threads();
  std::unique_lock lock(mutex_);
  for (;;) {
    std::optional<FairQueue::Taken> next;
    ready_.wait(lock, [&] { return stopping_ || (next = queue_.pop()); });
    if (stopping_) return;
    lock.unlock();
    next->job();
    next->job = nullptr;  // its captures go before the lock is taken again
    lock.lock();
    queue_.finished(next->key);
    // Another thread may be waiting for this key's turn.
    ready_.notify_one();
  }
}

void PasswordHasher::release_memory_later() {
  std::lock_guard lock(release_mutex_);
  release_timer_.expires_after(kKeepMemoryIdle);  // a wait still pending ends with operation_aborted
  release_timer_.async_wait([](boost::system::error_code ec) {
    if (!ec) argon2id::release_spare_memory();
  });
}

void PasswordHasher::hash(HashRequester requester, std::string password, std::function<void(std::string)> done) {
  submit(std::move(requester), [this, password = std::move(password), done = std::move(done)]() mutable {
    std::string result = argon2id::hash(password);
    wipe(password);
    boost::asio::post(completions_, [done = std::move(done), result = std::move(result)]() mutable {
      done(std::move(result));
    });
  });
}

void PasswordHasher::verify(HashRequester requester, std::string password, std::string stored_hash,
                            std::function<void(bool)> done) {
  submit(std::move(requester), [this, password = std::move(password), stored_hash = std::move(stored_hash),
                                done = std::move(done)]() mutable {
    const std::string& against = stored_hash.empty() ? dummy_hash_ : stored_hash;
    const bool match = argon2id::verify(against, password);
    wipe(password);
    boost::asio::post(completions_, [done = std::move(done), match = match && !stored_hash.empty()] { done(match); });
  });
}

void PasswordHasher::shutdown() {
  std::deque<FairQueue::Job> dropped;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    dropped = queue_.drain();
  }
  ready_.notify_all();
  for (auto& thread : threads_) thread.join();
  threads_.clear();
}

}  // namespace hearth::server
