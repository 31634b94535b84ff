// Plain HTTP answers on the same port as the WebSocket: /healthz and /metrics.
// Thread-safe (reads only atomics and the store's counters).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace hearth::server {

struct ServerContext;

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

HttpResponse route_http(const HttpRequest& request, ServerContext& context);

// A small text/plain response, also used to refuse bad WebSocket handshakes.
HttpResponse text_response(const HttpRequest& request, boost::beast::http::status status,
                           std::string body);

}  // namespace hearth::server
