#include "clients/client/connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <thread>
#include <unordered_map>

#include "clients/client/ws_url.h"
#include "protocol/frame_codec.h"

namespace hearth::client {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using hearth::v1::Response;

namespace {
// A server message may batch many frames (a full history page is ~2 MB at most).
constexpr std::size_t kMaxServerMessageBytes = 64 * 1024 * 1024;
}  // namespace

Response local_error(std::uint32_t request_id, hearth::v1::ErrorCode code, std::string message) {
  Response response;
  response.set_request_id(request_id);
  response.mutable_error()->set_code(code);
  response.mutable_error()->set_message(std::move(message));
  return response;
}

struct Connection::Impl : std::enable_shared_from_this<Impl> {
  asio::io_context io{1};
  websocket::stream<beast::tcp_stream> ws{io};
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  std::thread thread;
  beast::flat_buffer buffer;

  struct Outgoing {
    std::string bytes;
    bool text = false;
  };
  std::deque<Outgoing> outbox;  // I/O thread only
  bool writing = false;         // I/O thread only
  bool close_started = false;   // I/O thread only

  mutable std::mutex mutex;
  std::condition_variable changed;
  std::unordered_map<std::uint32_t, std::promise<Response>> pending;
  std::deque<Response> unmatched;
  std::function<void(const hearth::v1::Event&)> on_event;
  std::function<void(const CloseInfo&)> on_close;
  std::optional<CloseInfo> closed;
  std::atomic<std::uint32_t> next_request_id{1};

  void enqueue(Outgoing message) {
    asio::post(io, [self = shared_from_this(), message = std::move(message)]() mutable {
      if (self->close_started || self->is_closed()) return;
      self->outbox.push_back(std::move(message));
      if (!self->writing) self->write_next();
    });
  }

  bool is_closed() const {
    std::lock_guard lock(mutex);
    return closed.has_value();
  }

  void write_next() {
    if (outbox.empty()) {
      writing = false;
      return;
    }
    writing = true;
    ws.text(outbox.front().text);
    ws.async_write(asio::buffer(outbox.front().bytes),
                   [self = shared_from_this()](beast::error_code ec, std::size_t) {
                     self->outbox.pop_front();
                     if (ec) {
                       self->writing = false;
                       return;  // the read side sees the failure and finishes
                     }
                     self->write_next();
                   });
  }

  void read_next() {
    ws.async_read(buffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->finish();
      self->deliver();
      self->read_next();
    });
  }

  void deliver() {
    const auto data = buffer.cdata();
    const std::string_view message(static_cast<const char*>(data.data()), data.size());
    protocol::DecodeLimits limits;
    limits.max_frame_bytes = kMaxServerMessageBytes;
    protocol::decode_server_frames(
        message,
        [this](hearth::v1::ServerFrame&& frame) {
          if (frame.has_event()) {
            std::function<void(const hearth::v1::Event&)> handler;
            {
              std::lock_guard lock(mutex);
              handler = on_event;
            }
            if (handler) handler(frame.event());
            return;
          }
          std::lock_guard lock(mutex);
          auto it = pending.find(frame.response().request_id());
          if (it == pending.end()) {
            unmatched.push_back(std::move(*frame.mutable_response()));
            changed.notify_all();
            return;
          }
          it->second.set_value(std::move(*frame.mutable_response()));
          pending.erase(it);
        },
        limits);
    buffer.consume(buffer.size());
  }

  void finish() {
    CloseInfo info;
    info.code = ws.reason().code;
    info.reason = std::string(ws.reason().reason.data(), ws.reason().reason.size());
    std::function<void(const CloseInfo&)> handler;
    {
      std::lock_guard lock(mutex);
      if (closed) return;
      closed = info;
      for (auto& [id, promise] : pending) {
        promise.set_value(local_error(id, hearth::v1::UNAVAILABLE,
                                      "connection closed (" + std::to_string(info.code) + ")"));
      }
      pending.clear();
      handler = on_close;
      changed.notify_all();
    }
    beast::error_code ignored;
    beast::get_lowest_layer(ws).socket().close(ignored);
    if (handler) handler(info);
  }
};

