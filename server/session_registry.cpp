#include "server/session_registry.h"

#include <algorithm>

namespace hearth::server {

namespace {

template <typename Map, typename Key>
void erase_from(Map& map, const Key& key, const Session* session) {
  auto it = map.find(key);
  if (it == map.end()) return;
  std::erase_if(it->second, [session](const auto& s) { return s.get() == session; });
  if (it->second.empty()) map.erase(it);
}

}  // namespace

void SessionRegistry::track(const std::shared_ptr<Session>& session, std::uint64_t session_id) {
  std::lock_guard lock(mutex_);
  connections_[session_id] = session;
}

void SessionRegistry::untrack(std::uint64_t session_id) {
  std::lock_guard lock(mutex_);
  connections_.erase(session_id);
}

std::vector<std::shared_ptr<Session>> SessionRegistry::every_connection() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<Session>> out;
  out.reserve(connections_.size());
  for (const auto& [id, weak] : connections_) {
    if (auto session = weak.lock()) out.push_back(std::move(session));
  }
  return out;
}

bool SessionRegistry::add(const std::shared_ptr<Session>& session, std::uint64_t user_id,
                          const std::string& token_hash, unsigned max_per_account) {
  std::lock_guard lock(mutex_);
  auto& of_user = by_user_[user_id];
  if (of_user.size() >= max_per_account) return false;
  of_user.push_back(session);
  by_token_[token_hash].push_back(session);
  return true;
}

void SessionRegistry::remove(const Session* session, std::uint64_t user_id,
                             const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  erase_from(by_user_, user_id, session);
  erase_from(by_token_, token_hash, session);
}

std::vector<std::shared_ptr<Session>> SessionRegistry::of_user(std::uint64_t user_id) const {
  std::lock_guard lock(mutex_);
  auto it = by_user_.find(user_id);
  return it == by_user_.end() ? std::vector<std::shared_ptr<Session>>{} : it->second;
}

std::vector<std::shared_ptr<Session>> SessionRegistry::with_token(
    const std::string& token_hash) const {
  std::lock_guard lock(mutex_);
  auto it = by_token_.find(token_hash);
  return it == by_token_.end() ? std::vector<std::shared_ptr<Session>>{} : it->second;
}

}  // namespace hearth::server
