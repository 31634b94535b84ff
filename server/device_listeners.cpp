#include "server/device_listeners.h"

#include <algorithm>

#include "server/direct_wire.h"
#include "server/session.h"

namespace hearth::server {

namespace {

bool gone(const std::weak_ptr<Session>& weak) {
  auto session = weak.lock();
  return !session || session->closed();
}

}  // namespace

void DeviceListeners::attach(std::uint64_t device_id, const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mutex_);
  auto& listeners = by_device_[device_id];
  std::erase_if(listeners, [&](const std::weak_ptr<Session>& weak) { return gone(weak) || weak.lock() == session; });
  listeners.push_back(session);
}

std::size_t DeviceListeners::push(std::uint64_t device_id, const protocol::SharedFrame& frame) {
  std::vector<std::shared_ptr<Session>> targets;
  {
    std::lock_guard lock(mutex_);
    auto found = by_device_.find(device_id);
    if (found == by_device_.end()) return 0;
    std::erase_if(found->second, gone);
    if (found->second.empty()) {
      by_device_.erase(found);
      return 0;
    }
    for (const auto& weak : found->second) {
      if (auto session = weak.lock()) targets.push_back(std::move(session));
    }
  }
  // Sent outside the lock: a send may close a slow consumer, which must not wait on us.
  for (const auto& session : targets) session->send(frame);
  return targets.size();
}

void DeviceListeners::forget(std::uint64_t device_id) {
  std::lock_guard lock(mutex_);
  by_device_.erase(device_id);
}

void push_direct_message(DeviceListeners& listeners, const storage::DirectDelivery& delivery) {
  hearth::v1::ServerFrame frame;
  *frame.mutable_event()->mutable_direct_message() = to_wire(delivery);
  listeners.push(delivery.device_id, protocol::make_shared_frame(frame));
}

}  // namespace hearth::server
