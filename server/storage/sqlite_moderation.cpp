// SqliteStore: filter rules, room policies, sanctions, member activity and the audit log, and
// recording what the message screen decided (held messages, crisis and flag items).
#include "server/storage/sqlite_moderation_rows.h"

namespace hearth::storage {

Status append_audit_row(SqliteConnection& db, const moderation::AuditRecord& record) {
  Statement insert = db.prepare(
      "INSERT INTO audit_log (at_ms, actor_id, action, room_id, target_id, message_id, item_id, rule_id, detail) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, record.at_ms).bind(2, record.actor_id).bind(3, static_cast<std::int64_t>(record.action))
      .bind(4, record.room_id).bind(5, record.target_id).bind(6, record.message_id).bind(7, record.item_id)
      .bind(8, record.rule_id).bind_text(9, record.detail);
  return done_status(insert.step());
}

moderation::AuditRecord audit_of(moderation::AuditAction action, std::uint64_t actor_id, std::int64_t at_ms) {
  moderation::AuditRecord record;
  record.action = action;
  record.actor_id = actor_id;
  record.at_ms = at_ms;
  return record;
}

void SqliteStore::list_filter_rules(Callback<std::vector<FilterRuleRecord>> done) {
  read<std::vector<FilterRuleRecord>>(
      [](SqliteConnection& db, std::vector<FilterRuleRecord>& rules) {
        Statement query = db.prepare(
            "SELECT r.id, r.room_id, r.pattern, r.action, r.created_by, coalesce(u.handle, ''), r.created_at_ms "
            "FROM filter_rules r LEFT JOIN users u ON u.id = r.created_by WHERE r.removed = 0 ORDER BY r.id");
        int rc;
        while ((rc = query.step()) == SQLITE_ROW) {
          FilterRuleRecord& rule = rules.emplace_back();
          rule.rule.rule_id = query.uint64(0);
          rule.rule.room_id = query.uint64(1);
          rule.rule.pattern = query.text(2);
          rule.rule.action = static_cast<moderation::WatchAction>(query.int64(3));
          rule.created_by = query.uint64(4);
          rule.created_by_handle = query.text(5);
          rule.created_at_ms = query.int64(6);
        }
        return done_status(rc);
      },
      std::move(done));
}

void SqliteStore::add_filter_rule(FilterRuleRecord rule, Callback<FilterRuleRecord> done) {
  write<FilterRuleRecord>(
      [rule = std::move(rule)](SqliteConnection& db, FilterRuleRecord& added) {
        added = rule;
        Statement insert = db.prepare(
            "INSERT INTO filter_rules (room_id, pattern, action, created_by, created_at_ms) VALUES (?, ?, ?, ?, ?)");
        insert.bind(1, rule.rule.room_id).bind_text(2, rule.rule.pattern)
            .bind(3, static_cast<std::int64_t>(rule.rule.action)).bind(4, rule.created_by).bind(5, rule.created_at_ms);
        if (Status status = done_status(insert.step()); status != Status::kOk) return status;
        added.rule.rule_id = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db.handle()));
        moderation::AuditRecord audit = audit_of(moderation::AuditAction::kRuleAdded, rule.created_by, rule.created_at_ms);
        audit.room_id = rule.rule.room_id;
        audit.rule_id = added.rule.rule_id;
        audit.detail = std::string(moderation::to_string(rule.rule.action)) + ": \"" + rule.rule.pattern + "\"";
        return append_audit_row(db, audit);
      },
      std::move(done));
}

void SqliteStore::remove_filter_rule(std::uint64_t rule_id, std::uint64_t actor_id, std::string reason,
                                     std::int64_t now_ms, Callback<FilterRuleRecord> done) {
  write<FilterRuleRecord>(
      [rule_id, actor_id, reason = std::move(reason), now_ms](SqliteConnection& db, FilterRuleRecord& removed) {
        Statement update = db.prepare(
            "UPDATE filter_rules SET removed = 1 WHERE id = ? AND removed = 0 RETURNING room_id, pattern, action");
        update.bind(1, rule_id);
        if (Status status = row_status(update.step()); status != Status::kOk) return status;
        removed.rule.rule_id = rule_id;
        removed.rule.room_id = update.uint64(0);
        removed.rule.pattern = update.text(1);
        removed.rule.action = static_cast<moderation::WatchAction>(update.int64(2));
        update.reset();
        moderation::AuditRecord audit = audit_of(moderation::AuditAction::kRuleRemoved, actor_id, now_ms);
        audit.room_id = removed.rule.room_id;
        audit.rule_id = rule_id;
        audit.detail = std::string(moderation::to_string(removed.rule.action)) + ": \"" + removed.rule.pattern + "\"" +
                       (reason.empty() ? "" : " (" + reason + ")");
        return append_audit_row(db, audit);
      },
      std::move(done));
}

