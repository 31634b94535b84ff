// The database schema as numbered migrations, applied in order on open and recorded in
// PRAGMA user_version. A migration, once released, is never edited: add the next one.
#pragma once

#include <string>

#include "server/storage/sqlite_connection.h"

namespace hearth::storage {

// Brings the database to `target_version` (the newest schema unless a test asks for an older
// one, to build the database an earlier release left behind). Returns false with `error` set on
// failure, having rolled back the failed step. Refuses a database newer than this build.
bool migrate(SqliteConnection& connection, std::string* error, int target_version);
bool migrate(SqliteConnection& connection, std::string* error);

// The schema version this build writes.
int latest_schema_version();

}  // namespace hearth::storage
