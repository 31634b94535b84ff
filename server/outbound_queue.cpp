#include "server/outbound_queue.h"

namespace hearth::server {

OutboundQueue::PushResult OutboundQueue::push(protocol::SharedFrame frame) {
  std::lock_guard lock(mutex_);
  if (sealed_) return PushResult::kClosed;
  if (bytes_ + frame->size() > max_bytes_) {
    sealed_ = true;
    drop_queued();  // the memory a slow reader pinned is released now, not at teardown
    return PushResult::kOverflow;
  }
  return append(std::move(frame));
}

OutboundQueue::PushResult OutboundQueue::push_farewell(protocol::SharedFrame frame) {
  std::lock_guard lock(mutex_);
  if (closed_) return PushResult::kClosed;
  sealed_ = true;
  return append(std::move(frame));
}

OutboundQueue::PushResult OutboundQueue::append(protocol::SharedFrame frame) {
  bytes_ += frame->size();
  frames_.push_back(std::move(frame));
  if (write_scheduled_) return PushResult::kQueued;
  write_scheduled_ = true;
  return PushResult::kScheduleWrite;
}

void OutboundQueue::drop_queued() {
  for (const auto& frame : frames_) bytes_ -= frame->size();
  frames_.clear();
}

bool OutboundQueue::take_batch(std::vector<protocol::SharedFrame>& batch) {
  batch.clear();
  std::lock_guard lock(mutex_);
  if (frames_.empty()) {
    write_scheduled_ = false;
    return false;
  }
  batch.swap(frames_);
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
  drop_queued();
}

std::size_t OutboundQueue::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace hearth::server
