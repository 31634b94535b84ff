// The browser client's files (index.html, content-hashed assets/, a few top-level files), read
// once at start from the web root and answered from memory.
//
// Why in memory: the built client is small (well under the bounds below), so every request is a
// map lookup. No request ever reaches the file system, which leaves no path to walk out of the
// root, no symlink raced between a check and an open, no directory to list. The price: a new
// build of the client is seen after hearthd restarts.
//
// Immutable after load(); safe to use from any thread.
#pragma once

#include <boost/beast/http/message_generator.hpp>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/http_routes.h"

namespace hearth::server {

// Bounds on what load() keeps: a file larger than this is skipped with a warning (the client's
// largest file, libsodium's WebAssembly build, is about 1 MiB), and loading stops at the total.
constexpr std::size_t kMaxWebFileBytes = 8 * 1024 * 1024;
constexpr std::size_t kMaxWebRootBytes = 64 * 1024 * 1024;
constexpr std::size_t kMaxWebFiles = 4096;

// The file a request target names, relative to the web root ("/" names "index.html"), or
// nothing when the target is malformed: not origin-form (no leading '/'), a bad %-escape, or a
// NUL, control character, backslash, "." or ".." segment once decoded. The query is ignored.
std::optional<std::string> web_path_of(std::string_view target);

// Content-Type for a file name, by extension (charset=utf-8 for text); application/octet-stream
// when unknown.
std::string_view content_type_for(std::string_view file_name);

class StaticFiles {
 public:
  struct File {
    std::string body;
    std::string_view content_type;
    std::string etag;  // strong: a quoted hash of the body
    bool immutable = false;  // under assets/: the name changes whenever the content does
  };

  // Reads every regular file under `root`, skipping hidden names, files past the bounds, and
  // symlinks that resolve outside the root (each skip is logged). A root without index.html is
  // "not built": one warning at start and 404s that say how to build it.
  static StaticFiles load(const std::filesystem::path& root);

  bool built() const { return built_; }
  std::size_t file_count() const { return files_.size(); }
  const File* find(const std::string& web_path) const;

  // GET or HEAD of anything that is not one of hearthd's own routes.
  boost::beast::http::message_generator answer(const HttpRequest& request) const;

 private:
  std::unordered_map<std::string, File> files_;
  bool built_ = false;
};

}  // namespace hearth::server
