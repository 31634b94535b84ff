// Plain sentences for what happened to a send and for the moderators' notices, with times in the
// person's own time zone. The server's own sentence (Error.message) says why in its words; these
// say what it means for the person.
import { NoticeKind, type ModerationNotice } from "../gen/hearth/v1/moderation_pb";
import { describeError, ErrorCode, HearthError } from "../net";

export function localTime(ms: bigint | number): string {
  return new Date(Number(ms)).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

/** Beside a message: the time alone for today's, the date too for older ones (so the line fits
 * a phone); the full date is in the time element and the row's label. */
export function timeBesideMessage(ms: bigint | number): string {
  const when = new Date(Number(ms));
  const today = when.toDateString() === new Date().toDateString();
  return today ? when.toLocaleTimeString([], { timeStyle: "short" }) : localTime(ms);
}

/** What happened to a send that did not become a message of the room. */
export function sendRefusal(error: unknown): { state: "held" | "refused"; explanation: string } {
  if (error instanceof HearthError) {
    const because = error.sentence ? ` ${serverSentence(error.sentence)}` : "";
    switch (error.code) {
      case ErrorCode.HELD_FOR_REVIEW:
        return {
          state: "held",
          explanation: `Only you can see this for now: a coach will look at it before the room does.${because}`,
        };
      case ErrorCode.BLOCKED_BY_FILTER:
        return {
          state: "refused",
          explanation: `This was not sent: the room's filter does not allow it, and nothing was stored.${because}`,
        };
    }
    if (error.retryAfterMs > 0) {
      // A mute or slow mode: the server's sentence says which; the time says until when.
      const from = localTime(Date.now() + error.retryAfterMs);
      return { state: "refused", explanation: `This was not sent.${because} You can send again from ${from}.` };
    }
  }
  return { state: "refused", explanation: `This was not sent. ${describeError(error)}` };
}

function serverSentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** A moderators' notice to this person, as a sentence (null for kinds this view does not show). */
export function noticeSentence(notice: ModerationNotice): string | null {
  const words = notice.text ? ` The coach said: “${notice.text}”` : "";
  const until = notice.untilMs > 0n ? localTime(notice.untilMs) : null;
  switch (notice.kind) {
    case NoticeKind.NOTICE_WARNING:
      return `A coach sent you a warning.${words}`;
    case NoticeKind.NOTICE_MUTED:
      return `You are muted in this room${until ? ` until ${until}` : ""}: you can read, but not send.${words}`;
    case NoticeKind.NOTICE_KICKED:
      return `A coach removed you from this room. You may join it again.${words}`;
    case NoticeKind.NOTICE_BANNED:
      return `You are banned from ${notice.roomId === 0n ? "Hearth" : "this room"} ${until ? `until ${until}` : "for good"}.${words}`;
    case NoticeKind.NOTICE_REPORT_OUTCOME:
      return `A coach looked at a message you reported.${words}`;
    case NoticeKind.NOTICE_HELD_MESSAGE_APPROVED:
      return "A coach approved your held message: the room can see it now.";
    case NoticeKind.NOTICE_HELD_MESSAGE_REMOVED:
      return `A coach did not approve your held message: the room will not see it.${words}`;
    case NoticeKind.NOTICE_MUTE_LIFTED:
      return `Your mute was lifted: you can send again.${words}`;
    case NoticeKind.NOTICE_BAN_LIFTED:
      return `Your ban was lifted.${words}`;
    default:
      return null;
  }
}