void SqliteStore::set_room_policy(std::uint64_t room_id, moderation::RoomPolicy policy, std::uint64_t actor_id,
                                  std::int64_t now_ms, Callback<Done> done) {
  write<Done>(
      [room_id, policy, actor_id, now_ms](SqliteConnection& db, Done&) {
        Statement update = db.prepare(
            "UPDATE rooms SET premoderate_first_messages = ?, links_after_member_hours = ?, slow_mode_seconds = ? "
            "WHERE id = ? RETURNING id");
        update.bind(1, std::int64_t{policy.premoderate_first_messages})
            .bind(2, std::int64_t{policy.links_after_member_hours})
            .bind(3, std::int64_t{policy.slow_mode_seconds}).bind(4, room_id);
        if (Status status = row_status(update.step()); status != Status::kOk) return status;
        update.reset();
        moderation::AuditRecord audit = audit_of(moderation::AuditAction::kPolicyChanged, actor_id, now_ms);
        audit.room_id = room_id;
        audit.detail = "first messages reviewed: " + std::to_string(policy.premoderate_first_messages) +
                       ", links held for members younger than " + std::to_string(policy.links_after_member_hours) +
                       " h, slow mode " + std::to_string(policy.slow_mode_seconds) + " s";
        return append_audit_row(db, audit);
      },
      std::move(done));
}

void SqliteStore::list_room_policies(Callback<std::vector<std::pair<std::uint64_t, moderation::RoomPolicy>>> done) {
  read<std::vector<std::pair<std::uint64_t, moderation::RoomPolicy>>>(
      [](SqliteConnection& db, std::vector<std::pair<std::uint64_t, moderation::RoomPolicy>>& policies) {
        Statement query = db.prepare(
            "SELECT id, premoderate_first_messages, links_after_member_hours, slow_mode_seconds FROM rooms "
            "WHERE premoderate_first_messages != 0 OR links_after_member_hours != 0 OR slow_mode_seconds != 0");
        int rc;
        while ((rc = query.step()) == SQLITE_ROW) {
          moderation::RoomPolicy policy;
          policy.premoderate_first_messages = static_cast<std::uint32_t>(query.int64(1));
          policy.links_after_member_hours = static_cast<std::uint32_t>(query.int64(2));
          policy.slow_mode_seconds = static_cast<std::uint32_t>(query.int64(3));
          policies.emplace_back(query.uint64(0), policy);
        }
        return done_status(rc);
      },
      std::move(done));
}

namespace {

// Stores a held message and opens its held item with its audit record (see hold_message).
Status insert_held(SqliteConnection& db, const MessageRecord& message, const std::string& why, std::int64_t now_ms,
                   ItemRecord& item) {
  Statement insert = db.prepare(
      "INSERT INTO held_messages (room_id, author_id, text, sent_at_ms) VALUES (?, ?, ?, ?)");
  insert.bind(1, message.room_id).bind(2, message.author_id).bind_text(3, message.text).bind(4, message.sent_at_ms);
  if (Status status = done_status(insert.step()); status != Status::kOk) return status;
  item.held_id = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db.handle()));
  item.message = message;
  // A held edit: the message it would change stays as it is (and in the room) meanwhile.
  item.edit_of = message.id;
  item.edit_base_ms = message.edited_at_ms;
  item.message.id = 0;
  item.message.seq = 0;
  item.message.edited_at_ms = 0;
  item.review.kind = moderation::ItemKind::kHeld;
  item.room_id = message.room_id;
  item.why = why;
  item.opened_at_ms = now_ms;
  if (Status status = insert_item_row(db, item); status != Status::kOk) return status;
  moderation::AuditRecord audit = audit_of(moderation::AuditAction::kMessageHeld, 0, now_ms);
  audit.room_id = message.room_id;
  audit.target_id = message.author_id;
  audit.item_id = item.id;
  audit.message_id = item.edit_of;
  audit.detail = item.edit_of != 0 ? "an edit: " + why : why;
  return append_audit_row(db, audit);
}

}  // namespace

