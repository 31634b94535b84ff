#include "server/session.h"

#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "server/connection_lifecycle.h"
#include "server/log.h"
#include "server/request_router.h"
#include "server/server_context.h"

namespace hearth::server {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace http = beast::http;

namespace {

std::atomic<std::uint64_t> g_next_session_id{1};

// A flooding client gets RATE_LIMITED answers for a while; one that keeps going after this
// many in a row is not a person and is disconnected.
constexpr unsigned kRateLimitedBeforeClose = 100;
// How long a closing peer gets to answer our close frame before the socket is simply dropped.
constexpr auto kCloseGrace = std::chrono::seconds(3);
// A write of more buffers than this copies them into one: Beast and Asio walk a long buffer
// sequence in a way that costs O(buffers²) per message (seen as 470 µs of CPU per message with
// ~6,000 small frames queued), while copying small frames is cheap. Few buffers (large frames)
// are still written as a gather, without copying.
constexpr std::size_t kMaxGatherBuffers = 16;
// The first read of a message asks for at most this many bytes (see read_next).
constexpr std::size_t kFirstReadBytes = 256;
// The read buffer is kept between messages unless a large message grew it past this.
constexpr std::size_t kMaxKeptReadBytes = 1024;
// The coalescing buffer is kept between writes, unless it grew past this.
constexpr std::size_t kMaxKeptCoalesceBytes = 64 * 1024;

}  // namespace

Session::Session(boost::asio::ip::tcp::socket&& socket, ServerContext& context, std::string address)
    : context_(context),
      ws_(std::move(socket)),
      strand_(ws_.get_executor()),
      id_(g_next_session_id.fetch_add(1, std::memory_order_relaxed)),
      address_(std::move(address)),
      queue_(context.config.max_outbound_bytes),
      request_budget_(context.config.requests_per_second, 2 * context.config.requests_per_second) {}

Session::~Session() = default;

void Session::start(http::request<http::string_body> request) {
  context_.metrics.connections_open.fetch_add(1, std::memory_order_relaxed);
  context_.metrics.connections_total.fetch_add(1, std::memory_order_relaxed);
  context_.sessions.track(shared_from_this(), id_);

  // Handshake and close handshakes are bounded, and a silent peer is pinged at half the idle
  // time and dropped at the full time.
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = std::chrono::seconds(10);
  timeouts.idle_timeout = std::chrono::seconds(context_.config.idle_timeout_seconds);
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
  ws_.read_message_max(context_.config.max_frame_bytes);
  ws_.auto_fragment(false);  // one message, one frame: the gather-write stays one syscall
  ws_.binary(true);
  ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
    response.set(http::field::server, "hearthd");
    response.set(http::field::sec_websocket_protocol, protocol::kSubprotocol);
  }));

  context_.sweeper.schedule(
      shared_from_this(),
      std::chrono::steady_clock::now() + std::chrono::seconds(context_.config.auth_timeout_seconds),
      DeadlineSweeper::Action::kAuthDeadline);
  ws_.async_accept(request, beast::bind_front_handler(&Session::on_accept, shared_from_this()));
}

void Session::on_accept(beast::error_code ec) {
  if (ec) {
    log::debug("session.handshake_failed", {{"conn", id_}, {"error", ec.message()}});
    tear_down();
    return;
  }
  log::debug("session.open", {{"conn", id_}});
  read_next();
}

void Session::read_next() {
  // An idle connection waits with only kFirstReadBytes of buffer (Beast would otherwise set
  // aside 1.5 KiB per connection before any byte arrives); most requests fit, and the rest of
  // a larger message is read by read_rest().
  ws_.async_read_some(read_buffer_, kFirstReadBytes,
                      beast::bind_front_handler(&Session::on_read, shared_from_this()));
}

