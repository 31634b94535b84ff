#include "server/security_headers.h"

namespace hearth::server {

namespace http = boost::beast::http;

namespace {

// Nothing loads unless it comes from hearthd itself: no inline script or style, no CDN, no font
// service, no third-party request of any kind. 'wasm-unsafe-eval' lets the page compile
// WebAssembly (libsodium's WebAssembly build, for end-to-end encryption) without allowing eval()
// of JavaScript. connect-src 'self' covers the WebSocket on the same origin (ws:/wss:).
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

}  // namespace

void apply_security_headers(http::fields& fields) {
  fields.set(http::field::server, "hearthd");
  fields.set("Content-Security-Policy", kContentSecurityPolicy);
  // Take the declared Content-Type at its word: a text reply is never run as script.
  fields.set("X-Content-Type-Options", "nosniff");
  // Links out of Hearth tell the other site nothing, not even that Hearth exists.
  fields.set("Referrer-Policy", "no-referrer");
  // No page may frame Hearth (clickjacking); frame-ancestors says it to newer browsers.
  fields.set(http::field::x_frame_options, "DENY");
  // A window Hearth opens, or that opened Hearth, gets no handle on it.
  fields.set("Cross-Origin-Opener-Policy", "same-origin");
  fields.set("Cross-Origin-Resource-Policy", "same-origin");
  fields.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

}  // namespace hearth::server
