// Who a connection is, once it has authenticated. A value; copied freely.
#pragma once

#include <cstdint>
#include <string>

#include "server/storage/records.h"

namespace hearth::server {

struct Identity {
  std::uint64_t user_id = 0;
  std::string handle;
  storage::Role role = storage::Role::kMember;
  std::string token_hash;  // which token this connection used: logout closes all its sockets

  bool is_admin() const { return role == storage::Role::kAdmin; }
};

}  // namespace hearth::server
