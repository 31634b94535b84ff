// Sentences for a coach's failed request: what was being done, then why it failed (the server's
// own sentence, which names the case: a claim held by another coach, a lease that ran out, a
// sanction a coach may not give), then what to do about it where the code says.
import { describeError, ErrorCode, HearthError } from "../net";

const NEXT_STEP: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.FORBIDDEN]: "Your role does not allow this here; an admin can.",
  [ErrorCode.NOT_FOUND]: "It may have been removed; the list is refreshed.",
};

/** "Could not claim this item. Another coach has claimed this item." */
export function coachErrorSentence(doing: string, error: unknown): string {
  const why = describeError(error);
  const next = error instanceof HearthError ? NEXT_STEP[error.code] : undefined;
  return [`Could not ${doing}.`, why, next].filter(Boolean).join(" ");
}
