#include "server/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "protocol/websocket_framing.h"
#include "server/client_address.h"
#include "server/origin_policy.h"
#include "server/server_context.h"
#include "server/session.h"

namespace hearth::server {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// Requests here are tiny (a GET or an upgrade): refuse anything bigger before buffering it.
constexpr std::uint32_t kMaxHeaderBytes = 8 * 1024;
constexpr std::uint64_t kMaxBodyBytes = 1024;
constexpr auto kRequestTimeout = std::chrono::seconds(10);

bool offers_subprotocol(std::string_view header) {
  // The header is a comma-separated list of tokens.
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view token = header.substr(0, comma);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (token == protocol::kSubprotocol) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

// Every X-Forwarded-For field of the request, in order, as one list: a proxy may add a field of
// its own rather than extend the one the client sent, and the rightmost entry is the proxy's.
std::string forwarded_for(const HttpRequest& request) {
  std::string joined;
  const auto [first, last] = request.equal_range("X-Forwarded-For");
  for (auto field = first; field != last; ++field) {
    if (!joined.empty()) joined.push_back(',');
    joined.append(field->value());
  }
  return joined;
}

}  // namespace

HttpSession::HttpSession(boost::asio::ip::tcp::socket&& socket, ServerContext& context)
    : stream_(std::move(socket)), context_(context) {}

void HttpSession::run() {
  boost::asio::dispatch(stream_.get_executor(),
                        beast::bind_front_handler(&HttpSession::read_request, shared_from_this()));
}

void HttpSession::read_request() {
  parser_.emplace();
  parser_->header_limit(kMaxHeaderBytes);
  parser_->body_limit(kMaxBodyBytes);
  stream_.expires_after(kRequestTimeout);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

std::optional<HttpResponse> HttpSession::vet_upgrade(const HttpRequest& request) const {
  if (request.target() != "/ws") {
    return text_response(request, http::status::not_found, "the WebSocket endpoint is /ws\n");
  }
  // RFC 6455 4.2.1-4.2.2: a key that is not the base64 of 16 bytes is a bad request; a version
  // other than 13 is answered with the version this server speaks.
  if (request.count(http::field::sec_websocket_key) != 1 ||
      !protocol::websocket::is_valid_client_key(request[http::field::sec_websocket_key])) {
    return text_response(request, http::status::bad_request,
                         "Sec-WebSocket-Key must be the base64 of 16 random bytes\n");
  }
  if (request.count(http::field::sec_websocket_version) != 1 ||
      request[http::field::sec_websocket_version] != protocol::websocket::kVersion) {
    auto refusal = text_response(request, http::status::upgrade_required, "this server speaks WebSocket version 13\n");
    refusal.set(http::field::sec_websocket_version, protocol::websocket::kVersion);
    return refusal;
  }
  if (!offers_subprotocol(request[http::field::sec_websocket_protocol])) {
    return text_response(request, http::status::bad_request,
                         "offer the WebSocket subprotocol hearth.v1\n");
  }
  if (!origin_allowed(request[http::field::origin], request[http::field::host],
                      context_.config.allowed_origins)) {
    return text_response(request, http::status::forbidden, "this Origin is not allowed\n");
  }
  if (context_.shutting_down.load()) {
    return text_response(request, http::status::service_unavailable, "shutting down\n");
  }
  return std::nullopt;
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
  if (ec) {
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
    return;
  }
  HttpRequest request = parser_->release();
  if (!beast::websocket::is_upgrade(request)) return write(route_http(request, context_));
  if (auto refusal = vet_upgrade(request)) {
    refusal->keep_alive(false);
    return write(std::move(*refusal));
  }
  beast::error_code ignored;
  const auto peer = stream_.socket().remote_endpoint(ignored).address();
  // The address every per-address limit counts; the header itself is never logged.
  auto address = client_address(peer, forwarded_for(request), context_.config.trusted_proxies);
  auto session = std::make_shared<Session>(stream_.release_socket(), context_, std::move(address));
  session->start(std::move(request));
}

void HttpSession::write(http::message_generator response) {
  const bool keep_alive = response.keep_alive();
  beast::async_write(stream_, std::move(response),
                     [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                       if (ec || !keep_alive) {
                         self->stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
                         return;
                       }
                       self->read_request();
                     });
}

}  // namespace hearth::server
