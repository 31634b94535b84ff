// A hearth.v1 WebSocket connection with its own I/O thread.
// Thread-safe: any thread may send requests; handlers run on the I/O thread and must not block
// it for long (they may call send_request, but not wait on the future it returns).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hearth/v1/frames.pb.h"

namespace hearth::client {

struct ConnectOptions {
  std::chrono::milliseconds timeout{5000};  // for TCP connect + WebSocket handshake
  std::string origin;                      // sent as Origin when non-empty (browsers always do)
  std::string subprotocol = "hearth.v1";   // tests set another to check the refusal
  // More handshake headers, sent as given (name, value); a name may repeat. Tests use it to
  // speak as a reverse proxy does (X-Forwarded-For).
  std::vector<std::pair<std::string, std::string>> headers;
};

struct CloseInfo {
  std::uint16_t code = 0;  // 0: the connection dropped without a close frame
  std::string reason;
};

class Connection {
 public:
  // Connects and completes the handshake, or returns nullptr with `error` saying why.
  static std::unique_ptr<Connection> connect(const std::string& url, const ConnectOptions& options = {},
                                             std::string* error = nullptr);
  // Closes (code 1000) if still open and joins the I/O thread.
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Sends `frame` with a fresh request_id. The future always becomes ready: with the server's
  // Response, or, if the connection closes first, with a synthetic UNAVAILABLE error.
  std::future<hearth::v1::Response> send_request(hearth::v1::ClientFrame frame);
  // send_request and wait. On timeout, returns a synthetic UNAVAILABLE error response.
  hearth::v1::Response call(hearth::v1::ClientFrame frame,
                            std::chrono::milliseconds timeout = std::chrono::seconds(15));

  // Called on the I/O thread for every Event, in arrival order. Set before sending requests.
  void set_event_handler(std::function<void(const hearth::v1::Event&)> handler);
  // Called once on the I/O thread when the connection ends.
  void set_close_handler(std::function<void(const CloseInfo&)> handler);

  // Responses whose request_id matched nothing (request_id 0 answers a frame too broken to
  // read). Waits up to `timeout` for one.
  std::optional<hearth::v1::Response> next_unmatched_response(std::chrono::milliseconds timeout);

  bool is_open() const;
  // Waits until the connection has ended; returns how (nullopt on timeout).
  std::optional<CloseInfo> wait_closed(std::chrono::milliseconds timeout);
  // Starts a normal close (1000) and returns at once.
  void close();

  // For tests of bad input: raw bytes as one binary or one text WebSocket message.
  void send_raw_binary(std::string bytes);
  void send_raw_text(std::string text);

 private:
  struct Impl;
  explicit Connection(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

// A synthetic error response (connection closed, timeout) with `code` and `message`.
hearth::v1::Response local_error(std::uint32_t request_id, hearth::v1::ErrorCode code, std::string message);

}  // namespace hearth::client
