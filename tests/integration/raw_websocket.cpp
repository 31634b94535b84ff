#include "tests/integration/raw_websocket.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <algorithm>
#include <boost/asio/write.hpp>
#include <boost/beast/http/field.hpp>
#include <cctype>

#include "clients/client/requests.h"
#include "protocol/frame_codec.h"
#include "protocol/websocket_framing.h"

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
  ws_.control_callback([this](beast::websocket::frame_type kind, beast::string_view data) {
    if (kind != beast::websocket::frame_type::pong) return;
    last_pong_.assign(data.data(), data.size());
    if (last_pong_ == ping_payload_) ++pongs_;
  });
  if (token.empty()) return;
  send(client::requests::authenticate(token), 1);
  beast::flat_buffer answer;
  ws_.read(answer);
}

namespace {

constexpr std::uint32_t kMaskKey = 0x1b2c3d4e;

void append_client_frame(protocol::websocket::Opcode opcode, std::string_view payload, std::string& out) {
  protocol::websocket::append_masked_frame(opcode, payload, kMaskKey, true, out);
}

}  // namespace

bool RawWebSocket::send_pipelined(const std::vector<hearth::v1::ClientFrame>& frames) {
  std::string bytes;
  for (const auto& frame : frames) {
    append_client_frame(protocol::websocket::Opcode::kBinary, frame.SerializeAsString(), bytes);
  }
  beast::error_code ec;
  boost::asio::write(ws_.next_layer(), boost::asio::buffer(bytes), ec);
  return !ec;
}

std::size_t RawWebSocket::flood_pings(std::size_t count, const std::string& payload,
                                      const std::string& last_payload) {
  // Written a megabyte at a time, so the flood costs the test little memory.
  std::string chunk;
  append_client_frame(protocol::websocket::Opcode::kPing, payload, chunk);
  const std::size_t per_chunk = std::max<std::size_t>(1, (1 << 20) / chunk.size());
  for (std::size_t i = 1; i < per_chunk; ++i) append_client_frame(protocol::websocket::Opcode::kPing, payload, chunk);
  const std::size_t frame_bytes = chunk.size() / per_chunk;
  std::size_t written = 0;
  beast::error_code ec;
  for (std::size_t sent = 0; sent < count && !ec; sent += per_chunk) {
    const std::size_t frames = std::min(per_chunk, count - sent);
    written += boost::asio::write(ws_.next_layer(), boost::asio::buffer(chunk.data(), frames * frame_bytes), ec);
  }
  if (ec) return written;
  std::string last;
  append_client_frame(protocol::websocket::Opcode::kPing, last_payload, last);
  ping_payload_ = last_payload;
  return written + boost::asio::write(ws_.next_layer(), boost::asio::buffer(last), ec);
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

namespace {

HttpAnswer exchange(std::uint16_t port, const std::string& request, bool until_close) {
  HttpAnswer answer;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return answer;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
    std::string response;
    char buffer[4096];
    ssize_t n = 0;
    while ((until_close || response.find("\r\n\r\n") == std::string::npos) &&
           (n = ::read(fd, buffer, sizeof buffer)) > 0) {
      response.append(buffer, static_cast<std::size_t>(n));
    }
    const auto head_end = response.find("\r\n\r\n");
    if (response.size() >= 12 && head_end != std::string::npos) {
      answer.head = response.substr(0, head_end + 2);
      answer.status = std::stoi(response.substr(9, 3));
      if (until_close) answer.body = response.substr(head_end + 4);
    }
  }
  ::close(fd);
  return answer;
}

}  // namespace

std::string HttpAnswer::header(const std::string& name) const {
  const auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  const std::string wanted = lower(name) + ":";
  std::size_t at = head.find("\r\n");
  while (at != std::string::npos && at + 2 < head.size()) {
    const std::size_t end = head.find("\r\n", at + 2);
    const std::string line = head.substr(at + 2, end == std::string::npos ? std::string::npos : end - at - 2);
    if (lower(line.substr(0, wanted.size())) == wanted) {
      std::string value = line.substr(wanted.size());
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      return value;
    }
    at = end;
  }
  return {};
}

HttpAnswer upgrade_by_hand(std::uint16_t port, const std::vector<std::string>& changes) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Host", "127.0.0.1:" + std::to_string(port)},
      {"Upgrade", "websocket"},
      {"Connection", "Upgrade"},
      {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},  // RFC 6455's own example
      {"Sec-WebSocket-Version", "13"},
      {"Sec-WebSocket-Protocol", "hearth.v1"},
  };
  for (const auto& change : changes) {
    const auto colon = change.find(':');
    const std::string name = change.substr(0, colon);
    std::string value = colon + 1 < change.size() ? change.substr(colon + 1) : std::string();
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    const bool omit = colon + 1 == change.size();
    std::erase_if(headers, [&](const auto& header) { return header.first == name; });
    if (!omit) headers.emplace_back(name, value);
  }
  std::string request = "GET /ws HTTP/1.1\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n";

  // A 101 leaves the connection open: read only up to the end of the head.
  return exchange(port, request, /*until_close=*/false);
}

HttpAnswer http_by_hand(std::uint16_t port, const std::string& request) {
  return exchange(port, request, /*until_close=*/true);
}

HttpAnswer http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::vector<std::string>& extra_headers) {
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                        "\r\nConnection: close\r\n";
  for (const auto& header : extra_headers) request += header + "\r\n";
  request += "\r\n";
  return http_by_hand(port, request);
}

}  // namespace hearth::testing
