// SqliteStore: reports and the review queue. Claims, releases and resolutions load the item as
// stored, let moderation/review_queue.h decide, and store the result with its effects and its
// audit record in one transaction: of two coaches claiming at once, the second sees the first's
// claim and is refused.
#include <functional>

#include "server/storage/sqlite_moderation_rows.h"

namespace hearth::storage {

namespace {

using moderation::AuditAction;
using moderation::ItemKind;
using moderation::ItemState;
using moderation::Resolution;

std::string duration_text(std::int64_t duration_ms) {
  if (duration_ms <= 0) return "for good";
  const std::int64_t minutes = duration_ms / 60'000;
  return "for " + std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

// The item's copy of the text is for the review: once resolved, it goes if the words are gone
// from the room (removed, deleted by the author, or a held text not approved), as a message's
// delete takes it from the items resolved before (tombstone_message).
bool forget_text(const ItemRecord& item) {
  if (item.review.state != ItemState::kResolved) return false;
  return item.message.deleted || (item.message.id == 0 && item.held_id == 0);
}

Status write_item_state(SqliteConnection& db, const ItemRecord& item) {
  Statement update = db.prepare(
      "UPDATE queue_items SET kind = ?, state = ?, claimed_by = ?, lease_expires_ms = ?, escalated = ?, "
      "resolution = ?, resolved_by = ?, resolution_reason = ?, resolved_at_ms = ?, message_id = ?, held_id = ?, "
      "text = CASE WHEN ? THEN '' ELSE text END WHERE id = ?");
  const moderation::ReviewItem& review = item.review;
  update.bind(1, static_cast<std::int64_t>(review.kind)).bind(2, static_cast<std::int64_t>(review.state))
      .bind(3, review.claimed_by).bind(4, review.lease_expires_ms).bind(5, review.escalated)
      .bind(6, review.state == ItemState::kResolved ? static_cast<std::int64_t>(review.resolution) : std::int64_t{0})
      .bind(7, review.resolved_by).bind_text(8, item.resolution_reason).bind(9, item.resolved_at_ms)
      .bind(10, item.message.id).bind(11, item.held_id).bind(12, forget_text(item)).bind(13, item.id);
  return done_status(update.step());
}

// Whether the message's author coaches the item's room or is an admin, as of now.
bool author_is_staff(SqliteConnection& db, const ItemRecord& item) {
  Statement query = db.prepare(
      "SELECT u.role = 3 OR coalesce(m.coach, 0) FROM users u "
      "LEFT JOIN memberships m ON m.user_id = u.id AND m.room_id = ? WHERE u.id = ?");
  query.bind(1, item.room_id).bind(2, item.message.author_id);
  return query.step() == SQLITE_ROW && query.int64(0) != 0;
}

Status delete_held_row(SqliteConnection& db, ItemRecord& item) {
  if (item.held_id == 0) return Status::kOk;
  Statement remove = db.prepare("DELETE FROM held_messages WHERE id = ?");
  remove.bind(1, item.held_id);
  item.held_id = 0;
  return done_status(remove.step());
}

Status add_sanction(SqliteConnection& db, SanctionKind kind, const ItemRecord& item, std::uint64_t by,
                    std::int64_t until_ms, std::int64_t now_ms, ItemTransition& out) {
  Statement insert = db.prepare(
      "INSERT INTO sanctions (kind, room_id, user_id, until_ms, created_by, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<std::int64_t>(kind)).bind(2, item.room_id).bind(3, item.message.author_id)
      .bind(4, until_ms).bind(5, by).bind(6, now_ms);
  out.sanction = SanctionRecord{kind, item.room_id, item.message.author_id, until_ms};
  return done_status(insert.step());
}

Status leave_room(SqliteConnection& db, const ItemRecord& item, ItemTransition& out) {
  Statement remove = db.prepare("DELETE FROM memberships WHERE room_id = ? AND user_id = ?");
  remove.bind(1, item.room_id).bind(2, item.message.author_id);
  out.left_room = true;
  return done_status(remove.step());
}

// The message goes: a held one is discarded, a delivered one becomes a tombstone.
Status remove_message(SqliteConnection& db, ItemRecord& item, ItemTransition& out) {
  if (item.held_id != 0) return delete_held_row(db, item);
  if (item.message.id == 0 || item.message.deleted) return Status::kOk;
  if (Status status = tombstone_message(db, item.message.id, true); status != Status::kOk) return status;
  item.message.deleted = true;
  item.message.removed_by_moderator = true;
  item.message.text.clear();
  out.removed = item.message;
  return Status::kOk;
}

// A held edit becomes the message's text, unless its author changed or deleted the message
// since: then the approval is refused (the coach removes the item instead), so an old edit
// never overwrites a newer one.
Status approve_edit(SqliteConnection& db, ItemRecord& item, std::int64_t now_ms, ItemTransition& out) {
  MessageRecord message;
  Statement query = db.prepare(
      "SELECT m.id, m.room_id, m.seq, m.author_id, u.handle, m.text, m.sent_at_ms, m.edited_at_ms, m.deleted, "
      "m.removed_by_moderator FROM messages m JOIN users u ON u.id = m.author_id WHERE m.id = ?");
  query.bind(1, item.edit_of);
  if (Status status = row_status(query.step()); status != Status::kOk) return status;
  read_message_row(query, message);
  query.reset();
  if (message.deleted || message.edited_at_ms != item.edit_base_ms) {
    out.decision.refusal = moderation::Decision::Refusal::kInvalid;
    out.decision.why = message.deleted
                           ? "the author has deleted this message since; remove the held edit instead"
                           : "the author has edited this message again since; remove the held edit instead";
    return Status::kOk;
  }
  Statement update = db.prepare("UPDATE messages SET text = ?, edited_at_ms = ? WHERE id = ?");
  update.bind_text(1, item.message.text).bind(2, now_ms).bind(3, message.id);
  if (Status status = done_status(update.step()); status != Status::kOk) return status;
  if (Status status = delete_held_row(db, item); status != Status::kOk) return status;
  message.text = item.message.text;
  message.edited_at_ms = now_ms;
  item.message.id = message.id;
  out.edited = message;
  return Status::kOk;
}

// What the resolution does besides closing the item, and the audit action that records it.
Status apply_resolution(SqliteConnection& db, ItemRecord& item, const moderation::Moderator& who,
                        const ResolveRequest& request, std::int64_t now_ms, ItemTransition& out, AuditAction& action) {
  const std::int64_t ban_until = request.duration_ms > 0 ? now_ms + request.duration_ms : moderation::kForever;
  switch (request.resolution) {
    case Resolution::kApprove: {
      action = AuditAction::kMessageApproved;
      if (item.edit_of != 0) return approve_edit(db, item, now_ms, out);
      MessageRecord delivered;
      if (Status status = insert_message(db, item.room_id, item.message.author_id, item.message.text,
                                         item.message.sent_at_ms, delivered);
          status != Status::kOk) {
        return status;
      }
      delivered.author_handle = item.message.author_handle;
      if (Status status = delete_held_row(db, item); status != Status::kOk) return status;
      item.message = delivered;
      out.delivered = delivered;
      return Status::kOk;
    }
    case Resolution::kRemove:
      action = AuditAction::kMessageRemoved;
      return remove_message(db, item, out);
    case Resolution::kDismiss:
      action = AuditAction::kItemDismissed;
      return Status::kOk;
    case Resolution::kEscalate:
      action = AuditAction::kItemEscalated;
      return Status::kOk;
    default:
      break;
  }
  // Sanctions: a held message is discarded with them; a delivered one goes if asked.
  if (item.held_id != 0 || request.also_remove) {
    if (Status status = remove_message(db, item, out); status != Status::kOk) return status;
  }
  switch (request.resolution) {
    case Resolution::kWarn:
      action = AuditAction::kMemberWarned;
      return Status::kOk;
    case Resolution::kMute:
      action = AuditAction::kMemberMuted;
      return add_sanction(db, SanctionKind::kMute, item, who.user_id, now_ms + request.duration_ms, now_ms, out);
    case Resolution::kKick:
      action = AuditAction::kMemberKicked;
      return leave_room(db, item, out);
    case Resolution::kBanRoom: {
      action = AuditAction::kMemberBannedFromRoom;
      if (Status status = leave_room(db, item, out); status != Status::kOk) return status;
      return add_sanction(db, SanctionKind::kRoomBan, item, who.user_id, ban_until, now_ms, out);
    }
    case Resolution::kBanServer: {
      action = AuditAction::kMemberBannedFromServer;
      Statement ban = db.prepare("UPDATE users SET banned_until_ms = ? WHERE id = ?");
      ban.bind(1, ban_until).bind(2, item.message.author_id);
      if (Status status = done_status(ban.step()); status != Status::kOk) return status;
      Statement revoke = db.prepare("UPDATE tokens SET revoked = 1 WHERE user_id = ?");
      revoke.bind(1, item.message.author_id);
      out.server_ban_until_ms = ban_until;
      return done_status(revoke.step());
    }
    default:
      return Status::kInternal;
  }
}

// Loads the item, lets `decide` change it (or refuse), and stores the result. A refusal is not
// an error: the transition comes back with the decision and the item as it is.
Status transition(SqliteConnection& db, std::uint64_t item_id, ItemTransition& out,
                  const std::function<Status(ItemRecord&, ItemTransition&)>& decide) {
  if (Status status = read_item(db, item_id, out.item); status != Status::kOk) return status;
  if (Status status = decide(out.item, out); status != Status::kOk || !out.decision.ok()) return status;
  if (Status status = write_item_state(db, out.item); status != Status::kOk) return status;
  return read_item(db, item_id, out.item);  // handles and the message as stored now
}

// The audit record of a claim or release that happened (a refusal records nothing).
Status audit_taking(SqliteConnection& db, const moderation::Decision& decision, AuditAction action,
                    const moderation::Moderator& who, const ItemRecord& item, std::int64_t now_ms) {
  if (!decision.ok()) return Status::kOk;
  moderation::AuditRecord audit = audit_of(action, who.user_id, now_ms);
  audit.room_id = item.room_id;
  audit.item_id = item.id;
  audit.message_id = item.message.id;
  return append_audit_row(db, audit);
}

}  // namespace

Status insert_item_row(SqliteConnection& db, ItemRecord& item) {
  Statement insert = db.prepare(
      "INSERT INTO queue_items (kind, state, room_id, message_id, held_id, author_id, why, opened_at_ms, text, "
      "edit_of, edit_base_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  item.review.state = ItemState::kOpen;
  insert.bind(1, static_cast<std::int64_t>(item.review.kind)).bind(2, static_cast<std::int64_t>(ItemState::kOpen))
      .bind(3, item.room_id).bind(4, item.message.id).bind(5, item.held_id).bind(6, item.message.author_id)
      .bind_text(7, item.why).bind(8, item.opened_at_ms).bind_text(9, item.message.text).bind(10, item.edit_of)
      .bind(11, item.edit_base_ms);
  if (Status status = done_status(insert.step()); status != Status::kOk) return status;
  item.id = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db.handle()));
  return Status::kOk;
}

Status read_item(SqliteConnection& db, std::uint64_t item_id, ItemRecord& item) {
  Statement query = db.prepare(
      "SELECT q.id, q.kind, q.state, q.room_id, q.message_id, q.held_id, q.author_id, q.why, q.claimed_by, "
      "q.lease_expires_ms, q.escalated, q.resolution, q.resolved_by, q.resolution_reason, q.opened_at_ms, "
      "q.resolved_at_ms, coalesce(cu.handle, ''), coalesce(ru.handle, ''), coalesce(au.handle, ''), "
      "coalesce(m.seq, 0), q.text, coalesce(m.sent_at_ms, h.sent_at_ms, 0), "
      "coalesce(m.edited_at_ms, 0), coalesce(m.deleted, 0), coalesce(m.removed_by_moderator, 0), q.edit_of, "
      "q.edit_base_ms "
      "FROM queue_items q LEFT JOIN users cu ON cu.id = q.claimed_by LEFT JOIN users ru ON ru.id = q.resolved_by "
      "LEFT JOIN users au ON au.id = q.author_id LEFT JOIN messages m ON q.message_id != 0 AND m.id = q.message_id "
      "LEFT JOIN held_messages h ON q.held_id != 0 AND h.id = q.held_id WHERE q.id = ?");
  query.bind(1, item_id);
  if (Status status = row_status(query.step()); status != Status::kOk) return status;
  item = ItemRecord{};
  item.id = query.uint64(0);
  item.review.kind = static_cast<ItemKind>(query.int64(1));
  item.review.state = static_cast<ItemState>(query.int64(2));
  item.room_id = query.uint64(3);
  item.message.id = query.uint64(4);
  item.held_id = query.uint64(5);
  item.message.author_id = query.uint64(6);
  item.why = query.text(7);
  item.review.claimed_by = query.uint64(8);
  item.review.lease_expires_ms = query.int64(9);
  item.review.escalated = query.int64(10) != 0;
  if (query.int64(11) != 0) item.review.resolution = static_cast<Resolution>(query.int64(11));
  item.review.resolved_by = query.uint64(12);
  item.resolution_reason = query.text(13);
  item.opened_at_ms = query.int64(14);
  item.resolved_at_ms = query.int64(15);
  item.claimed_by_handle = query.text(16);
  item.resolved_by_handle = query.text(17);
  item.message.author_handle = query.text(18);
  item.message.room_id = item.room_id;
  item.message.seq = query.uint64(19);
  item.message.text = query.text(20);
  item.message.sent_at_ms = query.int64(21);
  item.message.edited_at_ms = query.int64(22);
  item.message.deleted = query.int64(23) != 0;
  item.message.removed_by_moderator = query.int64(24) != 0;
  item.edit_of = query.uint64(25);
  item.edit_base_ms = query.int64(26);

  Statement reports = db.prepare(
      "SELECT r.reporter_id, u.handle, r.reason, r.note, r.reported_at_ms FROM reports r "
      "JOIN users u ON u.id = r.reporter_id WHERE r.item_id = ? ORDER BY r.reported_at_ms, r.reporter_id");
  reports.bind(1, item_id);
  int rc;
  while ((rc = reports.step()) == SQLITE_ROW) {
    ReportRecord& report = item.reports.emplace_back();
    report.reporter_id = reports.uint64(0);
    report.reporter_handle = reports.text(1);
    report.reason = static_cast<int>(reports.int64(2));
    report.note = reports.text(3);
    report.reported_at_ms = reports.int64(4);
  }
  return done_status(rc);
}

void SqliteStore::find_message(std::uint64_t message_id, Callback<MessageRecord> done) {
  read<MessageRecord>(
      [message_id](SqliteConnection& db, MessageRecord& message) {
        Statement query = db.prepare(
            "SELECT m.id, m.room_id, m.seq, m.author_id, u.handle, m.text, m.sent_at_ms, m.edited_at_ms, m.deleted, "
            "m.removed_by_moderator FROM messages m JOIN users u ON u.id = m.author_id WHERE m.id = ?");
        query.bind(1, message_id);
        if (Status status = row_status(query.step()); status != Status::kOk) return status;
        read_message_row(query, message);
        return message.deleted ? Status::kNotFound : Status::kOk;
      },
      std::move(done));
}

void SqliteStore::report_message(MessageRecord message, ReportRecord report, Callback<ItemRecord> done) {
  write<ItemRecord>(
      [message = std::move(message), report = std::move(report)](SqliteConnection& db, ItemRecord& item) {
        // Reports of the same words join one item; reports of what an edit changed them to open
        // another, so the coach sees each text that was reported.
        Statement open = db.prepare(
            "SELECT id, kind FROM queue_items WHERE message_id = ? AND state != 3 AND text = ? ORDER BY id LIMIT 1");
        open.bind(1, message.id).bind_text(2, message.text);
        const int rc = open.step();
        if (rc == SQLITE_ROW) {
          item.id = open.uint64(0);
          // Reports outrank flags: a flagged message that someone reports becomes a report item.
          if (static_cast<ItemKind>(open.int64(1)) == ItemKind::kFlag) {
            Statement upgrade = db.prepare("UPDATE queue_items SET kind = ? WHERE id = ?");
            upgrade.bind(1, static_cast<std::int64_t>(ItemKind::kReport)).bind(2, item.id);
            if (Status status = done_status(upgrade.step()); status != Status::kOk) return status;
          }
        } else if (rc == SQLITE_DONE) {
          item.message = message;
          item.room_id = message.room_id;
          item.review.kind = ItemKind::kReport;
          item.why = "reported";
          item.opened_at_ms = report.reported_at_ms;
          if (Status status = insert_item_row(db, item); status != Status::kOk) return status;
        } else {
          return status_of(rc);
        }
        Statement insert = db.prepare(
            "INSERT INTO reports (item_id, reporter_id, reason, note, reported_at_ms) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (item_id, reporter_id) DO UPDATE SET reason = excluded.reason, note = excluded.note, "
            "reported_at_ms = excluded.reported_at_ms");
        insert.bind(1, item.id).bind(2, report.reporter_id).bind(3, std::int64_t{report.reason})
            .bind_text(4, report.note).bind(5, report.reported_at_ms);
        if (Status status = done_status(insert.step()); status != Status::kOk) return status;
        moderation::AuditRecord audit = audit_of(AuditAction::kMessageReported, report.reporter_id, report.reported_at_ms);
        audit.room_id = message.room_id;
        audit.target_id = message.author_id;
        audit.message_id = message.id;
        audit.item_id = item.id;
        audit.detail = moderation::report_reason_name(report.reason);
        if (Status status = append_audit_row(db, audit); status != Status::kOk) return status;
        return read_item(db, item.id, item);
      },
      std::move(done));
}

void SqliteStore::count_open_items(Callback<std::uint64_t> done) {
  read<std::uint64_t>(
      [](SqliteConnection& db, std::uint64_t& count) {
        Statement query = db.prepare("SELECT count(*) FROM queue_items WHERE state != 3");
        if (Status status = row_status(query.step()); status != Status::kOk) return status;
        count = query.uint64(0);
        return Status::kOk;
      },
      std::move(done));
}

void SqliteStore::find_item(std::uint64_t item_id, Callback<ItemRecord> done) {
  read<ItemRecord>([item_id](SqliteConnection& db, ItemRecord& item) { return read_item(db, item_id, item); },
                   std::move(done));
}

void SqliteStore::list_items(ItemQuery query, Callback<std::vector<ItemRecord>> done) {
  read<std::vector<ItemRecord>>(
      [query = std::move(query)](SqliteConnection& db, std::vector<ItemRecord>& items) {
        std::string rooms = "[";
        for (std::size_t i = 0; i < query.room_ids.size(); ++i) {
          if (i != 0) rooms += ',';
          rooms += std::to_string(query.room_ids[i]);
        }
        rooms += "]";
        db.exec("BEGIN");  // one snapshot for the list and each item's details
        std::vector<std::uint64_t> ids;
        Statement unresolved = db.prepare(
            "SELECT id FROM queue_items WHERE state != 3 AND (?1 = '[]' OR room_id IN (SELECT value FROM json_each(?1))) "
            "ORDER BY kind, opened_at_ms, id LIMIT ?2");
        unresolved.bind_text(1, rooms).bind(2, std::int64_t{query.limit});
        int rc;
        while ((rc = unresolved.step()) == SQLITE_ROW) ids.push_back(unresolved.uint64(0));
        Status status = done_status(rc);
        if (status == Status::kOk && query.include_resolved && ids.size() < query.limit) {
          Statement resolved = db.prepare(
              "SELECT id FROM queue_items WHERE state = 3 AND (?1 = '[]' OR room_id IN (SELECT value FROM json_each(?1))) "
              "ORDER BY resolved_at_ms DESC, id DESC LIMIT ?2");
          resolved.bind_text(1, rooms).bind(2, static_cast<std::int64_t>(query.limit - ids.size()));
          while ((rc = resolved.step()) == SQLITE_ROW) ids.push_back(resolved.uint64(0));
          status = done_status(rc);
        }
        for (std::size_t i = 0; status == Status::kOk && i < ids.size(); ++i) {
          status = read_item(db, ids[i], items.emplace_back());
        }
        db.exec("COMMIT");
        return status;
      },
      std::move(done));
}

void SqliteStore::claim_item(std::uint64_t item_id, moderation::Moderator who, std::int64_t now_ms,
                             std::int64_t lease_ms, Callback<ItemTransition> done) {
  write<ItemTransition>(
      [item_id, who, now_ms, lease_ms](SqliteConnection& db, ItemTransition& out) {
        return transition(db, item_id, out, [&](ItemRecord& item, ItemTransition& result) {
          result.decision = moderation::claim(item.review, who, now_ms, lease_ms);
          return audit_taking(db, result.decision, AuditAction::kItemClaimed, who, item, now_ms);
        });
      },
      std::move(done));
}

void SqliteStore::release_item(std::uint64_t item_id, moderation::Moderator who, std::int64_t now_ms,
                               Callback<ItemTransition> done) {
  write<ItemTransition>(
      [item_id, who, now_ms](SqliteConnection& db, ItemTransition& out) {
        return transition(db, item_id, out, [&](ItemRecord& item, ItemTransition& result) {
          result.decision = moderation::release(item.review, who, now_ms);
          return audit_taking(db, result.decision, AuditAction::kItemReleased, who, item, now_ms);
        });
      },
      std::move(done));
}

void SqliteStore::resolve_item(std::uint64_t item_id, moderation::Moderator who, ResolveRequest request,
                               std::int64_t now_ms, Callback<ItemTransition> done) {
  write<ItemTransition>(
      [item_id, who, request = std::move(request), now_ms](SqliteConnection& db, ItemTransition& out) {
        return transition(db, item_id, out, [&](ItemRecord& item, ItemTransition& result) {
          item.review.author_is_staff = author_is_staff(db, item);
          result.decision = moderation::resolve(item.review, who, request.resolution, now_ms);
          if (!result.decision.ok()) return Status::kOk;
          const std::uint64_t message_id = item.message.id;
          AuditAction action = AuditAction::kItemDismissed;
          if (Status status = apply_resolution(db, item, who, request, now_ms, result, action);
              status != Status::kOk || !result.decision.ok()) {
            return status;
          }
          if (request.resolution != Resolution::kEscalate) {
            item.resolution_reason = request.reason;
            item.resolved_at_ms = now_ms;
          }
          moderation::AuditRecord audit = audit_of(action, who.user_id, now_ms);
          audit.room_id = item.room_id;
          audit.target_id = item.message.author_id;
          audit.item_id = item.id;
          audit.message_id = message_id != 0 ? message_id : item.message.id;
          audit.detail = request.reason;
          if (request.resolution == Resolution::kMute || request.resolution == Resolution::kBanRoom ||
              request.resolution == Resolution::kBanServer) {
            const std::string how_long = duration_text(request.duration_ms);
            audit.detail = request.reason.empty() ? how_long : how_long + ": " + request.reason;
          }
          return append_audit_row(db, audit);
        });
      },
      std::move(done));
}

}  // namespace hearth::storage
