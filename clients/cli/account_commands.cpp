// register, login, logout, whoami, invite.
#include <iostream>

#include "clients/cli/commands.h"
#include "clients/cli/direct_device.h"
#include "clients/cli/password_prompt.h"
#include "clients/client/requests.h"

namespace hearth::cli {

namespace requests = client::requests;

namespace {

// Stores the token of a successful register/login and greets the person.
int remember_login(CliContext& cli, const std::string& server, const hearth::v1::Response& response) {
  if (response.has_error()) return cli.out.refused(response);
  Credentials credentials{server, response.auth().user().handle(), response.auth().token()};
  std::string error;
  if (!save_credentials(cli.credentials_file(), credentials, error)) {
    std::cerr << "hearth: " << error << "\n";
    return kRefused;
  }
  hearth::v1::AuthResult shown = response.auth();
  shown.clear_token();  // never printed, not even as JSON
  if (cli.out.json()) cli.out.json_line(shown);
  cli.out.say("Welcome, " + shown.user().handle() + ". You are logged in (" +
              hearth::v1::Role_Name(shown.user().role()).substr(5) + ").");
  return kOk;
}

int authenticate_with_password(CliContext& cli, bool registering) {
  if (cli.args.words.size() != 1) {
    std::cerr << "usage: hearth " << cli.args.command << " HANDLE" << (registering ? " [--invite CODE]" : "") << "\n";
    return kUsage;
  }
  const std::string handle = cli.args.words[0];
  const auto password = read_password(registering ? "Choose a password (10 characters or more): " : "Password: ",
                                      cli.args.password_stdin, registering);
  if (!password) return kUsage;
  // The server's rule, checked here too so nobody types a short password twice for nothing.
  if (registering && password->size() < 10) {
    std::cerr << "hearth: a password needs at least 10 characters (a short sentence works well)\n";
    return kUsage;
  }
  int code = kOk;
  auto connection = cli.connect(code);
  if (!connection) return code;
  const auto frame = registering ? requests::register_account(handle, *password, cli.args.option("invite").value_or(""))
                                 : requests::login(handle, *password, cli.args.option("device").value_or("hearth cli"));
  const int result = remember_login(cli, cli.server_url(), connection->call(frame));
  if (result != kOk) return result;
  // This terminal becomes a device for direct messages now, so that whoever writes first (a
  // sponsor, say) finds keys to encrypt for. A failure here does not undo the login.
  cli.credentials = load_credentials(cli.credentials_file());
  int device_code = kOk;
  if (!cli.credentials || !DirectDevice::open(cli, *connection, device_code)) {
    std::cerr << "hearth: direct messages are not set up on this terminal yet; `hearth devices add` retries\n";
  }
  return kOk;
}

}  // namespace

int run_register(CliContext& cli) { return authenticate_with_password(cli, true); }
int run_login(CliContext& cli) { return authenticate_with_password(cli, false); }

int run_logout(CliContext& cli) {
  int code = kOk;
  auto connection = cli.connect_authenticated(code);
  if (!connection) {
    forget_credentials(cli.credentials_file());
    return code == kNotLoggedIn ? kOk : code;
  }
  const auto response = connection->call(requests::logout());
  forget_credentials(cli.credentials_file());
  if (response.has_error()) return cli.out.refused(response);
  cli.out.say("Logged out. The token is revoked on the server and removed from this computer.");
  if (cli.out.json()) cli.out.json_line(response);
  return kOk;
}

int run_whoami(CliContext& cli) {
  int code = kOk;
  auto connection = cli.connect_authenticated(code);
  if (!connection) return code;
  const auto response = connection->call(requests::who_am_i());
  if (response.has_error()) return cli.out.refused(response);
  if (cli.out.json()) cli.out.json_line(response.who_am_i());
  const auto& user = response.who_am_i().user();
  cli.out.say(user.handle() + " (" + hearth::v1::Role_Name(user.role()).substr(5) + ") on " + cli.server_url() +
              ", member of " + std::to_string(response.who_am_i().room_ids_size()) + " room(s)");
  return kOk;
}

int run_invite(CliContext& cli) {
  const std::string role_name = cli.args.option("role").value_or("member");
  hearth::v1::Role role = hearth::v1::ROLE_MEMBER;
  if (role_name == "coach") role = hearth::v1::ROLE_COACH;
  else if (role_name == "admin") role = hearth::v1::ROLE_ADMIN;
  else if (role_name != "member") {
    std::cerr << "usage: hearth invite [--role member|coach|admin] [--hours N]\n";
    return kUsage;
  }
  int code = kOk;
  auto connection = cli.connect_authenticated(code);
  if (!connection) return code;
  const auto hours = static_cast<std::uint32_t>(std::stoul(cli.args.option("hours").value_or("0")));
  const auto response = connection->call(requests::create_invite(role, hours));
  if (response.has_error()) return cli.out.refused(response);
  if (cli.out.json()) cli.out.json_line(response.invite());
  cli.out.say("Invite code for a new " + role_name + ": " + response.invite().code() +
              "\nIt works once. They run: hearth register THEIR-NAME --invite " + response.invite().code());
  return kOk;
}

}  // namespace hearth::cli
