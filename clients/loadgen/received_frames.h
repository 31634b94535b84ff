// The frames of the server messages one LoadConnection::receive() got. A posted room message (the
// frame a reader gets by the million) is read by the frame scanner without a parse; every other
// frame is parsed onto a protobuf arena. Both stay valid until the next receive() or clear():
// scanned text points into the connection's read buffer, parsed frames live on the arena.
// One thread.
#pragma once

#include <google/protobuf/arena.h>

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "clients/loadgen/frame_scanner.h"
#include "hearth/v1/frames.pb.h"

namespace hearth::loadgen {

class ReceivedFrame {
 public:
  // The room message this frame posts, or null when it posts none.
  const PostedMessage* message_posted() const { return posts_message_ ? &posted_ : nullptr; }
  // The frame as protobuf parsed it; null when the scanner read it (a posted room message, which
  // message_posted() gives either way).
  const hearth::v1::ServerFrame* parsed() const { return parsed_; }
  // The response this frame carries, or null.
  const hearth::v1::Response* response() const {
    return parsed_ != nullptr && parsed_->has_response() ? &parsed_->response() : nullptr;
  }

 private:
  friend class ReceivedFrames;
  bool posts_message_ = false;
  PostedMessage posted_;
  const hearth::v1::ServerFrame* parsed_ = nullptr;
};

class ReceivedFrames {
 public:
  ReceivedFrames();
  ~ReceivedFrames();
  ReceivedFrames(const ReceivedFrames&) = delete;
  ReceivedFrames& operator=(const ReceivedFrames&) = delete;

  using const_iterator = std::vector<ReceivedFrame>::const_iterator;
  const_iterator begin() const { return frames_.begin(); }
  const_iterator end() const { return frames_.end(); }
  bool empty() const { return frames_.empty(); }
  std::size_t size() const { return frames_.size(); }

  void clear();
  // Adds the frames of one server WebSocket message (varint-length-prefixed ServerFrames, at
  // most `max_frame_bytes` each). False if the message is malformed; the frames before the
  // fault are kept.
  bool add_message(std::string_view message, std::size_t max_frame_bytes);

 private:
  bool add_parsed(std::string_view framed, std::size_t max_frame_bytes);
  google::protobuf::Arena& arena();

  std::vector<ReceivedFrame> frames_;
  // Made on the first frame that needs a parse: most readers never need one, and a thousand
  // readers' idle arenas would only crowd the cache.
  std::unique_ptr<char[]> first_block_;
  std::unique_ptr<google::protobuf::Arena> arena_;
  bool arena_used_ = false;
};

}  // namespace hearth::loadgen
