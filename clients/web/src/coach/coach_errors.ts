// Sentences for a coach's failed request: what was being done, then why it failed in the
// server's own sentence, which names the case (a claim held by another coach, a lease that ran
// out, a sanction a coach may not give, a member who is not muted).
import { describeError } from "../net";

/** "Could not claim this item. Another coach has claimed this item." */
export function coachErrorSentence(doing: string, error: unknown): string {
  return `Could not ${doing}. ${describeError(error)}`;
}
