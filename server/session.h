// One WebSocket connection speaking hearth.v1.
// Runs on its own strand: members marked "strand only" are touched only there; the rest are
// thread-safe. Outbound frames go through a byte-capped queue that any thread may fill; only a
// push into an idle queue schedules a write, and one write carries everything queued so far as
// one WebSocket message.
#pragma once

#include <atomic>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hearth/v1/frames.pb.h"
#include "protocol/frame_codec.h"
#include "server/identity.h"
#include "server/outbound_queue.h"
#include "server/rate_limiter.h"

namespace hearth::server {

struct ServerContext;

class Session : public std::enable_shared_from_this<Session> {
 public:
  // A plain socket under the WebSocket layer: Beast's websocket timeouts bound handshakes and
  // idle peers, so tcp_stream's own timers would only cost memory and a layer on every read and
  // write. No permessage-deflate support is compiled in (compression next to secrets invites
  // CRIME-style attacks).
  using Stream = boost::beast::websocket::stream<boost::asio::ip::tcp::socket, false>;
  // The socket's executor, a strand made by the listener: every handler of this session runs on it.
  using Executor = boost::asio::any_io_executor;

  Session(boost::asio::ip::tcp::socket&& socket, ServerContext& context, std::string address);
  ~Session();

  // Completes the WebSocket handshake for `request` (already vetted by HttpSession) and starts
  // reading. Call once, right after construction.
  void start(boost::beast::http::request<boost::beast::http::string_body> request);

  // --- thread-safe -----------------------------------------------------------------------
  // Queues a serialized frame. Over the byte cap, the connection is closed as a slow consumer.
  void send(protocol::SharedFrame frame);
  void send(const hearth::v1::ServerFrame& frame);
  // Sends a Disconnecting event, the frames already queued, then a close frame with `code`.
  void close(std::uint16_t code, std::string reason);
  // Drops the TCP connection without ceremony: the last resort for a peer that ignores close.
  void hard_close();
  // Called by the deadline sweeper when the authentication deadline passes.
  void on_auth_deadline();

  std::uint64_t id() const { return id_; }
  const std::string& address() const { return address_; }
  Executor& strand() { return strand_; }
  bool closed() const { return closed_.load(std::memory_order_acquire); }
  bool authenticated() const { return authenticated_.load(std::memory_order_acquire); }

  // --- strand only -------------------------------------------------------------------------
  const Identity* identity() const { return identity_ ? &*identity_ : nullptr; }
  void set_identity(Identity identity);
  // True while a login/register/authenticate is being processed, so a second one is refused.
  bool auth_in_progress = false;

 private:
  void on_accept(boost::beast::error_code ec);
  void read_next();
  void read_rest();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void handle_message();
  void write_next();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void begin_close(std::uint16_t code, std::string reason);
  void send_close_frame();
  void tear_down();
  void reject(std::uint32_t request_id, hearth::v1::ErrorCode code, std::string message,
              std::uint32_t retry_after_ms = 0);

  ServerContext& context_;
  Stream ws_;
  Executor strand_;
  const std::uint64_t id_;
  const std::string address_;
  boost::beast::flat_buffer read_buffer_;
  OutboundQueue queue_;
  std::vector<protocol::SharedFrame> in_flight_;            // strand only
  std::vector<boost::asio::const_buffer> in_flight_buffers_;  // strand only
  std::size_t in_flight_bytes_ = 0;                         // strand only
  std::string coalesced_;  // strand only: many small frames copied into one buffer for a write
  bool writing_ = false;                                    // strand only
  bool closing_ = false;                                    // strand only
  bool close_sent_ = false;                                 // strand only
  std::optional<boost::beast::websocket::close_reason> close_reason_;  // strand only
  std::optional<Identity> identity_;                        // strand only
  TokenBucket request_budget_;                              // strand only
  unsigned consecutive_rate_limited_ = 0;                   // strand only
  std::atomic<bool> closed_{false};
  std::atomic<bool> authenticated_{false};
  std::atomic<bool> torn_down_{false};
};

}  // namespace hearth::server
