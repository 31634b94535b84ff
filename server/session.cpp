#include "server/session.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <cstring>

#include "server/connection_lifecycle.h"
#include "server/log.h"
#include "server/request_router.h"
#include "server/security_headers.h"
#include "server/server_context.h"

namespace hearth::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace ws = protocol::websocket;

namespace {

std::atomic<std::uint64_t> g_next_session_id{1};

// A flooding client gets RATE_LIMITED answers for a while; one that keeps going after this
// many in a row is not a person and is disconnected.
constexpr unsigned kRateLimitedBeforeClose = 100;
// How long a closing peer gets to answer our close frame before the socket is simply dropped.
// A write of more frames than this copies them into one buffer: Asio walks a long buffer
// sequence in a way that costs O(buffers^2) (seen as 470 us of CPU per write with ~6,000 small
// frames queued), while copying small frames is cheap. Few (large) frames are still gathered.
constexpr std::size_t kMaxGatherFrames = 16;
// Bytes read from a socket in one go, into a buffer each network thread shares among all of its
// connections: a connection keeps only the unfinished tail of a frame.
constexpr std::size_t kReadChunkBytes = 64 * 1024;
// The unfinished-frame buffer is given back once it grew past this (a large message came in).
constexpr std::size_t kMaxKeptPartialBytes = 4 * 1024;
// The buffer of a write the kernel could not take at once is given back past this.
constexpr std::size_t kMaxKeptUnsentBytes = 64 * 1024;

char* read_chunk() {
  thread_local std::unique_ptr<char[]> chunk(new char[kReadChunkBytes]);
  return chunk.get();
}

std::string& coalescing_buffer() {
  thread_local std::string buffer;
  return buffer;
}

}  // namespace

Session::Session(boost::asio::ip::tcp::socket&& socket, ServerContext& context, std::string address)
    : context_(context),
      socket_(std::move(socket)),
      strand_(socket_.get_executor()),
      id_(g_next_session_id.fetch_add(1, std::memory_order_relaxed)),
      address_(std::move(address)),
      parser_(context.config.max_frame_bytes),
      queue_(std::min(context.config.max_unauthenticated_outbound_bytes, context.config.max_outbound_bytes)),
      request_budget_(context.config.requests_per_second, 2 * context.config.requests_per_second) {}

Session::~Session() = default;

void Session::start(http::request<http::string_body> request) {
  context_.metrics.connections_open.fetch_add(1, std::memory_order_relaxed);
  context_.metrics.connections_total.fetch_add(1, std::memory_order_relaxed);
  context_.sessions.track(shared_from_this(), id_);

  namespace websocket = beast::websocket;
  handshake_ = std::make_unique<Handshake>(socket_);
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = std::chrono::seconds(10);
  timeouts.idle_timeout = websocket::stream_base::none();  // the session's own idle check takes over
  timeouts.keep_alive_pings = false;
  handshake_->set_option(timeouts);
  handshake_->set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
    apply_security_headers(response);
    response.set(http::field::sec_websocket_protocol, protocol::kSubprotocol);
  }));

  context_.sweeper.schedule(
      shared_from_this(),
      std::chrono::steady_clock::now() + std::chrono::seconds(context_.config.auth_timeout_seconds),
      DeadlineSweeper::Action::kAuthDeadline);
  handshake_->async_accept(request, beast::bind_front_handler(&Session::on_accept, shared_from_this()));
}

void Session::on_accept(beast::error_code ec) {
  // Beast's stream is done; it goes away outside its own completion handler.
  boost::asio::post(strand_, [handshake = std::move(handshake_)] {});
  if (ec) {
    log::debug("session.handshake_failed", {{"conn", id_}, {"error", ec.message()}});
    tear_down();
    return;
  }
  socket_.non_blocking(true, ec);  // writes and follow-up reads try the kernel without waiting
  if (ec) {
    tear_down();
    return;
  }
  log::debug("session.open", {{"conn", id_}});
  last_heard_ = std::chrono::steady_clock::now();
  schedule_idle_check(last_heard_ + std::chrono::seconds(context_.config.idle_timeout_seconds) / 2);
  read_next();
}

