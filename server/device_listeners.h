// Which connections speak for which direct-message device (AttachDeviceRequest), so a copy
// queued for a device is pushed to it at once. A device may be attached on several connections
// (a restarted client before the old socket times out); each gets the push and acknowledges.
// Thread-safe (one mutex); closed connections are dropped lazily.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "protocol/frame_codec.h"
#include "server/storage/direct_records.h"

namespace hearth::server {

class Session;

class DeviceListeners {
 public:
  void attach(std::uint64_t device_id, const std::shared_ptr<Session>& session);
  // Sends `frame` to every open connection attached to `device_id`; returns how many got it.
  std::size_t push(std::uint64_t device_id, const protocol::SharedFrame& frame);
  // The device was removed: its connections stop hearing about it.
  void forget(std::uint64_t device_id);

 private:
  std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::vector<std::weak_ptr<Session>>> by_device_;
};

// A DirectMessage event with `delivery` to the connections attached to its device.
void push_direct_message(DeviceListeners& listeners, const storage::DirectDelivery& delivery);

}  // namespace hearth::server