Connection::Connection(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

std::unique_ptr<Connection> Connection::connect(const std::string& url, const ConnectOptions& options,
                                                std::string* error) {
  std::string ignored;
  if (error == nullptr) error = &ignored;
  const auto parsed = parse_ws_url(url);
  if (!parsed) {
    *error = "not a ws:// URL: " + url;
    return nullptr;
  }
  auto impl = std::make_shared<Impl>();
  beast::error_code ec;
  asio::ip::tcp::resolver resolver(impl->io);
  const auto endpoints = resolver.resolve(parsed->host, parsed->port, ec);
  if (ec) {
    *error = "cannot resolve " + parsed->host + ": " + ec.message();
    return nullptr;
  }
  auto& tcp = beast::get_lowest_layer(impl->ws);
  // The handshake runs on this thread with a deadline; the I/O thread starts after it.
  std::optional<beast::error_code> result;
  tcp.expires_after(options.timeout);
  tcp.async_connect(endpoints, [&](beast::error_code connect_ec, const auto&) {
    if (connect_ec) {
      result = connect_ec;
      return;
    }
    impl->ws.set_option(websocket::stream_base::decorator([options](websocket::request_type& request) {
      request.set(beast::http::field::user_agent, "hearth-client");
      if (!options.subprotocol.empty()) request.set(beast::http::field::sec_websocket_protocol, options.subprotocol);
      if (!options.origin.empty()) request.set(beast::http::field::origin, options.origin);
      for (const auto& [name, value] : options.headers) request.insert(name, value);
    }));
    impl->ws.async_handshake(parsed->host + ":" + parsed->port, parsed->path,
                             [&](beast::error_code handshake_ec) { result = handshake_ec; });
  });
  const auto deadline = std::chrono::steady_clock::now() + options.timeout + std::chrono::milliseconds(100);
  while (!result && std::chrono::steady_clock::now() < deadline) {
    impl->io.run_one_until(deadline);
  }
  impl->io.restart();
  if (!result || *result) {
    *error = "cannot open a WebSocket to " + url + ": " +
             (result ? result->message() : std::string("timed out"));
    return nullptr;
  }
  tcp.expires_never();
  impl->ws.binary(true);
  impl->ws.read_message_max(kMaxServerMessageBytes);
  impl->read_next();
  impl->thread = std::thread([raw = impl.get()] { raw->io.run(); });
  return std::unique_ptr<Connection>(new Connection(std::move(impl)));
}

Connection::~Connection() {
  close();
  wait_closed(std::chrono::seconds(3));
  // Drop the socket so every pending operation completes; the I/O thread then runs out of
  // work and ends, and the handlers it ran have released their hold on impl_.
  asio::post(impl_->io, [impl = impl_] {
    beast::error_code ignored;
    beast::get_lowest_layer(impl->ws).socket().close(ignored);
  });
  impl_->work.reset();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::future<Response> Connection::send_request(hearth::v1::ClientFrame frame) {
  const std::uint32_t id = impl_->next_request_id.fetch_add(1);
  frame.set_request_id(id);
  std::promise<Response> promise;
  auto future = promise.get_future();
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->closed) {
      promise.set_value(local_error(id, hearth::v1::UNAVAILABLE, "connection closed"));
      return future;
    }
    impl_->pending.emplace(id, std::move(promise));
  }
  impl_->enqueue({protocol::encode_client_frame(frame), false});
  return future;
}

Response Connection::call(hearth::v1::ClientFrame frame, std::chrono::milliseconds timeout) {
  auto future = send_request(std::move(frame));
  if (future.wait_for(timeout) != std::future_status::ready) {
    return local_error(0, hearth::v1::UNAVAILABLE, "no response in time");
  }
  return future.get();
}

void Connection::set_event_handler(std::function<void(const hearth::v1::Event&)> handler) {
  std::lock_guard lock(impl_->mutex);
  impl_->on_event = std::move(handler);
}

void Connection::set_close_handler(std::function<void(const CloseInfo&)> handler) {
  std::lock_guard lock(impl_->mutex);
  impl_->on_close = std::move(handler);
}

std::optional<Response> Connection::next_unmatched_response(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  if (!impl_->changed.wait_for(lock, timeout, [this] { return !impl_->unmatched.empty(); })) {
    return std::nullopt;
  }
  Response response = std::move(impl_->unmatched.front());
  impl_->unmatched.pop_front();
  return response;
}

bool Connection::is_open() const { return !impl_->is_closed(); }

std::optional<CloseInfo> Connection::wait_closed(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  impl_->changed.wait_for(lock, timeout, [this] { return impl_->closed.has_value(); });
  return impl_->closed;
}

void Connection::close() {
  asio::post(impl_->io, [impl = impl_] {
    if (impl->close_started || impl->is_closed()) return;
    impl->close_started = true;
    impl->ws.async_close(websocket::close_code::normal, [](beast::error_code) {});
  });
}

void Connection::send_raw_binary(std::string bytes) { impl_->enqueue({std::move(bytes), false}); }

void Connection::send_raw_text(std::string text) { impl_->enqueue({std::move(text), true}); }

}  // namespace hearth::client
