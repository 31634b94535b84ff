#include "clients/loadgen/load_connection.h"

#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>
#include <stdexcept>

#include "protocol/frame_codec.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

LoadConnection::LoadConnection(asio::io_context& io) : ws_(io) {}

asio::awaitable<void> LoadConnection::open(const asio::ip::tcp::endpoint& server, const std::string& host,
                                           asio::ip::address_v4 source) {
  auto& socket = beast::get_lowest_layer(ws_).socket();
  socket.open(asio::ip::tcp::v4());
  socket.bind({source, 0});
  co_await socket.async_connect(server, asio::use_awaitable);
  socket.set_option(asio::ip::tcp::no_delay(true));
  ws_.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
    request.set(beast::http::field::sec_websocket_protocol, "hearth.v1");
  }));
  co_await ws_.async_handshake(host, "/ws", asio::use_awaitable);
  ws_.binary(true);
  ws_.read_message_max(64 * 1024 * 1024);
}

asio::awaitable<std::uint32_t> LoadConnection::send(hearth::v1::ClientFrame frame) {
  const std::uint32_t id = next_request_id_++;
  frame.set_request_id(id);
  encoded_ = frame.SerializeAsString();
  co_await ws_.async_write(asio::buffer(encoded_), asio::use_awaitable);
  co_return id;
}

asio::awaitable<void> LoadConnection::receive(std::vector<hearth::v1::ServerFrame>& frames) {
  frames.clear();
  buffer_.clear();
  co_await ws_.async_read(buffer_, asio::use_awaitable);
  const auto data = buffer_.cdata();
  protocol::DecodeLimits limits;
  limits.max_frame_bytes = 64 * 1024 * 1024;
  const bool whole = protocol::decode_server_frames(
      std::string_view(static_cast<const char*>(data.data()), data.size()),
      [&frames](hearth::v1::ServerFrame&& frame) { frames.push_back(std::move(frame)); }, limits);
  if (!whole) throw std::runtime_error("server sent a malformed message");
}

asio::awaitable<hearth::v1::Response> LoadConnection::call(hearth::v1::ClientFrame frame) {
  const std::uint32_t id = co_await send(std::move(frame));
  std::vector<hearth::v1::ServerFrame> frames;
  for (;;) {
    co_await receive(frames);
    for (auto& received : frames) {
      if (received.has_response() && received.response().request_id() == id) co_return received.response();
    }
  }
}

void LoadConnection::close() {
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().close(ignored);
}

}  // namespace hearth::loadgen
