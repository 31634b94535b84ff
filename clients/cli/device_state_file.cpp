#include "clients/cli/device_state_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "clients/cli/credentials_store.h"

namespace hearth::cli {

namespace fs = std::filesystem;

namespace {

bool sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced;
}

}  // namespace

fs::path device_state_path(const std::string& handle, const std::string& profile) {
  return config_dir() / ("device-" + handle + (profile.empty() ? "" : "-" + profile) + ".state");
}

std::optional<DeviceStateLock> DeviceStateLock::acquire(const fs::path& state_path, std::string& error) {
  std::error_code ec;
  fs::create_directories(state_path.parent_path(), ec);
  ::chmod(state_path.parent_path().c_str(), 0700);
  const fs::path lock_path = state_path.string() + ".lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = "cannot open " + lock_path.string();
    return std::nullopt;
  }
  // A live `hearth dm` holds the lock only while it handles one message: a few seconds of
  // waiting is plenty; longer means another process is stuck.
  for (int attempt = 0; attempt < 100; ++attempt) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return DeviceStateLock(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::close(fd);
  error = "another hearth process is using this device's keys (" + state_path.string() + "); try again";
  return std::nullopt;
}

DeviceStateLock::~DeviceStateLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

std::optional<hearth::client::DeviceState> load_device_state(const fs::path& path, std::string& error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream bytes;
  bytes << file.rdbuf();
  std::string data = bytes.str();
  hearth::client::DeviceState state;
  const bool parsed = state.ParseFromString(data);
  sodium_memzero(data.data(), data.size());
  if (!parsed) {
    error = path.string() + " is damaged; move it aside to start this device afresh (its messages are lost)";
    return std::nullopt;
  }
  return state;
}

bool save_device_state(const fs::path& path, const hearth::client::DeviceState& state, std::string& error) {
  std::string data;
  if (!state.SerializeToString(&data)) {
    error = "cannot encode the device state";
    return false;
  }
  const fs::path temp = path.string() + ".tmp";
  // 0600 from the first byte: the file holds private keys and message text.
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool written = fd >= 0;
  if (written) {
    written = ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size());
    ::fchmod(fd, 0600);
    written = written && ::fsync(fd) == 0;
    ::close(fd);
  }
  sodium_memzero(data.data(), data.size());
  if (!written || std::rename(temp.c_str(), path.c_str()) != 0) {
    error = "cannot write " + path.string();
    std::error_code ec;
    fs::remove(temp, ec);
    return false;
  }
  // The rename is durable only once the directory is on disk too. Callers send an envelope only
  // after this returns, so a crash can never leave the old ratchet state behind a sent message.
  if (!sync_directory(path.parent_path())) {
    error = "cannot sync " + path.parent_path().string();
    return false;
  }
  return true;
}

}  // namespace hearth::cli
