#include "server/outbound_queue.h"

namespace hearth::server {

OutboundQueue::PushResult OutboundQueue::push(protocol::SharedFrame frame) {
  std::lock_guard lock(mutex_);
  if (sealed_) return PushResult::kClosed;
  return push_capped(std::move(frame), Kind::kEvent);
}

OutboundQueue::PushResult OutboundQueue::push_response(protocol::SharedFrame frame) {
  std::lock_guard lock(mutex_);
  if (closed_) return PushResult::kClosed;
  if (sealed_) return append(std::move(frame), Kind::kResponse);  // promised before the seal
  return push_capped(std::move(frame), Kind::kResponse);
}

OutboundQueue::PushResult OutboundQueue::push_capped(protocol::SharedFrame frame, Kind kind) {
  if (bytes_ + frame->size() <= max_bytes_) return append(std::move(frame), kind);
  sealed_ = true;
  drop_queued_events();  // the memory a slow reader pinned is released now, not at teardown
  if (kind == Kind::kResponse) append(std::move(frame), kind);
  return PushResult::kOverflow;
}

OutboundQueue::PushResult OutboundQueue::push_farewell(protocol::SharedFrame frame) {
  std::lock_guard lock(mutex_);
  if (closed_) return PushResult::kClosed;
  sealed_ = true;
  return append(std::move(frame), Kind::kEvent);
}

void OutboundQueue::seal() {
  std::lock_guard lock(mutex_);
  sealed_ = true;
}

OutboundQueue::PushResult OutboundQueue::append(protocol::SharedFrame frame, Kind kind) {
  bytes_ += frame->size();
  frames_.push_back(std::move(frame));
  is_response_.push_back(kind == Kind::kResponse);
  if (write_scheduled_) return PushResult::kQueued;
  write_scheduled_ = true;
  return PushResult::kScheduleWrite;
}

void OutboundQueue::drop_queued_events() {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < frames_.size(); ++i) {
    if (is_response_[i]) {
      frames_[kept++] = std::move(frames_[i]);
    } else {
      bytes_ -= frames_[i]->size();
    }
  }
  frames_.resize(kept);
  is_response_.assign(kept, true);
}

void OutboundQueue::count_control(std::size_t bytes) {
  std::lock_guard lock(mutex_);
  bytes_ += bytes;
}

void OutboundQueue::set_cap(std::size_t max_bytes) {
  std::lock_guard lock(mutex_);
  max_bytes_ = max_bytes;
}

bool OutboundQueue::take_batch(std::vector<protocol::SharedFrame>& batch) {
  batch.clear();
  std::lock_guard lock(mutex_);
  if (frames_.empty()) {
    write_scheduled_ = false;
    return false;
  }
  batch.swap(frames_);
  is_response_.clear();
  return true;
}

void OutboundQueue::written(std::size_t bytes) {
  std::lock_guard lock(mutex_);
  bytes_ = bytes > bytes_ ? 0 : bytes_ - bytes;
}

void OutboundQueue::close() {
  std::lock_guard lock(mutex_);
  sealed_ = true;
  closed_ = true;
  frames_.clear();
  is_response_.clear();
  bytes_ = 0;  // nothing more goes out; a write in flight releases nothing further
}

std::size_t OutboundQueue::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace hearth::server
