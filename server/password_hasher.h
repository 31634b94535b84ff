// Argon2id password hashing (argon2id_hash.h) on a small pool of its own threads: it is slow and
// memory-hard on purpose, so it must never run on a network thread.
// Thread-safe; callbacks run on the executor given at construction, never on a hashing thread:
// those run at the lowest priority, and a callback that took a lock there (a connection's queue, the
// storage queue) could keep a network thread waiting on it for as long as the core is busy.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <mutex>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <string>

namespace hearth::server {

class PasswordHasher {
 public:
  PasswordHasher(unsigned threads, boost::asio::any_io_executor completions);
  ~PasswordHasher();

  // `done(hash)` with an empty hash if hashing failed (out of memory).
  void hash(std::string password, std::function<void(std::string hash)> done);
  // `done(true)` when `password` matches `stored_hash`. An empty `stored_hash` (unknown handle)
  // still costs one hash, so a failed login takes the same time whether or not the handle exists.
  void verify(std::string password, std::string stored_hash, std::function<void(bool)> done);

  void shutdown();

 private:
  // Runs `job` on the pool at idle priority.
  void run(std::function<void()> job);
  // (Re)starts the countdown after which Argon2's spare memory is freed.
  void release_memory_later();

  boost::asio::thread_pool pool_;
  boost::asio::any_io_executor completions_;
  std::mutex release_mutex_;  // the timer is re-armed from every hashing thread
  boost::asio::steady_timer release_timer_;
  std::string dummy_hash_;
};

}  // namespace hearth::server
