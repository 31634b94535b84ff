#include "tests/integration/raw_websocket.h"

#include <sys/socket.h>

#include <boost/beast/core/flat_buffer.hpp>
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