void Session::read_rest() {
  ws_.async_read(read_buffer_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
}

void Session::on_read(beast::error_code ec, std::size_t) {
  if (!ec && !ws_.is_message_done()) {
    read_rest();
    return;
  }
  if (ec) {
    if (ec == websocket::error::message_too_big) {
      log::info("session.frame_too_big", {{"conn", id_}, {"limit", context_.config.max_frame_bytes}});
    }
    tear_down();
    return;
  }
  if (!ws_.got_binary()) {
    read_buffer_.clear();
    begin_close(websocket::close_code::unknown_data, "hearth.v1 accepts binary messages only");
  } else {
    handle_message();
  }
  read_next();
}

void Session::reject(std::uint32_t request_id, hearth::v1::ErrorCode code, std::string message,
                     std::uint32_t retry_after_ms) {
  hearth::v1::ServerFrame frame;
  auto* response = frame.mutable_response();
  response->set_request_id(request_id);
  response->mutable_error()->set_code(code);
  response->mutable_error()->set_message(std::move(message));
  response->mutable_error()->set_retry_after_ms(retry_after_ms);
  context_.metrics.count_error(code);
  send(frame);
}

void Session::handle_message() {
  context_.metrics.frames_in.fetch_add(1, std::memory_order_relaxed);
  const auto data = read_buffer_.cdata();
  hearth::v1::ClientFrame frame;
  protocol::DecodeLimits limits;
  limits.max_frame_bytes = context_.config.max_frame_bytes;
  const protocol::DecodeStatus status = protocol::decode_client_frame(
      std::string_view(static_cast<const char*>(data.data()), data.size()), frame, limits);
  read_buffer_.consume(read_buffer_.size());
  if (read_buffer_.capacity() > kMaxKeptReadBytes) read_buffer_.shrink_to_fit();
  if (closing_) return;  // the connection is on its way out: no new work

  std::chrono::milliseconds retry_after{0};
  if (!request_budget_.try_take(std::chrono::steady_clock::now(), retry_after)) {
    context_.metrics.rate_limited.fetch_add(1, std::memory_order_relaxed);
    if (++consecutive_rate_limited_ > kRateLimitedBeforeClose) {
      log::warn("session.flood_closed", {{"conn", id_}});
      begin_close(protocol::close_code::kRateLimited, "too many requests");
      return;
    }
    reject(status == protocol::DecodeStatus::kMalformed ? 0 : frame.request_id(),
           hearth::v1::RATE_LIMITED, "too many requests; slow down",
           static_cast<std::uint32_t>(retry_after.count()));
    return;
  }
  consecutive_rate_limited_ = 0;

  if (status != protocol::DecodeStatus::kOk) {
    reject(status == protocol::DecodeStatus::kMalformed ? 0 : frame.request_id(),
           hearth::v1::INVALID_ARGUMENT, std::string(protocol::describe(status)));
    return;
  }
  if (frame.request_id() == 0) {
    reject(0, hearth::v1::INVALID_ARGUMENT, "request_id must be non-zero");
    return;
  }
  dispatch_request(context_, shared_from_this(), std::move(frame));
}

void Session::send(const hearth::v1::ServerFrame& frame) { send(protocol::make_shared_frame(frame)); }

void Session::send(protocol::SharedFrame frame) {
  switch (queue_.push(std::move(frame))) {
    case OutboundQueue::PushResult::kScheduleWrite:
      boost::asio::post(strand_, [self = shared_from_this()] { self->write_next(); });
      break;
    case OutboundQueue::PushResult::kOverflow:
      context_.metrics.slow_consumer_disconnects.fetch_add(1, std::memory_order_relaxed);
      log::warn("session.slow_consumer", {{"conn", id_}, {"cap_bytes", context_.config.max_outbound_bytes}});
      close(protocol::close_code::kSlowConsumer,
            "outbound queue over its cap: reconnect and resync with history after_seq");
      return;
    case OutboundQueue::PushResult::kQueued:
      break;
    case OutboundQueue::PushResult::kClosed:
      return;
  }
  context_.metrics.frames_out.fetch_add(1, std::memory_order_relaxed);
}

void Session::write_next() {
  if (writing_) return;
  if (!queue_.take_batch(in_flight_)) {
    if (closing_) send_close_frame();
    return;
  }
  in_flight_buffers_.clear();
  in_flight_bytes_ = 0;
  for (const auto& frame : in_flight_) in_flight_bytes_ += frame->size();
  if (in_flight_.size() <= kMaxGatherBuffers) {
    for (const auto& frame : in_flight_) in_flight_buffers_.emplace_back(frame->data(), frame->size());
  } else {
    coalesced_.clear();
    coalesced_.reserve(in_flight_bytes_);
    for (const auto& frame : in_flight_) coalesced_.append(*frame);
    in_flight_.clear();  // the copies are all the write needs
    in_flight_buffers_.emplace_back(coalesced_.data(), coalesced_.size());
  }
  writing_ = true;
  ws_.async_write(in_flight_buffers_,
                  beast::bind_front_handler(&Session::on_write, shared_from_this()));
}

void Session::on_write(beast::error_code ec, std::size_t bytes) {
  writing_ = false;
  queue_.written(in_flight_bytes_);
  in_flight_.clear();
  in_flight_buffers_.clear();
  if (coalesced_.capacity() > kMaxKeptCoalesceBytes) std::string().swap(coalesced_);
  if (ec) {
    queue_.close();  // the read side notices the dead socket and tears down
    return;
  }
  context_.metrics.websocket_writes.fetch_add(1, std::memory_order_relaxed);
  context_.metrics.bytes_out.fetch_add(bytes, std::memory_order_relaxed);
  write_next();
}

void Session::close(std::uint16_t code, std::string reason) {
  boost::asio::post(strand_, [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
    self->begin_close(code, std::move(reason));
  });
}

void Session::begin_close(std::uint16_t code, std::string reason) {
  if (closing_ || torn_down_) return;
  closing_ = true;
  hearth::v1::ServerFrame goodbye;
  goodbye.mutable_event()->mutable_disconnecting()->set_close_code(code);
  goodbye.mutable_event()->mutable_disconnecting()->set_reason(reason);
  send(goodbye);  // dropped silently if the queue is already sealed (slow consumer)
  queue_.seal();
  close_reason_.emplace(code);
  // A close frame's reason holds at most 123 bytes; the Disconnecting event above has it whole.
  close_reason_->reason.assign(reason.data(), std::min(reason.size(), close_reason_->reason.max_size()));
  log::info("session.closing", {{"conn", id_}, {"code", static_cast<unsigned>(code)}});
  context_.sweeper.schedule(shared_from_this(), std::chrono::steady_clock::now() + kCloseGrace,
                            DeadlineSweeper::Action::kHardClose);
  write_next();
}

void Session::send_close_frame() {
  if (close_sent_) return;
  close_sent_ = true;
  ws_.async_close(*close_reason_, [self = shared_from_this()](beast::error_code) {
    // The pending read completes once the peer answers (or the socket drops): it tears down.
  });
}

void Session::hard_close() {
  boost::asio::post(strand_, [self = shared_from_this()] {
    if (self->torn_down_) return;
    beast::error_code ignored;
    beast::get_lowest_layer(self->ws_).close(ignored);
  });
}

void Session::on_auth_deadline() {
  boost::asio::post(strand_, [self = shared_from_this()] {
    if (self->identity_ || self->closing_ || self->torn_down_) return;
    if (self->auth_in_progress) {
      // A slow password hash is not the client's fault: give the attempt one more period.
      self->context_.sweeper.schedule(self, std::chrono::steady_clock::now() + std::chrono::seconds(
                                                self->context_.config.auth_timeout_seconds),
                                      DeadlineSweeper::Action::kAuthDeadline);
      return;
    }
    self->context_.metrics.auth_timeouts.fetch_add(1, std::memory_order_relaxed);
    self->begin_close(protocol::close_code::kAuthTimeout,
                      "authenticate within " +
                          std::to_string(self->context_.config.auth_timeout_seconds) + " seconds");
  });
}

void Session::set_identity(Identity identity) {
  identity_ = std::move(identity);
  authenticated_.store(true, std::memory_order_release);
}

void Session::tear_down() {
  if (torn_down_.exchange(true)) return;
  closed_.store(true, std::memory_order_release);
  queue_.close();
  release_connection(context_, *this);
  context_.metrics.connections_open.fetch_sub(1, std::memory_order_relaxed);
  log::debug("session.closed", {{"conn", id_}});
}

}  // namespace hearth::server
