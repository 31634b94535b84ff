// Plain HTTP answers on the same port as the WebSocket: /healthz, /metrics, and the browser
// client's files for every other path. Thread-safe (reads only atomics, the store's counters
// and the immutable web files).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/message_generator.hpp>
#include <boost/beast/http/string_body.hpp>

namespace hearth::server {

struct ServerContext;

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

boost::beast::http::message_generator route_http(const HttpRequest& request, ServerContext& context);

// A small text/plain response with the security headers, never cached; also used to refuse
// bad WebSocket handshakes.
HttpResponse text_response(const HttpRequest& request, boost::beast::http::status status,
                           std::string body);

// `response` as the answer to `request`: to a HEAD, the same head with no body.
boost::beast::http::message_generator reply(const HttpRequest& request, HttpResponse response);

}  // namespace hearth::server
