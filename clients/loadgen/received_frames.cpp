#include "clients/loadgen/received_frames.h"

#include "protocol/frame_codec.h"

namespace hearth::loadgen {

namespace {

constexpr std::size_t kArenaFirstBlockBytes = 16 * 1024;

}  // namespace

ReceivedFrames::ReceivedFrames() = default;
ReceivedFrames::~ReceivedFrames() = default;

void ReceivedFrames::clear() {
  frames_.clear();
  if (arena_used_) {
    arena_->Reset();
    arena_used_ = false;
  }
}

google::protobuf::Arena& ReceivedFrames::arena() {
  if (!arena_) {
    first_block_ = std::make_unique_for_overwrite<char[]>(kArenaFirstBlockBytes);
    google::protobuf::ArenaOptions options;
    options.initial_block = first_block_.get();
    options.initial_block_size = kArenaFirstBlockBytes;
    arena_ = std::make_unique<google::protobuf::Arena>(options);
  }
  arena_used_ = true;
  return *arena_;
}

bool ReceivedFrames::add_message(std::string_view message, std::size_t max_frame_bytes) {
  while (!message.empty()) {
    std::string_view framed, body;
    if (!take_server_frame(message, framed, body)) return false;
    ReceivedFrame frame;
    if (body.size() <= max_frame_bytes && scan_posted_message(body, frame.posted_)) {
      frame.posts_message_ = true;
      frames_.push_back(frame);
    } else if (!add_parsed(framed, max_frame_bytes)) {
      return false;
    }
  }
  return true;
}

// The codec's own parse, so that a frame the scanner leaves alone gets protobuf's full answer
// within the codec's limits (size, nesting, UTF-8).
bool ReceivedFrames::add_parsed(std::string_view framed, std::size_t max_frame_bytes) {
  protocol::DecodeLimits limits;
  limits.max_frame_bytes = max_frame_bytes;
  hearth::v1::ServerFrame* parsed = nullptr;
  const bool ok = protocol::decode_server_frames_into(
      framed,
      [this, &parsed]() -> hearth::v1::ServerFrame& {
        parsed = google::protobuf::Arena::CreateMessage<hearth::v1::ServerFrame>(&arena());
        return *parsed;
      },
      limits);
  if (!ok) return false;
  ReceivedFrame frame;
  frame.parsed_ = parsed;
  if (parsed->has_event() && parsed->event().has_message_posted()) {
    const auto& message = parsed->event().message_posted();
    frame.posts_message_ = true;
    frame.posted_ = {message.seq(), message.text()};
  }
  frames_.push_back(frame);
  return true;
}

}  // namespace hearth::loadgen