void SqliteStore::hold_message(MessageRecord message, std::string why, std::int64_t now_ms, Callback<ItemRecord> done) {
  write<ItemRecord>(
      [message = std::move(message), why = std::move(why), now_ms](SqliteConnection& db, ItemRecord& item) {
        return insert_held(db, message, why, now_ms, item);
      },
      std::move(done));
}

void SqliteStore::hold_message_once(SendKeyRecord send, MessageRecord message, std::string why, std::int64_t now_ms,
                                    std::int64_t since_ms, Callback<KeyedWrite<ItemRecord>> done) {
  write<KeyedWrite<ItemRecord>>(
      [send = std::move(send), message = std::move(message), why = std::move(why), now_ms, since_ms](
          SqliteConnection& db, KeyedWrite<ItemRecord>& result) {
        return write_once(db, send, since_ms, result.repeat, result.send, [&](SendKeyRecord& record) {
          record.outcome = SendOutcome::kHeld;
          return insert_held(db, message, why, now_ms, result.written);
        });
      },
      std::move(done));
}

void SqliteStore::open_item(moderation::ItemKind kind, MessageRecord message, std::string why, std::int64_t now_ms,
                            Callback<ItemRecord> done) {
  write<ItemRecord>(
      [kind, message = std::move(message), why = std::move(why), now_ms](SqliteConnection& db, ItemRecord& item) {
        item.message = message;
        item.review.kind = kind;
        item.room_id = message.room_id;
        item.why = why;
        item.opened_at_ms = now_ms;
        if (Status status = insert_item_row(db, item); status != Status::kOk) return status;
        moderation::AuditRecord audit = audit_of(kind == moderation::ItemKind::kCrisis
                                                     ? moderation::AuditAction::kCrisisDetected
                                                     : moderation::AuditAction::kMessageFlagged,
                                                 0, now_ms);
        audit.room_id = message.room_id;
        audit.target_id = message.author_id;
        audit.message_id = message.id;
        audit.item_id = item.id;
        audit.detail = why;
        return append_audit_row(db, audit);
      },
      std::move(done));
}

void SqliteStore::append_audit(moderation::AuditRecord record, Callback<Done> done) {
  write<Done>([record = std::move(record)](SqliteConnection& db, Done&) { return append_audit_row(db, record); },
              std::move(done));
}

void SqliteStore::list_sanctions(std::int64_t now_ms, Callback<std::vector<SanctionRecord>> done) {
  read<std::vector<SanctionRecord>>(
      [now_ms](SqliteConnection& db, std::vector<SanctionRecord>& sanctions) {
        Statement query = db.prepare(
            "SELECT kind, room_id, user_id, until_ms FROM sanctions WHERE until_ms > ? AND lifted_at_ms = 0 ORDER BY id");
        query.bind(1, now_ms);
        int rc;
        while ((rc = query.step()) == SQLITE_ROW) {
          SanctionRecord& sanction = sanctions.emplace_back();
          sanction.kind = static_cast<SanctionKind>(query.int64(0));
          sanction.room_id = query.uint64(1);
          sanction.user_id = query.uint64(2);
          sanction.until_ms = query.int64(3);
        }
        return done_status(rc);
      },
      std::move(done));
}

