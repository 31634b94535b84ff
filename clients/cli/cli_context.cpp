#include "clients/cli/cli_context.h"

#include <cstdlib>
#include <iostream>

#include "clients/client/requests.h"

namespace hearth::cli {

std::string CliContext::server_url() const {
  if (!args.server.empty()) return args.server;
  if (const char* env = std::getenv("HEARTH_SERVER"); env && *env) return env;
  if (auto stored = load_credentials(credentials_file()); stored && !stored->server.empty()) return stored->server;
  return "ws://127.0.0.1:8080/ws";
}

std::unique_ptr<client::Connection> CliContext::connect(int& exit_code) const {
  std::string error;
  auto connection = client::Connection::connect(server_url(), {}, &error);
  if (!connection) {
    if (!quiet_connect_errors) std::cerr << "hearth: " << error << "\n  (is hearthd running? choose the server with --server ws://HOST:PORT/ws)\n";
    exit_code = kConnection;
  }
  return connection;
}

std::unique_ptr<client::Connection> CliContext::connect_authenticated(int& exit_code) {
  credentials = load_credentials(credentials_file());
  if (!credentials) {
    std::cerr << "hearth: not logged in: run `hearth login HANDLE` (or `hearth register HANDLE`)\n";
    exit_code = kNotLoggedIn;
    return nullptr;
  }
  auto connection = connect(exit_code);
  if (!connection) return nullptr;
  const auto response = connection->call(client::requests::authenticate(credentials->token));
  if (response.has_error()) {
    if (response.error().code() == hearth::v1::UNAUTHENTICATED) {
      std::cerr << "hearth: not logged in: " << response.error().message() << "\n  run `hearth login "
                << credentials->handle << "`\n";
      exit_code = kNotLoggedIn;
    } else {
      exit_code = out.refused(response);
    }
    return nullptr;
  }
  return connection;
}

std::unique_ptr<client::Connection> CliContext::connect_to_room(std::uint64_t& room_id, int& exit_code) {
  auto connection = connect_authenticated(exit_code);
  if (!connection) return nullptr;
  const auto resolved = resolve_room(*connection, args.words.at(0), exit_code);
  if (!resolved) return nullptr;
  room_id = *resolved;
  return connection;
}

bool CliContext::has_words(std::size_t min, std::size_t max, const char* usage) const {
  if (args.words.size() >= min && args.words.size() <= max) return true;
  std::cerr << "usage: hearth " << usage << "\n";
  return false;
}

std::optional<std::uint64_t> CliContext::resolve_room(client::Connection& connection, const std::string& room,
                                                      int& exit_code) const {
  if (!room.empty() && room.find_first_not_of("0123456789") == std::string::npos) return std::stoull(room);
  const auto response = connection.call(client::requests::list_rooms());
  if (response.has_error()) {
    exit_code = out.refused(response);
    return std::nullopt;
  }
  for (const auto& info : response.rooms().rooms()) {
    if (info.name() == room) return info.room_id();
  }
  std::cerr << "hearth: no room named '" << room << "' that you can see (try `hearth rooms`)\n";
  exit_code = kRefused;
  return std::nullopt;
}

}  // namespace hearth::cli
