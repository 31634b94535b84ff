// What every command needs: the parsed arguments, output, and a connection (authenticated with
// the stored token when the command needs an account).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "clients/cli/arguments.h"
#include "clients/cli/credentials_store.h"
#include "clients/cli/output.h"
#include "clients/client/connection.h"

namespace hearth::cli {

class CliContext {
 public:
  CliContext(Arguments args, Output out) : args(std::move(args)), out(out) {}

  // The server URL: --server, $HEARTH_SERVER, the stored login's, or ws://127.0.0.1:8080/ws.
  std::string server_url() const;
  std::filesystem::path credentials_file() const { return credentials_path(args.profile); }

  // Connects; on failure prints why and returns the exit code in `exit_code`.
  std::unique_ptr<client::Connection> connect(int& exit_code) const;
  // Connects and authenticates with the stored token.
  std::unique_ptr<client::Connection> connect_authenticated(int& exit_code);
  // connect_authenticated, then resolves the room named by the first word into `room_id`.
  std::unique_ptr<client::Connection> connect_to_room(std::uint64_t& room_id, int& exit_code);
  // True if the command got between `min` and `max` words; otherwise prints `usage`.
  bool has_words(std::size_t min, std::size_t max, const char* usage) const;
  // Resolves a room name or numeric id to an id; prints the problem and returns nullopt.
  std::optional<std::uint64_t> resolve_room(client::Connection& connection, const std::string& room,
                                            int& exit_code) const;

  Arguments args;
  Output out;
  std::optional<Credentials> credentials;  // set by connect_authenticated
  bool quiet_connect_errors = false;       // while reconnecting: one notice is enough
};

}  // namespace hearth::cli
