// Argon2id password hashing (crypto_pwhash_str) on a small pool of its own threads: it is slow
// and memory-hard on purpose, so it must never run on a network thread.
// Thread-safe; callbacks run on a hashing thread.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <string>

namespace hearth::server {

class PasswordHasher {
 public:
  explicit PasswordHasher(unsigned threads);
  ~PasswordHasher();

  // `done(hash)` with an empty hash if hashing failed (out of memory).
  void hash(std::string password, std::function<void(std::string hash)> done);
  // `done(true)` when `password` matches `stored_hash`. An empty `stored_hash` (unknown handle)
  // still costs one hash, so a failed login takes the same time whether or not the handle exists.
  void verify(std::string password, std::string stored_hash, std::function<void(bool)> done);

  void shutdown();

 private:
  boost::asio::thread_pool pool_;
  std::string dummy_hash_;
};

}  // namespace hearth::server
