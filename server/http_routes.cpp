#include "server/http_routes.h"

#include <algorithm>

#include "server/security_headers.h"
#include "server/server_context.h"
#include "server/session.h"
#include "server/static_files.h"

namespace hearth::server {

namespace http = boost::beast::http;

namespace {

HttpResponse metrics_response(const HttpRequest& request, ServerContext& context) {
  Metrics::OutboundBytes outbound;
  for (const auto& session : context.sessions.every_connection()) {
    const std::uint64_t held = session->queued_bytes();
    outbound.total += held;
    outbound.largest = std::max(outbound.largest, held);
  }
  const auto open_items = static_cast<std::uint64_t>(std::max<std::int64_t>(0, context.moderation.open_items.load()));
  HttpResponse response = text_response(
      request, http::status::ok, context.metrics.render(context.store.transactions_committed(), open_items, outbound));
  response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  return response;
}

}  // namespace

HttpResponse text_response(const HttpRequest& request, http::status status, std::string body) {
  HttpResponse response{status, request.version()};
  apply_security_headers(response);
  response.set(http::field::content_type, "text/plain; charset=utf-8");
  response.set(http::field::cache_control, "no-store");
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

http::message_generator reply(const HttpRequest& request, HttpResponse response) {
  // The Content-Length stays that of the body a GET would get (RFC 9110 9.3.2).
  if (request.method() == http::verb::head) response.body().clear();
  return response;
}

http::message_generator route_http(const HttpRequest& request, ServerContext& context) {
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    auto refusal = text_response(request, http::status::method_not_allowed, "only GET and HEAD are served here\n");
    refusal.set(http::field::allow, "GET, HEAD");
    return refusal;
  }
  const auto target = request.target();
  if (target == "/healthz") {
    if (context.shutting_down.load()) {
      return reply(request, text_response(request, http::status::service_unavailable, "shutting down\n"));
    }
    return reply(request, text_response(request, http::status::ok, "ok\n"));
  }
  if (target == "/metrics") return reply(request, metrics_response(request, context));
  return context.web_files.answer(request);
}

}  // namespace hearth::server
