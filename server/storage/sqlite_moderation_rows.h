// Private to the SqliteStore sources: the rows behind review queue items and audit records.
#pragma once

#include "server/storage/sqlite_store_jobs.h"

namespace hearth::storage {

// Appends one audit record (the table refuses updates and deletes).
Status append_audit_row(SqliteConnection& db, const moderation::AuditRecord& record);
moderation::AuditRecord audit_of(moderation::AuditAction action, std::uint64_t actor_id, std::int64_t at_ms);

// Inserts `item` (kind, room, message or held row, why, opened_at) as open; sets item.id.
Status insert_item_row(SqliteConnection& db, ItemRecord& item);
// Reads the item with its message (delivered or held) and its reports. kNotFound if absent.
Status read_item(SqliteConnection& db, std::uint64_t item_id, ItemRecord& item);

}  // namespace hearth::storage
