// The words people read for the moderation enums of moderation.proto, in one place so the queue,
// the item and the audit log say the same thing.
import {
  AuditAction,
  FilterAction,
  ModerationAction,
  QueueItemKind,
  ReportReason,
} from "../gen/hearth/v1/moderation_pb";

export const KIND_LABEL: Record<QueueItemKind, string> = {
  [QueueItemKind.QUEUE_ITEM_KIND_UNSPECIFIED]: "Item",
  [QueueItemKind.ITEM_CRISIS]: "Crisis",
  [QueueItemKind.ITEM_REPORT]: "Report",
  [QueueItemKind.ITEM_HELD]: "Held message",
  [QueueItemKind.ITEM_FLAG]: "Flagged",
};

export const REASON_LABEL: Record<ReportReason, string> = {
  [ReportReason.REPORT_REASON_UNSPECIFIED]: "No reason given",
  [ReportReason.REPORT_HARASSMENT]: "Harassment",
  [ReportReason.REPORT_CROSSTALK]: "Crosstalk (advice about someone else's share)",
  [ReportReason.REPORT_BREAKS_ANONYMITY]: "Breaks anonymity",
  [ReportReason.REPORT_SPAM]: "Spam",
  [ReportReason.REPORT_CRISIS_CONCERN]: "Worried about this person",
  [ReportReason.REPORT_OTHER]: "Other",
};

export const ACTION_LABEL: Record<ModerationAction, string> = {
  [ModerationAction.MODERATION_ACTION_UNSPECIFIED]: "—",
  [ModerationAction.ACTION_APPROVE]: "Approve",
  [ModerationAction.ACTION_REMOVE]: "Remove the message",
  [ModerationAction.ACTION_DISMISS]: "Dismiss",
  [ModerationAction.ACTION_WARN]: "Warn the author",
  [ModerationAction.ACTION_MUTE]: "Mute the author",
  [ModerationAction.ACTION_KICK]: "Take the author out of the room",
  [ModerationAction.ACTION_BAN_ROOM]: "Ban the author from the room",
  [ModerationAction.ACTION_BAN_SERVER]: "Ban the author from the server",
  [ModerationAction.ACTION_ESCALATE]: "Escalate to the admins",
};

export const FILTER_ACTION_LABEL: Record<FilterAction, string> = {
  [FilterAction.FILTER_ACTION_UNSPECIFIED]: "—",
  [FilterAction.FILTER_CRISIS]: "Crisis: deliver, send resources, alert coaches",
  [FilterAction.FILTER_BLOCK]: "Block: refuse, store nothing",
  [FilterAction.FILTER_HOLD]: "Hold for review",
  [FilterAction.FILTER_FLAG]: "Flag: deliver, open an item",
};

const AUDIT_WORDS: Partial<Record<AuditAction, string>> = {
  [AuditAction.AUDIT_RULE_ADDED]: "rule added",
  [AuditAction.AUDIT_RULE_REMOVED]: "rule removed",
  [AuditAction.AUDIT_MESSAGE_HELD]: "message held",
  [AuditAction.AUDIT_MESSAGE_BLOCKED]: "message blocked",
  [AuditAction.AUDIT_MESSAGE_FLAGGED]: "message flagged",
  [AuditAction.AUDIT_CRISIS_DETECTED]: "crisis detected",
  [AuditAction.AUDIT_MESSAGE_REPORTED]: "message reported",
  [AuditAction.AUDIT_ITEM_CLAIMED]: "item claimed",
  [AuditAction.AUDIT_ITEM_RELEASED]: "item released",
  [AuditAction.AUDIT_ITEM_ESCALATED]: "item escalated",
  [AuditAction.AUDIT_MESSAGE_APPROVED]: "message approved",
  [AuditAction.AUDIT_MESSAGE_REMOVED]: "message removed",
  [AuditAction.AUDIT_ITEM_DISMISSED]: "item dismissed",
  [AuditAction.AUDIT_MEMBER_WARNED]: "member warned",
  [AuditAction.AUDIT_MEMBER_MUTED]: "member muted",
  [AuditAction.AUDIT_MEMBER_KICKED]: "member taken out of the room",
  [AuditAction.AUDIT_MEMBER_BANNED_FROM_ROOM]: "member banned from the room",
  [AuditAction.AUDIT_MEMBER_BANNED_FROM_SERVER]: "member banned from the server",
  [AuditAction.AUDIT_POLICY_CHANGED]: "room policy changed",
  [AuditAction.AUDIT_MUTE_LIFTED]: "mute lifted",
  [AuditAction.AUDIT_BAN_LIFTED]: "ban lifted",
};

export function auditLabel(action: AuditAction): string {
  return AUDIT_WORDS[action] ?? "other";
}

/** A time as the coach's own clock says it, with the date when it is not today. */
export function timeLabel(ms: bigint | number): string {
  const when = new Date(Number(ms));
  const today = new Date().toDateString() === when.toDateString();
  return today
    ? when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
    : when.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

/** "4 min 05 s" for a lease's time left. */
export function durationLabel(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(seconds % 60).padStart(2, "0")} s`;
}
