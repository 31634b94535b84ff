#include "server/room.h"

#include <algorithm>

#include "protocol/frame_codec.h"
#include "server/broadcast_batch.h"
#include "server/metrics.h"
#include "server/session.h"

namespace hearth::server {

Room::Room(storage::RoomRecord record, Metrics& metrics)
    : id_(record.id), metrics_(metrics), record_(std::move(record)) {}

std::string Room::name() const {
  std::lock_guard lock(mutex_);
  return record_.name;
}

bool Room::closed() const {
  std::lock_guard lock(mutex_);
  return record_.closed;
}

bool Room::is_member(std::uint64_t user_id) const {
  std::lock_guard lock(mutex_);
  return members_.count(user_id) != 0;
}

bool Room::is_coach(std::uint64_t user_id) const {
  std::lock_guard lock(mutex_);
  auto it = members_.find(user_id);
  return it != members_.end() && it->second.coach;
}

std::int64_t Room::joined_at(std::uint64_t user_id) const {
  std::lock_guard lock(mutex_);
  auto it = members_.find(user_id);
  return it == members_.end() ? 0 : it->second.joined_at_ms;
}

bool Room::add_member(const storage::MembershipRecord& membership) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = members_.try_emplace(membership.user_id);
  it->second.handle = membership.handle;
  it->second.coach = membership.coach;
  if (inserted) it->second.joined_at_ms = membership.joined_at_ms;
  return inserted;
}

void Room::remove_member(std::uint64_t user_id) {
  std::lock_guard lock(mutex_);
  members_.erase(user_id);
}

std::vector<hearth::v1::MemberInfo> Room::members() const {
  std::lock_guard lock(mutex_);
  std::vector<hearth::v1::MemberInfo> out;
  out.reserve(members_.size());
  for (const auto& [user_id, member] : members_) {
    hearth::v1::MemberInfo& info = out.emplace_back();
    info.mutable_user()->set_user_id(user_id);
    info.mutable_user()->set_handle(member.handle);
    info.set_coach(member.coach);
    info.set_online(!member.connections.empty());
    info.set_joined_at_ms(member.joined_at_ms);
  }
  return out;
}

hearth::v1::RoomInfo Room::info(std::uint64_t viewer_id) const {
  std::lock_guard lock(mutex_);
  hearth::v1::RoomInfo info;
  info.set_room_id(id_);
  info.set_name(record_.name);
  info.set_topic(record_.topic);
  info.set_visibility(record_.closed ? hearth::v1::ROOM_CLOSED : hearth::v1::ROOM_OPEN);
  info.set_joined(members_.count(viewer_id) != 0);
  info.set_last_seq(record_.last_seq);
  info.set_member_count(static_cast<std::uint32_t>(members_.size()));
  info.set_online_count(online_users_);
  return info;
}

void Room::set_last_seq(std::uint64_t seq) {
  std::lock_guard lock(mutex_);
  record_.last_seq = std::max(record_.last_seq, seq);
}

hearth::v1::Event Room::presence_event(std::uint64_t user_id, const std::string& handle,
                                       bool online) const {
  hearth::v1::Event event;
  auto* presence = event.mutable_presence_changed();
  presence->set_room_id(id_);
  presence->mutable_user()->set_user_id(user_id);
  presence->mutable_user()->set_handle(handle);
  presence->set_online(online);
  return event;
}

void Room::attach(const std::shared_ptr<Session>& session, const hearth::v1::UserRef& user) {
  std::lock_guard lock(mutex_);
  // Checked under our lock: a session that closes sets closed() before detaching, so either we
  // see it closed here or its detach (which needs our lock) comes after us and removes it.
  if (session->closed()) return;
  auto it = members_.find(user.user_id());
  if (it == members_.end()) return;
  auto& connections = it->second.connections;
  if (std::find(connections.begin(), connections.end(), session) != connections.end()) return;
  connections.push_back(session);
  online_.push_back(session);
  if (connections.size() == 1) {
    ++online_users_;
    broadcast_locked(presence_event(user.user_id(), it->second.handle, true));
  }
}

void Room::detach(const Session* session, std::uint64_t user_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(online_, [session](const auto& s) { return s.get() == session; });
  auto it = members_.find(user_id);
  if (it == members_.end()) return;
  auto& connections = it->second.connections;
  const auto before = connections.size();
  std::erase_if(connections, [session](const auto& s) { return s.get() == session; });
  if (before > 0 && connections.empty()) {
    --online_users_;
    broadcast_locked(presence_event(user_id, it->second.handle, false));
  }
}

void Room::detach_user(std::uint64_t user_id) {
  std::lock_guard lock(mutex_);
  auto it = members_.find(user_id);
  if (it == members_.end()) return;
  for (const auto& connection : it->second.connections) {
    std::erase_if(online_, [&](const auto& s) { return s == connection; });
  }
  if (!it->second.connections.empty()) --online_users_;
  it->second.connections.clear();
}

namespace {

protocol::SharedFrame serialize_event(const hearth::v1::Event& event) {
  hearth::v1::ServerFrame frame;
  *frame.mutable_event() = event;
  return protocol::make_shared_frame(frame);
}

}  // namespace

void Room::broadcast(const hearth::v1::Event& event) {
  protocol::SharedFrame bytes = serialize_event(event);
  if (BroadcastBatch* batch = BroadcastBatch::current()) return batch->add(shared_from_this(), bytes);
  std::lock_guard lock(mutex_);
  deliver_locked(bytes);
}

void Room::deliver(const protocol::SharedFrame& frames, std::size_t events) {
  std::lock_guard lock(mutex_);
  deliver_locked(frames, events);
}

void Room::broadcast_locked(const hearth::v1::Event& event) {
  if (!online_.empty()) deliver_locked(serialize_event(event));
}

void Room::deliver_locked(const protocol::SharedFrame& bytes, std::size_t events) {
  // Session::send never takes a room lock, so calling it under ours cannot deadlock.
  for (const auto& session : online_) session->send(bytes);
  metrics_.fanout_deliveries.fetch_add(online_.size() * events, std::memory_order_relaxed);
}

}  // namespace hearth::server
