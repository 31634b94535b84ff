#include "server/http_routes.h"

#include <algorithm>

#include "server/server_context.h"
#include "server/session.h"

namespace hearth::server {

namespace http = boost::beast::http;

HttpResponse text_response(const HttpRequest& request, http::status status, std::string body) {
  HttpResponse response{status, request.version()};
  response.set(http::field::server, "hearthd");
  response.set(http::field::content_type, "text/plain; charset=utf-8");
  response.set(http::field::cache_control, "no-store");
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

HttpResponse route_http(const HttpRequest& request, ServerContext& context) {
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    return text_response(request, http::status::method_not_allowed, "only GET is served here\n");
  }
  const auto target = request.target();
  if (target == "/healthz") {
    if (context.shutting_down.load()) {
      return text_response(request, http::status::service_unavailable, "shutting down\n");
    }
    return text_response(request, http::status::ok, "ok\n");
  }
  if (target == "/metrics") {
    Metrics::OutboundBytes outbound;
    for (const auto& session : context.sessions.every_connection()) {
      const std::uint64_t held = session->queued_bytes();
      outbound.total += held;
      outbound.largest = std::max(outbound.largest, held);
    }
    HttpResponse response = text_response(
        request, http::status::ok, context.metrics.render(context.store.transactions_committed(),
                                                                  static_cast<std::uint64_t>(std::max<std::int64_t>(0, context.moderation.open_items.load())),
                                                                  outbound));
    response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    return response;
  }
  return text_response(request, http::status::not_found,
                       "not found; the WebSocket endpoint is /ws (subprotocol hearth.v1)\n");
}

}  // namespace hearth::server
