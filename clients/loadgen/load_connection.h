// One lightweight hearth.v1 connection for the load generator: many of them share one
// single-threaded io_context (the load generator is pinned to one core), so there are no
// locks and no thread per connection. Coroutine API; everything runs on the io_context.
// Beast does the opening handshake; after it the connection frames RFC 6455 itself, so one read
// takes every message that has arrived and one write carries every request queued, and the load
// generator spends its core on counting, not on per-message machinery.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "clients/loadgen/received_frames.h"
#include "hearth/v1/frames.pb.h"
#include "protocol/websocket_framing.h"

namespace hearth::loadgen {

class LoadConnection {
 public:
  explicit LoadConnection(boost::asio::io_context& io);

  // Asks the kernel for a receive buffer of this size instead of its autotuned one; before open().
  void limit_receive_buffer(int bytes) { receive_buffer_bytes_ = bytes; }
  // Gives the connection its full-size read buffer now, written once, instead of growing it
  // inside a measured phase: for a receiver in a busy room, whose reads fill any buffer.
  void expect_backlog();
  // TCP connect and WebSocket handshake (subprotocol hearth.v1). Throws on failure.
  // `source` picks the local address (127.0.0.x spreads past one address's 28k ports).
  boost::asio::awaitable<void> open(const boost::asio::ip::tcp::endpoint& server, const std::string& host,
                                    boost::asio::ip::address_v4 source = boost::asio::ip::make_address_v4("127.0.0.1"));
  // Queues one request with a fresh request_id and returns that id; flush() sends the queue.
  std::uint32_t queue(hearth::v1::ClientFrame frame);
  // Writes everything queued in one write. A flush that finds a write under way leaves the
  // queue to it.
  boost::asio::awaitable<void> flush();
  // queue() and flush() in one.
  boost::asio::awaitable<std::uint32_t> send(hearth::v1::ClientFrame frame);
  // Waits for at least one WebSocket message and puts the frames of every message that has
  // arrived into `frames` (cleared first). Throws once the server closes (see close_code()).
  boost::asio::awaitable<void> receive(ReceivedFrames& frames);
  // Sends `frame` and reads until its response arrives; events read meanwhile are dropped.
  boost::asio::awaitable<hearth::v1::Response> call(hearth::v1::ClientFrame frame);
  void close();
  // The code of the server's close frame once a receive() ended with it, else 0.
  std::uint16_t close_code() const { return close_code_; }

 private:
  void queue_frame(protocol::websocket::Opcode opcode, std::string_view payload);
  void make_room_to_read();

  boost::asio::ip::tcp::socket socket_;
  std::unique_ptr<char[]> in_;  // bytes read: [in_begin_, in_end_) not parsed yet
  std::size_t in_capacity_ = 0;
  std::size_t in_begin_ = 0;
  std::size_t in_end_ = 0;
  bool last_read_filled_ = false;  // the last read took all the room it was given
  std::string out_;      // masked frames waiting for a write
  std::string writing_;  // the frames of the write under way
  bool write_in_progress_ = false;
  std::uint32_t next_request_id_ = 1;
  std::uint64_t mask_state_;
  std::uint16_t close_code_ = 0;
  int receive_buffer_bytes_ = 0;
};

}  // namespace hearth::loadgen
