// Argon2id password hashing (argon2id_hash.h) on a small pool of its own threads: it is slow and
// memory-hard on purpose, so it must never run on a network thread, and how many hashes run at
// once is bounded, by the pool's size and per client address.
// Requests wait in a queue that is fair across addresses (fair_queue.h): at most `per_address`
// hashes of one address run at once, and addresses take turns, so a hundred connections from one
// address delay each other, not a login from anywhere else. A request whose client stopped
// waiting (its connection closed) is dropped when its turn comes, without hashing.
// Thread-safe; callbacks run on the executor given at construction, never on a hashing thread,
// so a callback that takes a lock (a connection's queue, the storage queue) never waits behind a
// hash.
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/fair_queue.h"

namespace hearth::server {

// Who a hash is for.
struct HashRequester {
  std::string address;                  // the client address: the fair queue's key
  std::function<bool()> still_waiting;  // false once nobody waits for the result
};

class PasswordHasher {
 public:
  // `hashes_done` counts every hash computed (the hearth_password_hashes_total metric), from
  // the moment it starts.
  PasswordHasher(unsigned threads, unsigned per_address, boost::asio::any_io_executor completions,
                 std::atomic<std::uint64_t>& hashes_done);
  ~PasswordHasher();

  // `done(hash)` with an empty hash if hashing failed (out of memory). Not called at all when
  // the requester stopped waiting before its turn.
  void hash(HashRequester requester, std::string password, std::function<void(std::string hash)> done);
  // `done(true)` when `password` matches `stored_hash`. An empty `stored_hash` (unknown handle)
  // still costs one hash, so a failed login takes the same time whether or not the handle exists.
  void verify(HashRequester requester, std::string password, std::string stored_hash,
              std::function<void(bool)> done);

  // Stops the threads after the hashes running now; queued requests are dropped.
  void shutdown();

 private:
  // Queues `job` for `requester`; `job` runs on a hashing thread and posts its own completion.
  void submit(HashRequester requester, std::function<void()> job);
  void work();
  // (Re)starts the countdown after which Argon2's spare memory is freed.
  void release_memory_later();

  boost::asio::any_io_executor completions_;
  std::atomic<std::uint64_t>& hashes_done_;
  std::mutex mutex_;
  std::condition_variable ready_;
  FairQueue queue_;     // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  std::vector<std::thread> threads_;
  std::mutex release_mutex_;  // the timer is re-armed from every hashing thread
  boost::asio::steady_timer release_timer_;
  std::string dummy_hash_;
};

}  // namespace hearth::server