void Session::read_next() {
  // An idle connection waits with only the 64-byte peek buffer; Asio tries the read at once
  // before it waits on the reactor, so no readiness is ever missed.
  socket_.async_read_some(boost::asio::buffer(peek_),
                          beast::bind_front_handler(&Session::on_readable, shared_from_this()));
}

void Session::on_readable(beast::error_code ec, std::size_t bytes) {
  if (ec || torn_down_) {
    tear_down();  // end of stream, a reset, or our own close
    return;
  }
  last_heard_ = std::chrono::steady_clock::now();
  pinged_ = false;
  if (discard_input_) {
    // Bytes after a close or a framing error mean nothing; drain them (an unread receive buffer
    // would turn our close into a reset) until the peer's FIN ends the read with an error.
    char* sink = read_chunk();
    beast::error_code ignored;
    socket_.read_some(boost::asio::buffer(sink, kReadChunkBytes), ignored);
    read_next();
    return;
  }

  // Everything that arrived so far, after the tail of an unfinished frame if there is one. A peek
  // that filled up means more may be waiting: one non-blocking read fetches it.
  char* chunk = read_chunk();
  std::memcpy(chunk, peek_.data(), bytes);
  std::size_t have = bytes;
  if (bytes == peek_.size()) {
    beast::error_code ignored;  // would_block, or an error the next read reports
    have += socket_.read_some(boost::asio::buffer(chunk + have, kReadChunkBytes - have), ignored);
  }
  if (partial_input_.empty()) {
    const std::size_t used = consume_frames({chunk, have});
    partial_input_.assign(chunk + used, have - used);
  } else {
    partial_input_.append(chunk, have);
    const std::size_t used = consume_frames({partial_input_.data(), partial_input_.size()});
    partial_input_.erase(0, used);
  }
  if (partial_input_.capacity() > kMaxKeptPartialBytes && partial_input_.size() <= kMaxKeptPartialBytes) {
    partial_input_.shrink_to_fit();
  }
  if (pong_due_) write_next();  // one pong for every ping in this read, unless a write waits
  if (!torn_down_) read_next();
}

std::size_t Session::consume_frames(std::span<char> input) {
  using Kind = ws::ClientFrameParser::Result::Kind;
  std::size_t used = 0;
  while (!torn_down_ && !discard_input_) {
    const auto frame = parser_.next(input.subspan(used));
    used += frame.consumed;
    switch (frame.kind) {
      case Kind::kNeedMore:
        return used;
      case Kind::kProgress:
      case Kind::kPong:
        break;
      case Kind::kMessage:
        if (frame.text) {
          begin_close(ws::close_code::kUnsupportedData, "hearth.v1 accepts binary messages only");
        } else {
          handle_message(frame.payload);
        }
        break;
      case Kind::kPing:
        pending_pong_.assign(frame.payload);  // only the most recent ping needs its pong
        pong_due_ = true;
        break;
      case Kind::kClose:
        answer_peer_close(frame.code);
        return used;
      case Kind::kError:
        // The byte stream cannot be trusted past a framing error: drop the rest, say why in the
        // close frame, and end the connection once it is out.
        if (frame.code == ws::close_code::kTooBig) {
          log::info("session.frame_too_big", {{"conn", id_}, {"limit", context_.config.max_frame_bytes}});
        } else {
          log::info("session.protocol_error", {{"conn", id_}, {"error", std::string(frame.reason)}});
        }
        context_.metrics.websocket_protocol_errors.fetch_add(1, std::memory_order_relaxed);
        discard_input_ = true;
        end_after_close_ = true;
        begin_close(frame.code, std::string(frame.reason));
        return input.size();
    }
  }
  return used;
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
  respond(frame);
}

