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
// moderation_commands.cpp
int run_report(CliContext&);
int run_queue(CliContext&);
int run_claim(CliContext&);
int run_approve(CliContext&);
int run_remove(CliContext&);
int run_dismiss(CliContext&);
int run_warn(CliContext&);
int run_mute(CliContext&);
int run_kick(CliContext&);
int run_ban(CliContext&);
int run_unmute(CliContext&);
int run_unban(CliContext&);
int run_escalate(CliContext&);
int run_rules(CliContext&);
int run_policy(CliContext&);
int run_audit(CliContext&);
// direct_commands.cpp
int run_dm(CliContext&);
int run_safety_number(CliContext&);
// contact_commands.cpp
int run_requests(CliContext&);
int run_block(CliContext&);
int run_sponsor(CliContext&);
int run_devices(CliContext&);

}  // namespace hearth::cli
