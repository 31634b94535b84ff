#include "clients/cli/credentials_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "clients/client/hex.h"

namespace hearth::cli {

namespace fs = std::filesystem;
using client::from_hex;
using client::to_hex;

fs::path config_dir() {
  if (const char* dir = std::getenv("HEARTH_CONFIG_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return fs::path(xdg) / "hearth";
  const char* home = std::getenv("HOME");
  return fs::path(home ? home : ".") / ".config" / "hearth";
}

fs::path credentials_path(const std::string& profile) {
  return config_dir() / (profile.empty() ? "credentials.conf" : "credentials-" + profile + ".conf");
}

std::optional<Credentials> load_credentials(const fs::path& path) {
  std::ifstream file(path);
  if (!file) return std::nullopt;
  Credentials credentials;
  std::string line;
  while (std::getline(file, line)) {
    const auto equals = line.find('=');
    if (equals == std::string::npos) continue;
    const std::string key = line.substr(0, equals), value = line.substr(equals + 1);
    if (key == "server") credentials.server = value;
    else if (key == "handle") credentials.handle = value;
    else if (key == "token") credentials.token = from_hex(value).value_or("");
  }
  if (credentials.token.size() != 32) return std::nullopt;
  return credentials;
}

bool save_credentials(const fs::path& path, const Credentials& credentials, std::string& error) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  ::chmod(path.parent_path().c_str(), 0700);
  const fs::path temp = path.string() + ".tmp";
  // Created 0600 from the first byte, never widened: the token is as good as the password.
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = "cannot write " + temp.string();
    return false;
  }
  const std::string text = "server=" + credentials.server + "\nhandle=" + credentials.handle +
                           "\ntoken=" + to_hex(credentials.token) + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::fchmod(fd, 0600);
  ::fsync(fd);
  ::close(fd);
  if (!written || std::rename(temp.c_str(), path.c_str()) != 0) {
    error = "cannot write " + path.string();
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

void forget_credentials(const fs::path& path) {
  std::error_code ec;
  fs::remove(path, ec);
}

}  // namespace hearth::cli