void Session::handle_message(std::string_view payload) {
  context_.metrics.frames_in.fetch_add(1, std::memory_order_relaxed);
  // The connection is on its way out: no new work. The request gets no response, and a client
  // knows from that (before the close frame) that it was not carried out.
  if (closing_ || close_decided_.load(std::memory_order_acquire)) return;
  unanswered_requests_.fetch_add(1, std::memory_order_seq_cst);  // until respond() answers it
  hearth::v1::ClientFrame frame;
  protocol::DecodeLimits limits;
  limits.max_frame_bytes = context_.config.max_frame_bytes;
  std::string decode_problem;
  const protocol::DecodeStatus status = protocol::decode_client_frame(payload, frame, limits, &decode_problem);

  std::chrono::milliseconds retry_after{0};
  if (!request_budget_.try_take(std::chrono::steady_clock::now(), retry_after)) {
    context_.metrics.rate_limited.fetch_add(1, std::memory_order_relaxed);
    reject(status == protocol::DecodeStatus::kMalformed ? 0 : frame.request_id(),
           hearth::v1::RATE_LIMITED, "too many requests; slow down",
           static_cast<std::uint32_t>(retry_after.count()));
    if (++consecutive_rate_limited_ > kRateLimitedBeforeClose) {
      log::warn("session.flood_closed", {{"conn", id_}});
      begin_close(protocol::close_code::kRateLimited, "too many requests");
    }
    return;
  }
  consecutive_rate_limited_ = 0;

  if (status != protocol::DecodeStatus::kOk) {
    reject(status == protocol::DecodeStatus::kMalformed ? 0 : frame.request_id(),
           hearth::v1::INVALID_ARGUMENT,
           decode_problem.empty() ? std::string(protocol::describe(status)) : std::move(decode_problem));
    return;
  }
  if (frame.request_id() == 0) {
    reject(0, hearth::v1::INVALID_ARGUMENT, "request_id must be non-zero");
    return;
  }
  dispatch_request(context_, shared_from_this(), std::move(frame));
}

void Session::send(const hearth::v1::ServerFrame& frame) { send(protocol::make_shared_frame(frame)); }

void Session::send(protocol::SharedFrame frame) { on_push(queue_.push(std::move(frame))); }

void Session::respond(const hearth::v1::ServerFrame& frame) {
  on_push(queue_.push_response(protocol::make_shared_frame(frame)));
  // The last answer a closing connection waited for: now its close frame may follow.
  if (unanswered_requests_.fetch_sub(1, std::memory_order_seq_cst) <= 1 &&
      close_decided_.load(std::memory_order_seq_cst)) {
    boost::asio::post(strand_, [self = shared_from_this()] { self->write_next(); });
  }
}

