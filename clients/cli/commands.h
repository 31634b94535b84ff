// Every `hearth` command: each returns the process exit code (see ExitCode in output.h).
#pragma once

#include "clients/cli/cli_context.h"

namespace hearth::cli {

// account_commands.cpp
int run_register(CliContext&);
int run_login(CliContext&);
int run_logout(CliContext&);
int run_whoami(CliContext&);
int run_invite(CliContext&);
// room_commands.cpp
int run_rooms(CliContext&);
int run_create_room(CliContext&);
int run_assign_coach(CliContext&);
int run_room_invite(CliContext&);
int run_join(CliContext&);
int run_leave(CliContext&);
int run_members(CliContext&);
// message_commands.cpp
int run_send(CliContext&);
int run_history(CliContext&);
int run_edit(CliContext&);
int run_delete(CliContext&);
// live_commands.cpp
int run_tail(CliContext&);
int run_chat(CliContext&);

}  // namespace hearth::cli
