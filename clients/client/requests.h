// Builders for every ClientFrame, so the CLI, the tests and the load generator build requests
// one way. Pure functions; the request_id is set by Connection.
#pragma once

#include <cstdint>
#include <string>

#include "hearth/v1/frames.pb.h"

namespace hearth::client::requests {

using hearth::v1::ClientFrame;

ClientFrame register_account(std::string handle, std::string password, std::string invite_code = {});
ClientFrame login(std::string handle, std::string password, std::string device_name = {});
ClientFrame authenticate(std::string token);
ClientFrame logout();
ClientFrame who_am_i();
ClientFrame create_invite(hearth::v1::Role role, std::uint32_t valid_hours = 0);
ClientFrame create_room(std::string name, std::string topic, bool closed);
ClientFrame assign_coach(std::uint64_t room_id, std::string handle, bool remove = false);
ClientFrame list_rooms();
ClientFrame join_room(std::uint64_t room_id, std::string invite_code = {});
ClientFrame leave_room(std::uint64_t room_id);
ClientFrame create_room_invite(std::uint64_t room_id, std::uint32_t valid_hours = 0);
ClientFrame list_members(std::uint64_t room_id);
// `idempotency_key`: empty for none; see idempotency_key.h.
ClientFrame send_message(std::uint64_t room_id, std::string text, std::string idempotency_key = {});
ClientFrame edit_message(std::uint64_t message_id, std::string text);
ClientFrame delete_message(std::uint64_t message_id);
ClientFrame history_after(std::uint64_t room_id, std::uint64_t after_seq, std::uint32_t limit = 0);
ClientFrame history_before(std::uint64_t room_id, std::uint64_t before_seq, std::uint32_t limit = 0);
ClientFrame history_latest(std::uint64_t room_id, std::uint32_t limit = 0);

}  // namespace hearth::client::requests
