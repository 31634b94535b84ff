// One WebSocket connection speaking hearth.v1.
// Beast performs the opening handshake; from then on the session speaks RFC 6455 framing itself
// (protocol/websocket_framing.h) straight on the socket. That keeps an idle connection small (no
// frame buffer of its own, only a 64-byte peek while it waits) and a write cheap: the frames
// queued so far leave as one WebSocket message in one non-blocking gather write, and only a
// write the kernel cannot take at once waits on the reactor.
// Runs on its own strand: members marked "strand only" are touched only there; the rest are
// thread-safe. Outbound frames go through a byte-capped queue that any thread may fill; only a
// push into an idle queue schedules a write.
#pragma once

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "hearth/v1/frames.pb.h"
#include "protocol/frame_codec.h"
#include "protocol/websocket_framing.h"
#include "server/identity.h"
#include "server/outbound_queue.h"
#include "server/rate_limiter.h"

namespace hearth::server {

struct ServerContext;

class Session : public std::enable_shared_from_this<Session> {
 public:
  // The socket's executor, a strand made by the listener: every handler of this session runs on it.
  using Executor = boost::asio::any_io_executor;

  Session(boost::asio::ip::tcp::socket&& socket, ServerContext& context, std::string address);
  ~Session();

  // Completes the WebSocket handshake for `request` (already vetted by HttpSession) and starts
  // reading. Call once, right after construction.
  void start(boost::beast::http::request<boost::beast::http::string_body> request);

  // --- thread-safe -----------------------------------------------------------------------
  // Queues a serialized event. Over the byte cap, the connection is closed as a slow consumer.
  void send(protocol::SharedFrame frame);
  void send(const hearth::v1::ServerFrame& frame);
  // Queues the one response to a request this session read. Responses are never dropped while
  // the connection can deliver them, and a closing connection writes its close frame only once
  // every request it read has its response.
  void respond(const hearth::v1::ServerFrame& frame);
  // Sends a Disconnecting event, the frames already queued, then a close frame with `code`.
  void close(std::uint16_t code, std::string reason);
  // Drops the TCP connection without ceremony: the last resort for a peer that ignores close.
  void hard_close();
  // Called by the deadline sweeper when the authentication deadline passes.
  void on_auth_deadline();
  // Called by the deadline sweeper to ping a silent peer, or drop one that stayed silent.
  void on_idle_check();

  std::uint64_t id() const { return id_; }
  const std::string& address() const { return address_; }
  Executor& strand() { return strand_; }
  bool closed() const { return closed_.load(std::memory_order_acquire); }
  bool authenticated() const { return authenticated_.load(std::memory_order_acquire); }
  // Bytes held for this peer now: queued, being written, control frames.
  std::size_t queued_bytes() const { return queue_.bytes(); }

  // --- strand only -------------------------------------------------------------------------
  const Identity* identity() const { return identity_ ? &*identity_ : nullptr; }
  void set_identity(Identity identity);
  // True while a login/register/authenticate is being processed, so a second one is refused.
  bool auth_in_progress = false;
  // Ends the attempt in progress without admitting the connection; past the authentication
  // deadline that also closes it (4002).
  void finish_auth_attempt();

 private:
  // Beast's stream only for the opening handshake, over our socket.
  using Handshake = boost::beast::websocket::stream<boost::asio::ip::tcp::socket&, false>;

  void on_accept(boost::beast::error_code ec);
  void read_next();
  void on_readable(boost::beast::error_code ec, std::size_t bytes);
  // Parses every whole frame in `input`; returns how many bytes it used.
  std::size_t consume_frames(std::span<char> input);
  void handle_message(std::string_view payload);
  void write_next();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void finish_write(std::size_t bytes);
  void begin_close(std::uint16_t code, std::string reason);
  /** When a close that begins now ends regardless (config close_grace_seconds). */
  std::chrono::steady_clock::time_point close_deadline() const;
  // Queues the Disconnecting event that says why (close_code_, close_reason_).
  void queue_farewell();
  void answer_peer_close(std::uint16_t code);
  void schedule_idle_check(std::chrono::steady_clock::time_point when);
  void tear_down();
  void close_for_auth_deadline();
  void reject(std::uint32_t request_id, hearth::v1::ErrorCode code, std::string message,
              std::uint32_t retry_after_ms = 0);
  // Handles a push the queue refused for its cap: a slow consumer is closed.
  void on_push(OutboundQueue::PushResult result);
  void queue_control(const std::string& frame);

  ServerContext& context_;
  boost::asio::ip::tcp::socket socket_;
  Executor strand_;
  const std::uint64_t id_;
  const std::string address_;
  std::unique_ptr<Handshake> handshake_;                    // strand only, until it completes
  protocol::websocket::ClientFrameParser parser_;           // strand only
  std::array<char, 64> peek_{};                             // strand only: what a wait reads first
  std::string partial_input_;                               // strand only: a frame not yet whole
  OutboundQueue queue_;
  std::vector<protocol::SharedFrame> in_flight_;            // strand only
  std::string control_out_;       // strand only: pong, ping and close frames for the next write
  // strand only: the payload of the most recent ping not yet answered. Pings that arrive while
  // a write waits on a peer that does not read share one pong (RFC 6455 5.5.3), so a ping flood
  // costs one pong, not a backlog.
  std::string pending_pong_;
  bool pong_due_ = false;                                   // strand only
  std::string unsent_;            // strand only: what the kernel did not take at once
  std::size_t in_flight_bytes_ = 0;  // strand only: queue and control bytes being written
  std::size_t written_before_wait_ = 0;  // strand only: what the kernel took before unsent_
  std::chrono::steady_clock::time_point last_heard_;        // strand only
  bool pinged_ = false;           // strand only: a keep-alive ping went out since last_heard_
  bool writing_ = false;                                    // strand only
  bool closing_ = false;          // strand only: no new requests; the queue drains, then close
  bool farewell_queued_ = false;  // strand only: the Disconnecting event is in the queue
  // strand only: the authentication deadline passed while an attempt was being checked; it may
  // finish, nothing more may start.
  bool auth_deadline_passed_ = false;
  bool close_sent_ = false;                                 // strand only
  // strand only: the peer closed, or broke the framing; what it still sends is read and dropped
  // until it ends the TCP connection (or the close grace runs out).
  bool discard_input_ = false;
  // strand only: once our close frame is out, our side of TCP is shut (FIN) too, so the peer
  // reads the close frame before anything can reset the connection.
  bool end_after_close_ = false;
  bool fin_sent_ = false;                                   // strand only
  std::uint16_t close_code_ = 0;                            // strand only
  std::string close_reason_;                                // strand only
  std::optional<Identity> identity_;                        // strand only
  TokenBucket request_budget_;                              // strand only
  unsigned consecutive_rate_limited_ = 0;                   // strand only
  // Requests read and not yet answered: the close frame waits for them.
  std::atomic<std::int64_t> unanswered_requests_{0};
  // Set once a close is decided (on any thread): no further request is read as work.
  std::atomic<bool> close_decided_{false};
  std::atomic<bool> closed_{false};
  std::atomic<bool> authenticated_{false};
  std::atomic<bool> torn_down_{false};
};

}  // namespace hearth::server
