#include "server/static_files.h"

#include <sodium.h>

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/span_body.hpp>
#include <fstream>
#include <system_error>

#include "server/log.h"
#include "server/security_headers.h"

namespace hearth::server {

namespace http = boost::beast::http;
namespace fs = std::filesystem;

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ends_with_ignoring_case(std::string_view name, std::string_view suffix) {
  if (name.size() < suffix.size()) return false;
  name.remove_prefix(name.size() - suffix.size());
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    const char c = name[i] >= 'A' && name[i] <= 'Z' ? static_cast<char>(name[i] - 'A' + 'a') : name[i];
    if (c != suffix[i]) return false;
  }
  return true;
}

std::string strong_etag(std::string_view body) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                     nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return "\"" + std::string(hex) + "\"";
}

// RFC 9110 13.1.2: If-None-Match compares weakly, so W/"x" matches "x"; "*" matches any file.
bool none_match_hits(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

bool is_hidden(const fs::path& relative) {
  for (const auto& part : relative) {
    if (!part.empty() && part.native().front() == '.') return true;
  }
  return false;
}

// True when `target` (already canonical) is `root` or lies below it.
bool inside(const fs::path& root, const fs::path& target) {
  const fs::path relative = target.lexically_relative(root);
  return !relative.empty() && *relative.begin() != "..";
}

// Reads at most `limit` + 1 bytes, so a file that grew past the bound since it was sized is
// still caught.
std::optional<std::string> read_bounded(const fs::path& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string body(limit + 1, '\0');
  in.read(body.data(), static_cast<std::streamsize>(body.size()));
  if (in.bad()) return std::nullopt;
  body.resize(static_cast<std::size_t>(in.gcount()));
  return body;
}

void skip(std::string_view reason, const fs::path& relative) {
  log::warn("web.file_skipped", {{"file", relative.generic_string()}, {"reason", reason}});
}

template <class Response>
void set_file_headers(Response& response, const StaticFiles::File& file) {
  apply_security_headers(response);
  response.set(http::field::etag, file.etag);
  // Hashed names never change meaning: cache them for a year. Anything else (index.html, which
  // names the current hashes) is revalidated every time, cheaply, with its ETag.
  response.set(http::field::cache_control, file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
}

}  // namespace

std::optional<std::string> web_path_of(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  target = target.substr(0, target.find('?'));
  std::string decoded;
  decoded.reserve(target.size());
  for (std::size_t i = 0; i < target.size(); ++i) {
    char c = target[i];
    if (c == '%') {
      if (i + 2 >= target.size() || hex_value(target[i + 1]) < 0 || hex_value(target[i + 2]) < 0) return std::nullopt;
      c = static_cast<char>(hex_value(target[i + 1]) * 16 + hex_value(target[i + 2]));
      i += 2;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '\\') return std::nullopt;
    decoded.push_back(c);
  }
  // Every segment after the leading '/' is checked once decoded, so %2e%2e is ".." too.
  std::string_view rest = std::string_view(decoded).substr(1);
  while (true) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment == "." || segment == "..") return std::nullopt;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (decoded == "/") return std::string("index.html");
  return decoded.substr(1);
}

std::string_view content_type_for(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml; charset=utf-8"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json; charset=utf-8"},
      {".wasm", "application/wasm"},  // the type WebAssembly.instantiateStreaming insists on
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".woff2", "font/woff2"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (ends_with_ignoring_case(name, extension)) return type;
  }
  return "application/octet-stream";
}

StaticFiles StaticFiles::load(const fs::path& root) {
  StaticFiles files;
  std::error_code ec;
  const fs::path canonical_root = fs::canonical(root, ec);
  if (ec || !fs::is_regular_file(canonical_root / "index.html", ec)) {
    log::warn("web.not_built", {{"web_root", root.string()},
                                {"hint", "the browser client is not built: build clients/web (clients/web/README.md) "
                                         "or point --web-root at a built client, then restart hearthd"}});
    return files;
  }
  std::size_t total_bytes = 0;
  for (auto it = fs::recursive_directory_iterator(canonical_root, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path relative = it->path().lexically_relative(canonical_root);
    if (is_hidden(relative)) {  // .git, .env, editor files: never served, never descended into
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    // Directory symlinks are not followed (the iterator's default); a file symlink is served
    // only if what it resolves to is a regular file inside the root.
    if (it->is_symlink(ec)) {
      const fs::path target = fs::canonical(it->path(), ec);
      if (ec || !inside(canonical_root, target)) {
        skip("symlink to nothing or to outside the web root", relative);
        ec.clear();
        continue;
      }
    }
    if (!it->is_regular_file(ec)) continue;  // directories are walked, never listed
    if (files.files_.size() == kMaxWebFiles || total_bytes >= kMaxWebRootBytes) {
      log::warn("web.root_too_large", {{"files", files.files_.size()}, {"bytes", total_bytes}});
      break;
    }
    auto body = read_bounded(it->path(), kMaxWebFileBytes);
    if (!body) {
      skip("unreadable", relative);
      continue;
    }
    if (body->size() > kMaxWebFileBytes || total_bytes + body->size() > kMaxWebRootBytes) {
      skip("larger than the bound", relative);
      continue;
    }
    total_bytes += body->size();
    const std::string key = relative.generic_string();
    File file;
    file.content_type = content_type_for(key);
    file.etag = strong_etag(*body);
    file.immutable = key.starts_with("assets/");
    file.body = std::move(*body);
    files.files_.emplace(key, std::move(file));
  }
  if (ec) log::warn("web.walk_failed", {{"web_root", root.string()}, {"error", ec.message()}});
  files.built_ = true;
  log::info("web.loaded", {{"files", files.files_.size()}, {"bytes", total_bytes}});
  return files;
}

const StaticFiles::File* StaticFiles::find(const std::string& web_path) const {
  const auto found = files_.find(web_path);
  return found == files_.end() ? nullptr : &found->second;
}

http::message_generator StaticFiles::answer(const HttpRequest& request) const {
  const auto path = web_path_of(request.target());
  if (!path) return reply(request, text_response(request, http::status::bad_request, "malformed path\n"));
  const File* file = find(*path);
  if (file == nullptr) {
    if (!built_) {
      return reply(request, text_response(request, http::status::not_found,
                                          "The browser client is not built: build clients/web (see "
                                          "clients/web/README.md) and restart hearthd.\n"));
    }
    return reply(request, text_response(request, http::status::not_found,
                                        "not found; the WebSocket endpoint is /ws (subprotocol hearth.v1)\n"));
  }
  const bool unchanged = none_match_hits(request[http::field::if_none_match], file->etag);
  if (unchanged || request.method() == http::verb::head) {
    http::response<http::empty_body> head{unchanged ? http::status::not_modified : http::status::ok,
                                          request.version()};
    set_file_headers(head, *file);
    if (!unchanged) {
      head.set(http::field::content_type, file->content_type);
      head.content_length(file->body.size());
    }
    head.keep_alive(request.keep_alive());
    return head;
  }
  // The body is a view of the file held in memory for the server's life: nothing is copied.
  http::response<http::span_body<const char>> response{http::status::ok, request.version()};
  set_file_headers(response, *file);
  response.set(http::field::content_type, file->content_type);
  response.body() = {file->body.data(), file->body.size()};
  response.keep_alive(request.keep_alive());
  response.prepare_payload();
  return response;
}

}  // namespace hearth::server