void SqliteStore::lift_sanction(LiftRequest request, Callback<LiftedSanction> done) {
  write<LiftedSanction>(
      [request = std::move(request)](SqliteConnection& db, LiftedSanction& lifted) {
        Statement member = db.prepare("SELECT id, handle FROM users WHERE handle = ?");
        member.bind_text(1, request.handle);
        const int found = member.step();
        if (found == SQLITE_DONE) {
          lifted.outcome = LiftedSanction::Outcome::kNoSuchMember;
          return Status::kOk;
        }
        if (Status status = row_status(found); status != Status::kOk) return status;
        lifted.user_id = member.uint64(0);
        lifted.handle = member.text(1);
        member.reset();

        const bool server_ban = request.kind == SanctionKind::kRoomBan && request.room_id == 0;
        Statement lift = server_ban
                             ? db.prepare("UPDATE users SET banned_until_ms = 0 WHERE id = ?1 AND banned_until_ms > ?2")
                             : db.prepare(
                                   "UPDATE sanctions SET lifted_by = ?3, lifted_at_ms = ?2 WHERE user_id = ?1 AND "
                                   "until_ms > ?2 AND lifted_at_ms = 0 AND kind = ?4 AND room_id = ?5");
        lift.bind(1, lifted.user_id).bind(2, request.now_ms);
        if (!server_ban) {
          lift.bind(3, request.actor_id).bind(4, static_cast<std::int64_t>(request.kind)).bind(5, request.room_id);
        }
        if (Status status = done_status(lift.step()); status != Status::kOk) return status;
        if (sqlite3_changes(db.handle()) == 0) {
          lifted.outcome = LiftedSanction::Outcome::kNotInForce;
          return Status::kOk;
        }
        moderation::AuditRecord audit = audit_of(request.kind == SanctionKind::kMute
                                                     ? moderation::AuditAction::kMuteLifted
                                                     : moderation::AuditAction::kBanLifted,
                                                 request.actor_id, request.now_ms);
        audit.room_id = request.room_id;
        audit.target_id = lifted.user_id;
        audit.detail = request.reason;
        return append_audit_row(db, audit);
      },
      std::move(done));
}

void SqliteStore::list_member_activity(Callback<std::vector<MemberActivity>> done) {
  read<std::vector<MemberActivity>>(
      [](SqliteConnection& db, std::vector<MemberActivity>& activity) {
        // Once at start: a scan of the messages table, so that pre-moderation and slow mode
        // survive a restart without a counter to update on every message.
        Statement query = db.prepare(
            "SELECT room_id, author_id, count(*), max(sent_at_ms) FROM messages GROUP BY room_id, author_id");
        int rc;
        while ((rc = query.step()) == SQLITE_ROW) {
          MemberActivity& member = activity.emplace_back();
          member.room_id = query.uint64(0);
          member.user_id = query.uint64(1);
          member.delivered_messages = query.uint64(2);
          member.last_posted_at_ms = query.int64(3);
        }
        return done_status(rc);
      },
      std::move(done));
}

void SqliteStore::list_audit(AuditQuery query, Callback<AuditPage> done) {
  read<AuditPage>(
      [query](SqliteConnection& db, AuditPage& page) {
        Statement rows = db.prepare(
            "SELECT a.id, a.at_ms, a.actor_id, coalesce(actor.handle, ''), a.action, a.room_id, a.target_id, "
            "coalesce(target.handle, ''), a.message_id, a.item_id, a.rule_id, a.detail FROM audit_log a "
            "LEFT JOIN users actor ON actor.id = a.actor_id LEFT JOIN users target ON target.id = a.target_id "
            "WHERE (?1 = 0 OR a.room_id = ?1) AND (?2 = 0 OR a.id < ?2) ORDER BY a.id DESC LIMIT ?3");
        rows.bind(1, query.room_id).bind(2, query.before_record_id).bind(3, std::int64_t{query.limit} + 1);
        int rc;
        while ((rc = rows.step()) == SQLITE_ROW) {
          moderation::AuditRecord& record = page.records.emplace_back();
          record.record_id = rows.uint64(0);
          record.at_ms = rows.int64(1);
          record.actor_id = rows.uint64(2);
          record.actor_handle = rows.text(3);
          record.action = static_cast<moderation::AuditAction>(rows.int64(4));
          record.room_id = rows.uint64(5);
          record.target_id = rows.uint64(6);
          record.target_handle = rows.text(7);
          record.message_id = rows.uint64(8);
          record.item_id = rows.uint64(9);
          record.rule_id = rows.uint64(10);
          record.detail = rows.text(11);
        }
        page.has_more = page.records.size() > query.limit;
        if (page.has_more) page.records.pop_back();
        return done_status(rc);
      },
      std::move(done));
}

}  // namespace hearth::storage
