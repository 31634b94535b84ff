// Sentences for what can go wrong when logging in or creating an account.
import { ErrorCode, HearthError, describeError, retryPhrase } from "../net";

export type AuthAction = "login" | "register";

export function authErrorSentence(error: unknown, action: AuthAction): string {
  if (!(error instanceof HearthError)) return describeError(error);
  switch (error.code) {
    case ErrorCode.UNAUTHENTICATED:
      return action === "login"
        ? "That name and password do not match an account. Check both and try again."
        : describeError(error);
    case ErrorCode.RATE_LIMITED:
      return action === "login"
        ? `Too many tries for now. Wait ${retryPhrase(error)}, then try again.`
        : `Too many new accounts from this network for now. Wait ${retryPhrase(error)}, then try again.`;
    case ErrorCode.ALREADY_EXISTS:
      return "That name is taken. Choose another one.";
    case ErrorCode.FORBIDDEN:
      return action === "register"
        ? "This server takes new accounts by invitation only. Enter the invite code you were given."
        : describeError(error);
    case ErrorCode.NOT_FOUND:
      return action === "register"
        ? "That invite code is unknown, already used or expired. Ask for a new one."
        : describeError(error);
    case ErrorCode.UNAVAILABLE:
      return "The server is busy or restarting, so nothing was done. Try again in a moment.";
    default:
      return describeError(error);
  }
}

/** True when the server asks for an invite code (an invite-only server, see `register`). */
export function needsInvite(error: unknown): boolean {
  return error instanceof HearthError && error.code === ErrorCode.FORBIDDEN;
}
