#include "clients/cli/credentials_store.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <random>

using namespace hearth::cli;
namespace fs = std::filesystem;

TEST_CASE("credentials round-trip through a 0600 file in a 0700 directory", "[cli]") {
  std::random_device random;
  const fs::path dir = fs::temp_directory_path() / ("hearth-cred-" + std::to_string(random())) / "hearth";
  const fs::path file = dir / "credentials.conf";
  Credentials saved{"ws://127.0.0.1:8080/ws", "ann", std::string(32, '\0')};
  for (std::size_t i = 0; i < 32; ++i) saved.token[i] = static_cast<char>(i * 7);
  std::string error;
  REQUIRE(save_credentials(file, saved, error));
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  REQUIRE(::stat(dir.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0700);
  const auto loaded = load_credentials(file);
  REQUIRE(loaded);
  CHECK(loaded->server == saved.server);
  CHECK(loaded->handle == "ann");
  CHECK(loaded->token == saved.token);
  forget_credentials(file);
  CHECK_FALSE(load_credentials(file));
  fs::remove_all(dir.parent_path());
}

TEST_CASE("a damaged credentials file is treated as no login", "[cli]") {
  std::random_device random;
  const fs::path file = fs::temp_directory_path() / ("hearth-cred-bad-" + std::to_string(random()));
  { std::ofstream(file) << "server=x\nhandle=y\ntoken=zz-not-hex\n"; }
  CHECK_FALSE(load_credentials(file));
  fs::remove(file);
}
