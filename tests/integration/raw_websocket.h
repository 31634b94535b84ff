// A bare, blocking WebSocket that authenticates and then does only what the test says: for
// peers that stop reading, go silent or vanish, which the client library never does.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "hearth/v1/frames.pb.h"

namespace hearth::testing {

class RawWebSocket {
 public:
  // Connects to 127.0.0.1:`port`, authenticates with `token` and reads the answer. With
  // `receive_buffer` > 0 the socket's receive buffer is shrunk first (a tiny TCP window).
  RawWebSocket(std::uint16_t port, const std::string& token, int receive_buffer = 0);
  void send(hearth::v1::ClientFrame frame, std::uint32_t request_id);
  // Drops the connection with a TCP reset, as a phone losing its network does.
  void reset();

  // Reads everything until the server's close frame: the frames that came, and the close code
  // (0 if the connection ended without a close frame).
  struct Ending {
    std::vector<hearth::v1::ServerFrame> frames;
    std::uint16_t close_code = 0;
  };
  Ending read_until_close();

 private:
  boost::asio::io_context io_;
  boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
};

}  // namespace hearth::testing
