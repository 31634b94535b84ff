// First-start chores on a fresh database: the one-time admin invite and, if asked, demo rooms.
// Runs once in main before serving; blocks on storage.
#pragma once

#include <ostream>

#include "server/config.h"
#include "server/storage/store.h"

namespace hearth::server {

// Returns false (having printed why to `err`) if storage failed.
bool bootstrap_fresh_database(storage::Store& store, const Config& config, std::ostream& out,
                              std::ostream& err);

// Mints another admin invite, for an operator who lost the first one (hearthd --admin-invite).
bool print_new_admin_invite(storage::Store& store, const Config& config, std::ostream& out,
                            std::ostream& err);

}  // namespace hearth::server
