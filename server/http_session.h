// One accepted TCP connection until it becomes a WebSocket: reads HTTP requests, answers the
// plain routes, and hands a vetted upgrade on /ws to a Session. Runs on the connection's strand.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message_generator.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>
#include <optional>

#include "server/http_routes.h"

namespace hearth::server {

struct ServerContext;

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket&& socket, ServerContext& context);
  void run();

 private:
  void read_request();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  // Returns an error response when the upgrade must be refused, nothing when it may proceed.
  std::optional<HttpResponse> vet_upgrade(const HttpRequest& request) const;
  void write(boost::beast::http::message_generator response);

  boost::beast::tcp_stream stream_;
  ServerContext& context_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
};

}  // namespace hearth::server
