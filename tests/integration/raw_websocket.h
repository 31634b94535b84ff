// A bare, blocking WebSocket that does only what the test says: for peers that stop reading,
// pipeline without waiting, flood, go silent or vanish, which the client library never does.
// Also hand-made HTTP upgrade requests, for the handshake's own checks.
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
  // Connects to 127.0.0.1:`port`, authenticates with `token` and reads the answer; with an empty
  // `token` the connection stays unauthenticated. With `receive_buffer` > 0 the socket's receive
  // buffer is shrunk first (a tiny TCP window).
  RawWebSocket(std::uint16_t port, const std::string& token, int receive_buffer = 0);
  void send(hearth::v1::ClientFrame frame, std::uint32_t request_id);
  // Writes every frame (each with its request id already set) in one go, reading nothing: a
  // pipelining client. Returns false if the server ended the connection meanwhile.
  bool send_pipelined(const std::vector<hearth::v1::ClientFrame>& frames);
  // Writes `count` masked pings carrying `payload`, reading nothing, then one more carrying
  // `last_payload`. Returns the bytes written before the server ended the connection (if it did).
  std::size_t flood_pings(std::size_t count, const std::string& payload, const std::string& last_payload);
  // The payload of the last pong read so far (reads happen in read_response/read_until_close).
  const std::string& last_pong() const { return last_pong_; }
  // Sends `frame` as one message cut into WebSocket fragments of `fragment_bytes` each.
  void send_fragmented(hearth::v1::ClientFrame frame, std::uint32_t request_id, std::size_t fragment_bytes);
  // Sends a ping carrying `payload`; pongs() counts the pongs with it that came back since.
  void ping(const std::string& payload);
  int pongs() const { return pongs_; }
  // Reads until the response to `request_id` arrives and returns it.
  hearth::v1::Response read_response(std::uint32_t request_id);
  // Writes `bytes` straight to the socket, under the WebSocket layer (to break the framing).
  void send_raw(const std::string& bytes);
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
  std::string ping_payload_;
  int pongs_ = 0;
  std::string last_pong_;
};

// What the server answered to a hand-made HTTP request: its status, its header lines and body.
struct HttpAnswer {
  int status = 0;
  std::string head;  // the status line and headers, as sent
  std::string body;  // every byte after the head until the server closed (empty after a 101)
  // The value of header `name` (matched without regard to case), or empty.
  std::string header(const std::string& name) const;
};
// An opening handshake to /ws on 127.0.0.1:`port` with the usual headers (Host, Upgrade,
// Connection, a valid Sec-WebSocket-Key, version 13, the hearth.v1 subprotocol); each entry of
// `changes` ("Name: value", or "Name:" to leave the header out) replaces the header of that name.
HttpAnswer upgrade_by_hand(std::uint16_t port, const std::vector<std::string>& changes);
// Sends `request` verbatim (whatever its target: no client cleans it up) to 127.0.0.1:`port` and
// reads the answer until the server closes; the request should say `Connection: close`.
HttpAnswer http_by_hand(std::uint16_t port, const std::string& request);
// A GET (or another `method`) of `target` with Host and `Connection: close`, plus `extra_headers`
// ("Name: value" each).
HttpAnswer http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::vector<std::string>& extra_headers = {});

}  // namespace hearth::testing
