#include "tests/integration/hearthd_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace hearth::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() / ("hearth-test-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

fs::path hearthd_binary() { return HEARTHD_BINARY; }

HearthdProcess::HearthdProcess(const fs::path& data_dir, std::vector<std::string> extra_args) {
  static int launches = 0;
  log_path_ = data_dir.parent_path() /
              (data_dir.filename().string() + "-hearthd-" + std::to_string(++launches) + ".log");
  // A --listen among extra_args (a restart on the same port) replaces the ephemeral port.
  const bool listen_given = std::find(extra_args.begin(), extra_args.end(), "--listen") != extra_args.end();
  std::vector<std::string> args = {hearthd_binary().string(), "--data-dir", data_dir.string(), "--threads", "2"};
  if (!listen_given) args.insert(args.end(), {"--listen", "127.0.0.1:0"});
  // Tests register many accounts from 127.0.0.1: the per-address registration limit is lifted
  // unless the test sets it.
  if (std::find(extra_args.begin(), extra_args.end(), "--registrations-per-address-per-hour") == extra_args.end()) {
    args.insert(args.end(), {"--registrations-per-address-per-hour", "0"});
  }
  args.insert(args.end(), extra_args.begin(), extra_args.end());

  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }

  const std::regex listening(R"(hearthd listening on http://[0-9.]+:([0-9]+))");
  const std::regex invite(R"(--invite ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}))");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string text = output();
    std::smatch match;
    if (std::regex_search(text, match, listening)) {
      port_ = static_cast<std::uint16_t>(std::stoi(match[1]));
      if (std::regex_search(text, match, invite)) admin_invite_ = match[1];
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("hearthd exited during start-up:\n" + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill_hard();
  throw std::runtime_error("hearthd did not start within 20 s:\n" + output());
}

HearthdProcess::~HearthdProcess() {
  if (pid_ > 0) terminate();
}

std::string HearthdProcess::ws_url() const {
  return "ws://127.0.0.1:" + std::to_string(port_) + "/ws";
}

std::string HearthdProcess::output() const {
  std::ifstream file(log_path_);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

void HearthdProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

namespace {

// True once every thread of `pid` is stopped ('T' in /proc/PID/task/TID/stat) or gone. kill(SIGSTOP)
// returns before that: a thread already running could still read a socket.
bool all_threads_stopped(pid_t pid) {
  std::error_code error;
  for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", error)) {
    std::ifstream stat(task.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const auto name_end = line.rfind(')');
    if (name_end == std::string::npos || name_end + 2 >= line.size()) return false;
    const char state = line[name_end + 2];
    if (state != 'T' && state != 't' && state != 'Z' && state != 'X') return false;  // Z, X: exited
  }
  return !error;
}

}  // namespace

void HearthdProcess::freeze() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGSTOP);
  while (!all_threads_stopped(pid_)) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

std::size_t HearthdProcess::unread_bytes() const {
  // "sl local_address rem_address st tx_queue:rx_queue ...", addresses and queues in hex; the
  // server's side of a connection has the server's port as its local port.
  std::ifstream table("/proc/net/tcp");
  std::string line;
  std::getline(table, line);  // the header
  std::size_t unread = 0;
  while (std::getline(table, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state, queues;
    fields >> slot >> local >> remote >> state >> queues;
    const auto colon = local.find(':');
    const auto queue_colon = queues.find(':');
    // Established connections only (01): a listening socket's rx_queue counts waiting accepts.
    if (state != "01" || colon == std::string::npos || queue_colon == std::string::npos) continue;
    if (std::stoul(local.substr(colon + 1), nullptr, 16) != port_) continue;
    unread += std::stoul(queues.substr(queue_colon + 1), nullptr, 16);
  }
  return unread;
}

int HearthdProcess::terminate(std::chrono::seconds grace) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill_hard();
  return -1;
}

std::size_t HearthdProcess::peak_resident_bytes() const {
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;  // given in kB
  }
  return 0;
}

int HearthdProcess::http_get(const std::string& target, std::string& body) const {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port_);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  const std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                              std::to_string(port_) + "\r\nConnection: close\r\n\r\n";
  (void)::write(fd, request.data(), request.size());
  std::string response;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) response.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  const auto header_end = response.find("\r\n\r\n");
  if (response.size() < 12 || header_end == std::string::npos) return -1;
  body = response.substr(header_end + 4);
  return std::stoi(response.substr(9, 3));
}

}  // namespace hearth::testing
