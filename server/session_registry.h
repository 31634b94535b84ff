// Authenticated connections by account and by token: enforces the per-account connection cap
// and finds every socket of a token when it is revoked. Thread-safe (one mutex).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace hearth::server {

class Session;

class SessionRegistry {
 public:
  // Every open connection, authenticated or not, so shutdown can close them all.
  void track(const std::shared_ptr<Session>& session, std::uint64_t session_id);
  void untrack(std::uint64_t session_id);
  std::vector<std::shared_ptr<Session>> every_connection() const;

  // Registers an authenticated connection. Returns false (registering nothing) if the account
  // already has `max_per_account` connections.
  bool add(const std::shared_ptr<Session>& session, std::uint64_t user_id,
           const std::string& token_hash, unsigned max_per_account);
  void remove(const Session* session, std::uint64_t user_id, const std::string& token_hash);

  std::vector<std::shared_ptr<Session>> of_user(std::uint64_t user_id) const;
  std::vector<std::shared_ptr<Session>> with_token(const std::string& token_hash) const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::weak_ptr<Session>> connections_;
  std::unordered_map<std::uint64_t, std::vector<std::shared_ptr<Session>>> by_user_;
  std::unordered_map<std::string, std::vector<std::shared_ptr<Session>>> by_token_;
};

}  // namespace hearth::server
