#include "server/moderation_state.h"

#include <algorithm>

namespace hearth::server {

ModerationState::ModerationState() : watchlist_(std::make_shared<const moderation::Watchlist>()) {}

void ModerationState::load(std::vector<storage::FilterRuleRecord> rules,
                           const std::vector<std::pair<std::uint64_t, moderation::RoomPolicy>>& policies,
                           const std::vector<storage::SanctionRecord>& sanctions,
                           const std::vector<storage::MemberActivity>& activity) {
  std::lock_guard lock(mutex_);
  rules_ = std::move(rules);
  rebuild_watchlist_locked();
  policies_.clear();
  for (const auto& [room_id, policy] : policies) policies_[room_id] = policy;
  standings_.clear();
  for (const auto& member : activity) {
    Standing& standing = standings_[{member.room_id, member.user_id}];
    standing.delivered = member.delivered_messages;
    standing.last_posted_at_ms = member.last_posted_at_ms;
  }
  for (const auto& sanction : sanctions) {
    Standing& standing = standings_[{sanction.room_id, sanction.user_id}];
    auto& until = sanction.kind == storage::SanctionKind::kMute ? standing.muted_until_ms : standing.banned_until_ms;
    until = std::max(until, sanction.until_ms);
  }
}

void ModerationState::rebuild_watchlist_locked() {
  std::vector<moderation::WatchRule> rules;
  rules.reserve(rules_.size());
  for (const auto& record : rules_) rules.push_back(record.rule);
  watchlist_.store(std::make_shared<const moderation::Watchlist>(std::move(rules)));
}

std::vector<storage::FilterRuleRecord> ModerationState::rules_for(std::uint64_t room_id) const {
  std::lock_guard lock(mutex_);
  std::vector<storage::FilterRuleRecord> found;
  for (const auto& record : rules_) {
    if (record.rule.room_id == 0 || record.rule.room_id == room_id) found.push_back(record);
  }
  return found;
}

std::optional<storage::FilterRuleRecord> ModerationState::rule(std::uint64_t rule_id) const {
  std::lock_guard lock(mutex_);
  for (const auto& record : rules_) {
    if (record.rule.rule_id == rule_id) return record;
  }
  return std::nullopt;
}

void ModerationState::add_rule(const storage::FilterRuleRecord& rule) {
  std::lock_guard lock(mutex_);
  rules_.push_back(rule);
  rebuild_watchlist_locked();
}

void ModerationState::remove_rule(std::uint64_t rule_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(rules_, [rule_id](const auto& record) { return record.rule.rule_id == rule_id; });
  rebuild_watchlist_locked();
}

moderation::RoomPolicy ModerationState::policy(std::uint64_t room_id) const {
  std::lock_guard lock(mutex_);
  const auto found = policies_.find(room_id);
  return found == policies_.end() ? moderation::RoomPolicy{} : found->second;
}

void ModerationState::set_policy(std::uint64_t room_id, const moderation::RoomPolicy& policy) {
  std::lock_guard lock(mutex_);
  policies_[room_id] = policy;
}

void ModerationState::add_sanction(const storage::SanctionRecord& sanction) {
  std::lock_guard lock(mutex_);
  Standing& standing = standings_[{sanction.room_id, sanction.user_id}];
  auto& until = sanction.kind == storage::SanctionKind::kMute ? standing.muted_until_ms : standing.banned_until_ms;
  until = std::max(until, sanction.until_ms);
}

void ModerationState::lift_sanction(storage::SanctionKind kind, std::uint64_t room_id, std::uint64_t user_id) {
  std::lock_guard lock(mutex_);
  const auto found = standings_.find({room_id, user_id});
  if (found == standings_.end()) return;
  (kind == storage::SanctionKind::kMute ? found->second.muted_until_ms : found->second.banned_until_ms) = 0;
}

std::int64_t ModerationState::banned_until(std::uint64_t room_id, std::uint64_t user_id, std::int64_t now_ms) const {
  std::lock_guard lock(mutex_);
  const auto found = standings_.find({room_id, user_id});
  if (found == standings_.end() || found->second.banned_until_ms <= now_ms) return 0;
  return found->second.banned_until_ms;
}

moderation::Poster ModerationState::poster(std::uint64_t room_id, std::uint64_t user_id, bool staff,
                                           std::int64_t joined_at_ms, std::int64_t now_ms) const {
  moderation::Poster poster;
  poster.staff = staff;
  poster.joined_at_ms = joined_at_ms;
  std::lock_guard lock(mutex_);
  const auto found = standings_.find({room_id, user_id});
  if (found != standings_.end()) {
    const Standing& standing = found->second;
    poster.delivered_messages = standing.delivered;
    poster.last_posted_at_ms = standing.last_posted_at_ms;
    if (standing.muted_until_ms > now_ms) poster.muted_until_ms = standing.muted_until_ms;
    if (standing.banned_until_ms > now_ms) poster.banned_until_ms = standing.banned_until_ms;
  }
  return poster;
}

void ModerationState::record_posting(std::uint64_t room_id, std::uint64_t user_id, std::int64_t at_ms) {
  std::lock_guard lock(mutex_);
  Standing& standing = standings_[{room_id, user_id}];
  standing.last_posted_at_ms = std::max(standing.last_posted_at_ms, at_ms);
}

void ModerationState::record_delivered(std::uint64_t room_id, std::uint64_t user_id) {
  std::lock_guard lock(mutex_);
  ++standings_[{room_id, user_id}].delivered;
}

}  // namespace hearth::server
