// A connection's byte-capped queue of shared, already-serialized frames.
// Thread-safe: any thread may push (fan-out, responses); the session's strand takes batches.
// The cap counts every byte held for the peer: queued frames, the batch being written, and the
// control frames (pong, ping, close) the session writes beside them. So a reader that stops
// reading is detected however the bytes are split and whatever made them.
// Responses are promises: once a request was read, its one response is never dropped while the
// connection can still deliver it (a client must be able to trust that a request without an
// answer before the close frame was not carried out). Events are what an overflow drops.
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
    kOverflow,       // past the cap: the queue is sealed and the queued events are dropped; an
                     // event is not appended, a response is. The caller closes the connection.
    kClosed,         // refused: the queue was sealed (an event) or closed
  };
  // An event (fan-out, notices): refused once the queue is sealed.
  PushResult push(protocol::SharedFrame frame);
  // The response to a request: accepted past a seal, never dropped by an overflow.
  PushResult push_response(protocol::SharedFrame frame);
  // Appends the last frame a connection gets before its close frame (the Disconnecting event),
  // past the cap and past a seal (a slow consumer must still learn why it is cut), then seals.
  // Only a closed queue refuses it.
  PushResult push_farewell(protocol::SharedFrame frame);
  // No more events: the connection is closing. Responses and the farewell still go out.
  void seal();

  // Control frame bytes the session holds for its next write: they count against the cap until
  // written() releases them with the batch they went out with.
  void count_control(std::size_t bytes);
  // Changes the cap (an authenticated connection gets a larger one than a stranger).
  void set_cap(std::size_t max_bytes);

  // Moves every queued frame into `batch` (cleared first) for one write. Returns false, leaving
  // the queue idle, when there is nothing to write.
  bool take_batch(std::vector<protocol::SharedFrame>& batch);
  // The write of `bytes` finished; they leave the accounting.
  void written(std::size_t bytes);

  // Drops everything queued and refuses later pushes.
  void close();
  // Every byte held for the peer now (queued, being written, control frames).
  std::size_t bytes() const;

 private:
  enum class Kind { kEvent, kResponse };
  PushResult push_capped(protocol::SharedFrame frame, Kind kind);  // mutex held
  PushResult append(protocol::SharedFrame frame, Kind kind);       // mutex held
  void drop_queued_events();                                       // mutex held

  std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::vector<protocol::SharedFrame> frames_;
  std::vector<bool> is_response_;  // parallel to frames_
  std::size_t bytes_ = 0;  // queued + in flight + control
  bool write_scheduled_ = false;
  bool sealed_ = false;  // no more events
  bool closed_ = false;  // nothing more at all
};

}  // namespace hearth::server
