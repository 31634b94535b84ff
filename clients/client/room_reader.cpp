#include "clients/client/room_reader.h"

#include "clients/client/requests.h"

namespace hearth::client {

RoomReader::RoomReader(std::uint64_t room_id, std::uint64_t last_seen_seq, Deliver deliver)
    : room_id_(room_id), deliver_(std::move(deliver)), last_seq_(last_seen_seq) {}

void RoomReader::offer(const hearth::v1::RoomMessage& message) {
  if (message.seq() <= last_seq_) return;  // already delivered (history and live overlap)
  if (message.seq() != last_seq_ + 1) {
    early_.emplace(message.seq(), message);  // a gap: wait for history to fill it
    return;
  }
  deliver_(message);
  last_seq_ = message.seq();
  // Release whatever was waiting on this one.
  for (auto it = early_.begin(); it != early_.end() && it->first <= last_seq_ + 1;) {
    if (it->first == last_seq_ + 1) {
      deliver_(it->second);
      last_seq_ = it->first;
    }
    it = early_.erase(it);
  }
}

void RoomReader::on_event(const hearth::v1::Event& event) {
  if (!event.has_message_posted() || event.message_posted().room_id() != room_id_) return;
  std::lock_guard lock(mutex_);
  offer(event.message_posted());
}

std::string RoomReader::catch_up(Connection& connection) {
  for (;;) {
    std::uint64_t after = 0;
    {
      std::lock_guard lock(mutex_);
      after = last_seq_;
    }
    const hearth::v1::Response response = connection.call(requests::history_after(room_id_, after, 500));
    if (response.has_error()) return response.error().message();
    std::lock_guard lock(mutex_);
    for (const auto& message : response.history().messages()) offer(message);
    if (!response.history().has_more()) return {};
  }
}

std::uint64_t RoomReader::last_seq() const {
  std::lock_guard lock(mutex_);
  return last_seq_;
}

}  // namespace hearth::client
