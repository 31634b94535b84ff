// A connection's byte-capped queue of shared, already-serialized frames.
// Thread-safe: any thread may push (fan-out, responses); the session's strand takes batches.
// The cap counts queued bytes plus bytes of the batch being written, so a reader that stops
// reading is detected however the bytes are split.
#pragma once

#include <cstddef>
#include <mutex>
#include <vector>

#include "protocol/frame_codec.h"

namespace hearth::server {

class OutboundQueue {
 public:
  explicit OutboundQueue(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  enum class PushResult {
    kQueued,         // appended; a write is already scheduled
    kScheduleWrite,  // appended to an idle queue: the caller must schedule one write
    kOverflow,       // would pass the cap: not appended; what was queued is dropped and the
                     // queue is sealed, waiting for the farewell
    kClosed,         // the queue was sealed or closed earlier: dropped
  };
  PushResult push(protocol::SharedFrame frame);
  // Appends the last frame a connection gets before its close frame (the Disconnecting event),
  // past the cap and past a seal (a slow consumer must still learn why it is cut), then seals:
  // later pushes are refused, but what is queued is kept, so a closing connection still gets the
  // frames it was promised (e.g. the response to its logout). Only a closed queue refuses it.
  PushResult push_farewell(protocol::SharedFrame frame);

  // Moves every queued frame into `batch` (cleared first) for one write. Returns false, leaving
  // the queue idle, when there is nothing to write.
  bool take_batch(std::vector<protocol::SharedFrame>& batch);
  // The write of `bytes` finished; they leave the accounting.
  void written(std::size_t bytes);

  // Drops everything queued and refuses later pushes.
  void close();
  std::size_t bytes() const;

 private:
  PushResult append(protocol::SharedFrame frame);  // mutex held
  void drop_queued();                              // mutex held

  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::vector<protocol::SharedFrame> frames_;
  std::size_t bytes_ = 0;  // queued + in flight
  bool write_scheduled_ = false;
  bool sealed_ = false;  // no more pushes but the farewell
  bool closed_ = false;  // nothing more at all
};

}  // namespace hearth::server