void Session::on_push(OutboundQueue::PushResult result) {
  switch (result) {
    case OutboundQueue::PushResult::kScheduleWrite:
      boost::asio::post(strand_, [self = shared_from_this()] { self->write_next(); });
      break;
    case OutboundQueue::PushResult::kOverflow:
      close_decided_.store(true, std::memory_order_seq_cst);  // read no more requests meanwhile
      context_.metrics.slow_consumer_disconnects.fetch_add(1, std::memory_order_relaxed);
      log::warn("session.slow_consumer", {{"conn", id_}, {"authenticated", authenticated()}});
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

void Session::queue_control(const std::string& frame) {
  control_out_ += frame;
  queue_.count_control(frame.size());
}

void Session::write_next() {
  while (!writing_ && !torn_down_) {
    if (pong_due_ && !close_sent_) queue_control(ws::control_frame(ws::Opcode::kPong, pending_pong_));
    pong_due_ = false;
    const bool data = queue_.take_batch(in_flight_);
    if (!data && closing_ && !close_sent_ && close_code_ != 0 &&
        unanswered_requests_.load(std::memory_order_seq_cst) <= 0) {
      // Every request read has its answer out: now why the connection closes, then the close frame.
      if (!farewell_queued_) {
        farewell_queued_ = true;
        queue_farewell();
        continue;
      }
      queue_control(ws::close_frame(close_code_, close_reason_));
      close_sent_ = true;
    }
    if (!data && control_out_.empty()) {
      if (close_sent_ && end_after_close_ && !fin_sent_) {
        fin_sent_ = true;
        beast::error_code ignored;
        socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
      }
      return;
    }

    // One gather write: control frames, then one binary message carrying every queued frame.
    std::array<boost::asio::const_buffer, kMaxGatherFrames + 2> buffers;
    std::size_t count = 0;
    if (!control_out_.empty()) buffers[count++] = boost::asio::buffer(control_out_);
    std::size_t data_bytes = 0;
    for (const auto& frame : in_flight_) data_bytes += frame->size();
    in_flight_bytes_ = control_out_.size() + data_bytes;
    std::uint8_t header[ws::kMaxServerHeaderBytes];
    if (data) {
      buffers[count++] = boost::asio::buffer(header, ws::write_frame_header(ws::Opcode::kBinary, data_bytes, header));
      if (in_flight_.size() <= kMaxGatherFrames) {
        for (const auto& frame : in_flight_) buffers[count++] = boost::asio::buffer(*frame);
      } else {
        std::string& coalesced = coalescing_buffer();
        coalesced.clear();
        for (const auto& frame : in_flight_) coalesced.append(*frame);
        buffers[count++] = boost::asio::buffer(coalesced);
      }
    }
    const std::span<const boost::asio::const_buffer> sequence(buffers.data(), count);
    const std::size_t total = boost::asio::buffer_size(sequence);

    beast::error_code ec;
    std::size_t written = socket_.write_some(sequence, ec);
    if (ec == boost::asio::error::would_block || ec == boost::asio::error::try_again) {
      ec = {};
      written = 0;
    }
    if (ec) {
      on_write(ec, 0);
      return;
    }
    if (written == total) {
      control_out_.clear();
      finish_write(total);
      continue;
    }
    // The kernel took only part (a reader that is behind): the rest waits on the reactor.
    unsent_.clear();
    unsent_.reserve(total - written);
    std::size_t skip = written;
    for (const auto& buffer : sequence) {
      const std::size_t from = std::min(skip, buffer.size());
      skip -= from;
      unsent_.append(static_cast<const char*>(buffer.data()) + from, buffer.size() - from);
    }
    control_out_.clear();
    in_flight_.clear();  // the copy is all the write needs
    written_before_wait_ = written;
    writing_ = true;
    boost::asio::async_write(socket_, boost::asio::buffer(unsent_),
                             beast::bind_front_handler(&Session::on_write, shared_from_this()));
    return;
  }
}

void Session::on_write(beast::error_code ec, std::size_t bytes) {
  writing_ = false;
  if (unsent_.capacity() > kMaxKeptUnsentBytes) std::string().swap(unsent_);
  if (ec) {
    in_flight_.clear();
    control_out_.clear();
    queue_.close();  // the read side notices the dead socket and tears down
    return;
  }
  finish_write(written_before_wait_ + bytes);
  write_next();
}

void Session::finish_write(std::size_t bytes) {
  queue_.written(in_flight_bytes_);
  in_flight_bytes_ = 0;
  in_flight_.clear();
  context_.metrics.websocket_writes.fetch_add(1, std::memory_order_relaxed);
  context_.metrics.bytes_out.fetch_add(bytes, std::memory_order_relaxed);
}

void Session::close(std::uint16_t code, std::string reason) {
  boost::asio::post(strand_, [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
    self->begin_close(code, std::move(reason));
  });
}

void Session::begin_close(std::uint16_t code, std::string reason) {
  if (closing_ || torn_down_) return;
  closing_ = true;
  close_decided_.store(true, std::memory_order_seq_cst);
  queue_.seal();  // no more events; the responses still owed and the farewell go out first
  close_code_ = code;
  close_reason_ = std::move(reason);  // a close frame carries 123 bytes of it; the event has it whole
  log::info("session.closing", {{"conn", id_}, {"code", static_cast<unsigned>(code)}});
  context_.sweeper.schedule(shared_from_this(), close_deadline(),
                            DeadlineSweeper::Action::kHardClose);
  write_next();
}

std::chrono::steady_clock::time_point Session::close_deadline() const {
  return std::chrono::steady_clock::now() + std::chrono::seconds(context_.config.close_grace_seconds);
}

void Session::queue_farewell() {
  hearth::v1::ServerFrame goodbye;
  goodbye.mutable_event()->mutable_disconnecting()->set_close_code(close_code_);
  goodbye.mutable_event()->mutable_disconnecting()->set_reason(close_reason_);
  // Past the byte cap too: a slow consumer that reads again within the grace learns why it was cut.
  if (queue_.push_farewell(protocol::make_shared_frame(goodbye)) != OutboundQueue::PushResult::kClosed) {
    context_.metrics.frames_out.fetch_add(1, std::memory_order_relaxed);
  }
}

void Session::answer_peer_close(std::uint16_t code) {
  // The peer wants nothing more: drop what is queued, echo its close, then end TCP from our side.
  discard_input_ = true;
  end_after_close_ = true;
  queue_.close();
  if (!close_sent_) {
    close_sent_ = true;
    queue_control(code == ws::close_code::kNoStatus ? ws::control_frame(ws::Opcode::kClose, {})
                                                     : ws::close_frame(code, {}));
  }
  if (!closing_) {
    closing_ = true;
    context_.sweeper.schedule(shared_from_this(), close_deadline(),
                              DeadlineSweeper::Action::kHardClose);
  }
  write_next();
}

void Session::hard_close() {
  boost::asio::post(strand_, [self = shared_from_this()] { self->tear_down(); });
}

void Session::on_auth_deadline() {
  boost::asio::post(strand_, [self = shared_from_this()] {
    if (self->identity_ || self->closing_ || self->torn_down_) return;
    if (self->auth_in_progress && !self->auth_deadline_passed_) {
      // An attempt being checked (a password hash waiting its turn) gets one more period to
      // finish; whatever the connection sends, it is closed at the end of that period.
      self->auth_deadline_passed_ = true;
      self->context_.sweeper.schedule(self, std::chrono::steady_clock::now() + std::chrono::seconds(
                                                self->context_.config.auth_timeout_seconds),
                                      DeadlineSweeper::Action::kAuthDeadline);
      return;
    }
    self->close_for_auth_deadline();
  });
}

void Session::finish_auth_attempt() {
  auth_in_progress = false;
  if (auth_deadline_passed_ && !identity_) close_for_auth_deadline();
}

void Session::close_for_auth_deadline() {
  if (closing_ || torn_down_) return;
  context_.metrics.auth_timeouts.fetch_add(1, std::memory_order_relaxed);
  begin_close(protocol::close_code::kAuthTimeout,
              "authenticate within " + std::to_string(context_.config.auth_timeout_seconds) + " seconds");
}

void Session::schedule_idle_check(std::chrono::steady_clock::time_point when) {
  context_.sweeper.schedule(shared_from_this(), when, DeadlineSweeper::Action::kIdleCheck);
}

void Session::on_idle_check() {
  boost::asio::post(strand_, [self = shared_from_this()] {
    if (self->torn_down_) return;
    const auto idle_timeout = std::chrono::seconds(self->context_.config.idle_timeout_seconds);
    const auto silent = std::chrono::steady_clock::now() - self->last_heard_;
    if (silent >= idle_timeout) {
      log::info("session.idle_timeout", {{"conn", self->id_}});
      self->context_.metrics.idle_timeouts.fetch_add(1, std::memory_order_relaxed);
      self->tear_down();
      return;
    }
    // Silent for half the timeout: a ping, which any WebSocket peer answers on its own.
    if (silent >= idle_timeout / 2 && !self->pinged_ && !self->close_sent_) {
      self->pinged_ = true;
      self->queue_control(ws::control_frame(ws::Opcode::kPing, {}));
      self->write_next();
    }
    self->schedule_idle_check(self->last_heard_ + (self->pinged_ ? idle_timeout : idle_timeout / 2));
  });
}

void Session::set_identity(Identity identity) {
  identity_ = std::move(identity);
  queue_.set_cap(context_.config.max_outbound_bytes);  // a stranger's cap was the small one
  authenticated_.store(true, std::memory_order_release);
}

void Session::tear_down() {
  if (torn_down_.exchange(true)) return;
  closed_.store(true, std::memory_order_release);
  queue_.close();
  beast::error_code ignored;
  socket_.close(ignored);  // a pending read completes with operation_aborted
  release_connection(context_, *this);
  context_.metrics.connections_open.fetch_sub(1, std::memory_order_relaxed);
  log::debug("session.closed", {{"conn", id_}});
}

}  // namespace hearth::server
