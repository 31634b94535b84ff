// A real hearthd child process on an ephemeral port with its own data directory, for
// integration tests. Not thread-safe: one test drives it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hearth::testing {

// A temporary directory removed (with its contents) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class HearthdProcess {
 public:
  // Starts hearthd with `--listen 127.0.0.1:0 --data-dir <data_dir>` plus `extra_args` (whose
  // own --listen, if any, replaces the first), and waits until it prints its port. Throws
  // std::runtime_error if it does not come up in 20 s. Every test connects from 127.0.0.1, so
  // `--registrations-per-address-per-hour 0` (no limit) is added unless `extra_args` sets it.
  HearthdProcess(const std::filesystem::path& data_dir, std::vector<std::string> extra_args = {});
  // Stops the server with SIGTERM (SIGKILL after 10 s) if it still runs.
  ~HearthdProcess();
  HearthdProcess(const HearthdProcess&) = delete;
  HearthdProcess& operator=(const HearthdProcess&) = delete;

  std::uint16_t port() const { return port_; }
  std::string ws_url() const;
  // The one-time admin invite hearthd printed (empty if the database was not fresh).
  const std::string& admin_invite() const { return admin_invite_; }
  // Everything hearthd wrote to stdout and stderr so far (its logs).
  std::string output() const;

  // SIGKILL: no shutdown code runs. Waits for the process to be gone.
  void kill_hard();
  // SIGSTOP, returning once every thread has stopped: the server stays up for the kernel (connections open, bytes still arrive in its
  // sockets' buffers) but reads and answers nothing. kill_hard() ends a frozen server too.
  void freeze();
  // Bytes clients sent that wait unread in the server's TCP sockets (/proc/net/tcp): with the
  // server frozen, the proof that a request reached it and was not read.
  std::size_t unread_bytes() const;
  // SIGTERM and wait; returns the exit status (or -1 if it had to be killed).
  int terminate(std::chrono::seconds grace = std::chrono::seconds(10));
  bool running() const { return pid_ > 0; }

  // The most memory the server process has held at once so far (VmHWM), in bytes; 0 if unknown.
  std::size_t peak_resident_bytes() const;

  // An HTTP GET on the server's port; returns the status line's code and fills `body`.
  int http_get(const std::string& target, std::string& body) const;

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string admin_invite_;
  std::filesystem::path log_path_;
};

// The hearthd binary under test (set by CMake).
std::filesystem::path hearthd_binary();

}  // namespace hearth::testing
