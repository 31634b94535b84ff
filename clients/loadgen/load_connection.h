// One lightweight hearth.v1 connection for the load generator: many of them share one
// single-threaded io_context (the load generator is pinned to one core), so there are no
// locks and no thread per connection. Coroutine API; everything runs on the io_context.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "hearth/v1/frames.pb.h"

namespace hearth::loadgen {

class LoadConnection {
 public:
  explicit LoadConnection(boost::asio::io_context& io);

  // TCP connect and WebSocket handshake (subprotocol hearth.v1). Throws on failure.
  // `source` picks the local address (127.0.0.x spreads past one address's 28k ports).
  boost::asio::awaitable<void> open(const boost::asio::ip::tcp::endpoint& server, const std::string& host,
                                    boost::asio::ip::address_v4 source = boost::asio::ip::make_address_v4("127.0.0.1"));
  // Sends one request with a fresh request_id and returns that id.
  boost::asio::awaitable<std::uint32_t> send(hearth::v1::ClientFrame frame);
  // Reads the next WebSocket message and appends its frames to `frames` (cleared first).
  boost::asio::awaitable<void> receive(std::vector<hearth::v1::ServerFrame>& frames);
  // Sends `frame` and reads until its response arrives; events read meanwhile are dropped.
  boost::asio::awaitable<hearth::v1::Response> call(hearth::v1::ClientFrame frame);
  void close();
  // The code of the server's close frame once a receive() ended with it, else 0.
  std::uint16_t close_code() const { return ws_.reason().code; }

 private:
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::uint32_t next_request_id_ = 1;
  std::string encoded_;
};

}  // namespace hearth::loadgen
