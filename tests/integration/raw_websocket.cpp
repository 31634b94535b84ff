#include "tests/integration/raw_websocket.h"

#include <sys/socket.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <algorithm>
#include <boost/asio/write.hpp>
#include <boost/beast/http/field.hpp>

#include "clients/client/requests.h"
#include "protocol/frame_codec.h"

namespace hearth::testing {

namespace beast = boost::beast;

RawWebSocket::RawWebSocket(std::uint16_t port, const std::string& token, int receive_buffer) : ws_(io_) {
  auto& socket = ws_.next_layer();
  socket.open(boost::asio::ip::tcp::v4());
  if (receive_buffer > 0) socket.set_option(boost::asio::socket_base::receive_buffer_size(receive_buffer));
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  ws_.set_option(beast::websocket::stream_base::decorator([](beast::websocket::request_type& request) {
    request.set(beast::http::field::sec_websocket_protocol, "hearth.v1");
  }));
  ws_.handshake("127.0.0.1", "/ws");
  ws_.binary(true);
  send(client::requests::authenticate(token), 1);
  beast::flat_buffer answer;
  ws_.read(answer);
}

void RawWebSocket::send(hearth::v1::ClientFrame frame, std::uint32_t request_id) {
  frame.set_request_id(request_id);
  ws_.write(boost::asio::buffer(frame.SerializeAsString()));
}

void RawWebSocket::send_fragmented(hearth::v1::ClientFrame frame, std::uint32_t request_id,
                                   std::size_t fragment_bytes) {
  frame.set_request_id(request_id);
  const std::string bytes = frame.SerializeAsString();
  for (std::size_t at = 0; at < bytes.size(); at += fragment_bytes) {
    const bool last = at + fragment_bytes >= bytes.size();
    ws_.write_some(last, boost::asio::buffer(bytes.data() + at, std::min(fragment_bytes, bytes.size() - at)));
  }
}

void RawWebSocket::ping(const std::string& payload) {
  ping_payload_ = payload;
  ws_.control_callback([this](beast::websocket::frame_type kind, beast::string_view data) {
    if (kind == beast::websocket::frame_type::pong && data == ping_payload_) ++pongs_;
  });
  ws_.ping(beast::websocket::ping_data(payload.c_str()));
}

hearth::v1::Response RawWebSocket::read_response(std::uint32_t request_id) {
  for (;;) {
    beast::flat_buffer message;
    ws_.read(message);
    const auto data = message.cdata();
    hearth::v1::Response found;
    bool done = false;
    protocol::decode_server_frames(std::string_view(static_cast<const char*>(data.data()), data.size()),
                                   [&](hearth::v1::ServerFrame&& frame) {
                                     if (frame.has_response() && frame.response().request_id() == request_id) {
                                       found = frame.response();
                                       done = true;
                                     }
                                   });
    if (done) return found;
  }
}

void RawWebSocket::send_raw(const std::string& bytes) {
  boost::asio::write(ws_.next_layer(), boost::asio::buffer(bytes));
}

void RawWebSocket::reset() {
  ::linger hard{1, 0};
  ::setsockopt(ws_.next_layer().native_handle(), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  ws_.next_layer().close();
}

RawWebSocket::Ending RawWebSocket::read_until_close() {
  Ending ending;
  for (;;) {
    beast::flat_buffer message;
    beast::error_code ec;
    ws_.read(message, ec);
    if (ec == beast::websocket::error::closed) {
      ending.close_code = ws_.reason().code;
      return ending;
    }
    if (ec) return ending;
    const auto data = message.cdata();
    protocol::decode_server_frames(std::string_view(static_cast<const char*>(data.data()), data.size()),
                                   [&](hearth::v1::ServerFrame&& frame) { ending.frames.push_back(std::move(frame)); });
  }
}

}  // namespace hearth::testing
