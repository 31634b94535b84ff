// The headers every HTTP response of hearthd carries: the web client's files, errors, /healthz,
// /metrics, WebSocket refusals and the 101 that accepts one. One place, so no response can
// forget them.
#pragma once

#include <boost/beast/http/fields.hpp>

namespace hearth::server {

// Sets the Content-Security-Policy and the other hardening headers, and a Server header that
// names no version (a version banner only helps someone looking for a known hole; Beast would
// add its own to the WebSocket 101 if none were set).
void apply_security_headers(boost::beast::http::fields& fields);

}  // namespace hearth::server
