#include "server/static_files.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <random>

using namespace hearth::server;
namespace fs = std::filesystem;

namespace {

struct ScratchDir {
  ScratchDir() {
    path = fs::temp_directory_path() / ("hearth-static-" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  void write(const fs::path& relative, const std::string& content) const {
    fs::create_directories((path / relative).parent_path());
    std::ofstream(path / relative, std::ios::binary) << content;
  }
  fs::path path;
};

}  // namespace

TEST_CASE("request targets map to files under the root or to nothing", "[static_files]") {
  CHECK(web_path_of("/") == "index.html");
  CHECK(web_path_of("/?utm=x") == "index.html");
  CHECK(web_path_of("/assets/app-3F2KX7QZ.js") == "assets/app-3F2KX7QZ.js");
  CHECK(web_path_of("/assets/app%2D1.js") == "assets/app-1.js");
  CHECK(web_path_of("/exit.html?q=%2e%2e") == "exit.html");  // the query is never a path
  CHECK(web_path_of("/a..b.txt") == "a..b.txt");                // dots inside a name are fine

  for (const std::string_view bad :
       {"", "*", "index.html", "http://host/index.html", "/..", "/../etc/passwd", "/assets/../index.html",
        "/%2e%2e/etc/passwd", "/%2E%2e/x", "/.%2e/x", "/./index.html", "/assets/.", "/a\\b", "/%5c", "/%00",
        "/a%0ab", "/%", "/%2", "/%zz", "/%2g", "/\x7f"}) {
    INFO(bad);
    CHECK_FALSE(web_path_of(bad).has_value());
  }
}

TEST_CASE("content types follow the extension", "[static_files]") {
  CHECK(content_type_for("index.html") == "text/html; charset=utf-8");
  CHECK(content_type_for("assets/app.JS") == "text/javascript; charset=utf-8");
  CHECK(content_type_for("a.wasm") == "application/wasm");
  CHECK(content_type_for("a.js.map") == "application/json; charset=utf-8");
  CHECK(content_type_for("html") == "application/octet-stream");
  CHECK(content_type_for("noextension") == "application/octet-stream");
}

TEST_CASE("load keeps the files inside the root and nothing else", "[static_files]") {
  ScratchDir root;
  ScratchDir outside;
  root.write("index.html", "<!doctype html>");
  root.write("assets/app-1.js", "1");
  root.write(".git/config", "secret");
  root.write("assets/.hidden", "secret");
  root.write("too-big.bin", std::string(kMaxWebFileBytes + 1, 'x'));
  outside.write("secret.txt", "secret");
  fs::create_symlink(outside.path / "secret.txt", root.path / "leak.txt");
  fs::create_directory_symlink(outside.path, root.path / "linked");
  fs::create_symlink(root.path / "assets/app-1.js", root.path / "alias.js");
  fs::create_symlink(root.path / "missing", root.path / "dangling.js");

  const StaticFiles files = StaticFiles::load(root.path);
  REQUIRE(files.built());
  CHECK(files.file_count() == 3);  // index.html, assets/app-1.js, alias.js
  REQUIRE(files.find("index.html"));
  CHECK(files.find("index.html")->body == "<!doctype html>");
  CHECK_FALSE(files.find("index.html")->immutable);
  REQUIRE(files.find("assets/app-1.js"));
  CHECK(files.find("assets/app-1.js")->immutable);
  REQUIRE(files.find("alias.js"));
  CHECK(files.find("alias.js")->etag == files.find("assets/app-1.js")->etag);
  CHECK(files.find("alias.js")->etag != files.find("index.html")->etag);
  for (const std::string skipped : {"leak.txt", "linked/secret.txt", ".git/config", "assets/.hidden",
                                    "too-big.bin", "dangling.js", "assets", ""}) {
    INFO(skipped);
    CHECK(files.find(skipped) == nullptr);
  }
}

TEST_CASE("a root without index.html is not built", "[static_files]") {
  ScratchDir root;
  root.write("assets/app-1.js", "1");
  CHECK_FALSE(StaticFiles::load(root.path).built());
  CHECK_FALSE(StaticFiles::load(root.path / "absent").built());
}
