// hearthd serving the browser client: files from --web-root with their types, validators and
// cache rules, the security headers on every answer, nothing outside the root, and the
// WebSocket open to a page of the same origin.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/integration/raw_websocket.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;
namespace fs = std::filesystem;

namespace {

constexpr const char* kIndex = "<!doctype html><title>Hearth</title><script src=\"/assets/app-3F2KX7QZ.js\"></script>";
constexpr const char* kScript = "console.log('hearth');";
// Written outside the web root: no answer may ever contain it.
constexpr const char* kSecret = "SECRET-OUTSIDE-THE-WEB-ROOT";

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// A built client (the layout clients/web's build writes), a secret beside it, and a symlink
// from inside the root to that secret.
struct WebSite {
  WebSite() {
    const fs::path root = web_root();
    write_file(root / "index.html", kIndex);
    write_file(root / "assets/app-3F2KX7QZ.js", kScript);
    write_file(root / "assets/app-3F2KX7QZ.css", "body{color:#222}");
    write_file(root / "assets/app-3F2KX7QZ.js.map", "{}");
    write_file(root / "assets/sodium-AB12CD34.wasm", std::string("\0asm\1\0\0\0", 8));
    write_file(root / "assets/font-AB12CD34.woff2", "wOF2");
    write_file(root / "favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    write_file(root / "favicon.ico", "ico");
    write_file(root / "icon.png", "\x89PNG");
    write_file(root / "manifest.webmanifest", "{}");
    write_file(root / "config.json", "{}");
    write_file(root / "app.mjs", "export {}");
    write_file(root / "robots.txt", "User-agent: *\n");
    write_file(root / "exit.html", "<!doctype html><title>Weather</title>");
    write_file(root / "download.bin", "raw");
    write_file(root / ".env", kSecret);
    write_file(outside() / "secret.txt", kSecret);
    fs::create_symlink(outside() / "secret.txt", root / "leak.txt");
    fs::create_directory_symlink(outside(), root / "assets" / "outside");
    fs::create_symlink(root / "index.html", root / "home.html");  // stays inside: served
    server = std::make_unique<HearthdProcess>(dir.path() / "data",
                                              std::vector<std::string>{"--web-root", web_root().string()});
  }
  fs::path web_root() const { return dir.path() / "web"; }
  fs::path outside() const { return dir.path() / "outside"; }
  HttpAnswer get(const std::string& target, const std::vector<std::string>& headers = {}) const {
    return http_request(server->port(), "GET", target, headers);
  }

  TempDir dir;
  std::unique_ptr<HearthdProcess> server;
};

void check_security_headers(const HttpAnswer& answer) {
  INFO(answer.head);
  CHECK(answer.header("Content-Security-Policy") ==
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'");
  CHECK(answer.header("X-Content-Type-Options") == "nosniff");
  CHECK(answer.header("Referrer-Policy") == "no-referrer");
  CHECK(answer.header("X-Frame-Options") == "DENY");
  CHECK(answer.header("Cross-Origin-Opener-Policy") == "same-origin");
  CHECK(answer.header("Cross-Origin-Resource-Policy") == "same-origin");
  CHECK(answer.header("Permissions-Policy") == "camera=(), microphone=(), geolocation=()");
  CHECK(answer.header("Server") == "hearthd");  // no version banner, neither ours nor Beast's
}

}  // namespace

TEST_CASE("the browser client's files are served with their types and cache rules", "[web]") {
  WebSite site;
  const auto index = site.get("/");
  REQUIRE(index.status == 200);
  CHECK(index.body == kIndex);
  CHECK(index.header("Content-Type") == "text/html; charset=utf-8");
  CHECK(index.header("Cache-Control") == "no-cache");
  CHECK(index.header("Content-Length") == std::to_string(std::string(kIndex).size()));
  CHECK(site.get("/index.html").body == kIndex);
  CHECK(site.get("/?from=bookmark").body == kIndex);
  CHECK(site.get("/home.html").body == kIndex);  // a symlink that stays inside the root

  const auto script = site.get("/assets/app-3F2KX7QZ.js");
  REQUIRE(script.status == 200);
  CHECK(script.body == kScript);
  CHECK(script.header("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(script.header("Cache-Control") == "public, max-age=31536000, immutable");
  CHECK(site.get("/exit.html").header("Cache-Control") == "no-cache");

  const std::vector<std::pair<std::string, std::string>> types = {
      {"/assets/app-3F2KX7QZ.css", "text/css; charset=utf-8"},
      {"/assets/app-3F2KX7QZ.js.map", "application/json; charset=utf-8"},
      {"/assets/sodium-AB12CD34.wasm", "application/wasm"},
      {"/assets/font-AB12CD34.woff2", "font/woff2"},
      {"/favicon.svg", "image/svg+xml; charset=utf-8"},
      {"/favicon.ico", "image/x-icon"},
      {"/icon.png", "image/png"},
      {"/manifest.webmanifest", "application/manifest+json; charset=utf-8"},
      {"/config.json", "application/json; charset=utf-8"},
      {"/app.mjs", "text/javascript; charset=utf-8"},
      {"/robots.txt", "text/plain; charset=utf-8"},
      {"/exit.html", "text/html; charset=utf-8"},
      {"/download.bin", "application/octet-stream"},
  };
  for (const auto& [target, type] : types) {
    INFO(target);
    const auto answer = site.get(target);
    CHECK(answer.status == 200);
    CHECK(answer.header("Content-Type") == type);
  }
  CHECK(site.get("/assets/app-3F2KX7QZ.wasm").status == 404);
  CHECK(site.get("/nowhere.html").status == 404);
  CHECK(site.get("/ws").status == 404);  // the WebSocket path without an upgrade is no file
}

TEST_CASE("every file has a strong ETag and a matching If-None-Match gets 304", "[web]") {
  WebSite site;
  const auto index = site.get("/");
  const std::string etag = index.header("ETag");
  REQUIRE(etag.size() > 2);
  CHECK(etag.front() == '"');
  CHECK(etag.back() == '"');
  CHECK(site.get("/index.html").header("ETag") == etag);
  const std::string script_etag = site.get("/assets/app-3F2KX7QZ.js").header("ETag");
  CHECK(script_etag != etag);

  const auto unchanged = site.get("/", {"If-None-Match: " + etag});
  CHECK(unchanged.status == 304);
  CHECK(unchanged.body.empty());
  CHECK(unchanged.header("ETag") == etag);
  CHECK(unchanged.header("Cache-Control") == "no-cache");
  check_security_headers(unchanged);
  CHECK(site.get("/", {"If-None-Match: \"other\", W/" + etag}).status == 304);
  CHECK(site.get("/", {"If-None-Match: *"}).status == 304);
  CHECK(site.get("/assets/app-3F2KX7QZ.js", {"If-None-Match: " + script_etag}).header("Cache-Control") ==
        "public, max-age=31536000, immutable");

  const auto changed = site.get("/", {"If-None-Match: " + script_etag});
  CHECK(changed.status == 200);
  CHECK(changed.body == kIndex);
}

TEST_CASE("every answer carries the security headers", "[web]") {
  WebSite site;
  const auto port = site.server->port();
  check_security_headers(site.get("/"));
  check_security_headers(site.get("/assets/app-3F2KX7QZ.js"));
  check_security_headers(site.get("/nowhere"));
  check_security_headers(site.get("/%zz"));
  check_security_headers(site.get("/healthz"));
  check_security_headers(site.get("/metrics"));
  check_security_headers(http_request(port, "POST", "/"));
  check_security_headers(http_request(port, "HEAD", "/"));
  const auto refused = upgrade_by_hand(port, {"Origin: https://evil.example"});
  CHECK(refused.status == 403);
  check_security_headers(refused);
  const auto accepted = upgrade_by_hand(port, {});
  CHECK(accepted.status == 101);
  check_security_headers(accepted);
}

TEST_CASE("no request reaches a byte outside the web root", "[web]") {
  WebSite site;
  const std::vector<std::string> targets = {
      "/../outside/secret.txt",
      "/assets/../../outside/secret.txt",
      "/%2e%2e/outside/secret.txt",
      "/%2E%2E/outside/secret.txt",
      "/assets/%2e%2e/%2e%2e/outside/secret.txt",
      "/..%2foutside%2fsecret.txt",
      "/assets/../../etc/passwd",
      "/../../../../../../etc/passwd",
      "/etc/passwd",
      "//etc/passwd",
      "/" + site.outside().string() + "/secret.txt",
      site.outside().string() + "/secret.txt",
      "http://127.0.0.1/etc/passwd",
      "/..\\outside\\secret.txt",
      "/assets\\..\\..\\outside\\secret.txt",
      "/%5c..%5coutside%5csecret.txt",
      "/leak.txt",                  // a symlink to the secret
      "/assets/outside/secret.txt",  // a directory symlink out of the root
      "/.env",
      "/index.html%00.js",
      "/%00",
      "/assets",
      "/assets/",
      "/./index.html/..",
  };
  for (const auto& target : targets) {
    INFO(target);
    const auto answer = site.get(target);
    CHECK((answer.status == 404 || answer.status == 400));
    CHECK(answer.body.find(kSecret) == std::string::npos);
    CHECK(answer.body.find("root:") == std::string::npos);
    CHECK(answer.body.find("<title>Hearth") == std::string::npos);
  }
  // A raw NUL inside the request line itself is refused by the parser: nothing is answered
  // from the root either.
  const auto nul = http_by_hand(site.server->port(), std::string("GET /index.html\0.js HTTP/1.1\r\nHost: x\r\n"
                                                                 "Connection: close\r\n\r\n", 58));
  CHECK(nul.body.find("<title>Hearth") == std::string::npos);
  CHECK(site.server->running());
  CHECK(site.get("/").status == 200);
}

TEST_CASE("HEAD answers the head alone and other methods get 405", "[web]") {
  WebSite site;
  const auto port = site.server->port();
  const auto head = http_request(port, "HEAD", "/assets/app-3F2KX7QZ.js");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.header("Content-Length") == std::to_string(std::string(kScript).size()));
  CHECK(head.header("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(head.header("ETag") == site.get("/assets/app-3F2KX7QZ.js").header("ETag"));

  const auto health = http_request(port, "HEAD", "/healthz");
  CHECK(health.status == 200);
  CHECK(health.body.empty());
  const auto missing = http_request(port, "HEAD", "/nowhere");
  CHECK(missing.status == 404);
  CHECK(missing.body.empty());

  for (const std::string method : {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    INFO(method);
    const auto refused = http_request(port, method, "/", {"Content-Length: 0"});
    CHECK(refused.status == 405);
    CHECK(refused.header("Allow") == "GET, HEAD");
    CHECK(refused.body.find("<title>Hearth") == std::string::npos);
  }
}

TEST_CASE("without a built client hearthd still runs and says how to build it", "[web]") {
  TempDir dir;
  HearthdProcess server(dir.path() / "data", {"--web-root", (dir.path() / "not-built").string()});
  const auto root = http_request(server.port(), "GET", "/");
  CHECK(root.status == 404);
  CHECK(root.body.find("browser client is not built") != std::string::npos);
  check_security_headers(root);
  std::string body;
  CHECK(server.http_get("/healthz", body) == 200);
  const std::string logs = server.output();
  const auto first = logs.find("web.not_built");
  REQUIRE(first != std::string::npos);
  CHECK(logs.find("web.not_built", first + 1) == std::string::npos);  // one line, not one per request
}

TEST_CASE("a page of the same origin may open the WebSocket, another origin may not", "[web]") {
  WebSite site;
  const auto port = site.server->port();
  const std::string own = "http://127.0.0.1:" + std::to_string(port);
  CHECK(upgrade_by_hand(port, {"Origin: " + own}).status == 101);
  // Behind a TLS proxy that passes Host on, the page's origin is https://.
  CHECK(upgrade_by_hand(port, {"Origin: https://hearth.example.org", "Host: hearth.example.org"}).status == 101);
  for (const std::string& foreign : std::vector<std::string>{"https://evil.example", "http://localhost:" + std::to_string(port),
                                    "http://127.0.0.1:" + std::to_string(port + 1), own + ".evil.example", "null"}) {
    INFO(foreign);
    const auto refused = upgrade_by_hand(port, {"Origin: " + foreign});
    CHECK(refused.status == 403);
  }

  // The accepted same-origin socket is a working Hearth connection.
  hearth::client::ConnectOptions same_origin;
  same_origin.origin = own;
  std::string error;
  auto connection = hearth::client::Connection::connect(site.server->ws_url(), same_origin, &error);
  REQUIRE(connection);
  CHECK(connection->call(requests::register_account("pagevisitor", kPassword)).has_auth());
}
