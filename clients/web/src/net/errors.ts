// What a request can end in besides its result. Every failure a caller sees is one of these.
import { ErrorCode } from "../gen/hearth/v1/errors_pb";

export { ErrorCode };

/** The server refused the request; nothing was done (HELD_FOR_REVIEW aside: see the protocol). */
export class HearthError extends Error {
  override readonly name = "HearthError";
  constructor(
    readonly code: ErrorCode,
    /** The server's sentence for people; may be empty for errors made by this client. */
    readonly sentence: string,
    readonly retryAfterMs = 0,
  ) {
    super(sentence || `refused: ${ErrorCode[code] ?? code}`);
  }
}

/**
 * The connection ended before the request's answer came. With `inDoubt` false the server's close
 * frame arrived, so the request was not carried out and may simply be sent again; with `inDoubt`
 * true the network failed and the state must be read back before sending it again.
 */
export class NotAnsweredError extends Error {
  override readonly name = "NotAnsweredError";
  constructor(readonly inDoubt: boolean) {
    super(inDoubt ? "the connection failed before the answer came" : "the server closed before answering");
  }
}

/** The answer had another result kind than the request calls for: a client or server bug. */
export class UnexpectedResultError extends Error {
  override readonly name = "UnexpectedResultError";
  constructor(expected: string, got: string | undefined) {
    super(`expected a ${expected} result, got ${got ?? "nothing"}`);
  }
}

export function hasCode(error: unknown, code: ErrorCode): error is HearthError {
  return error instanceof HearthError && error.code === code;
}

function waitPhrase(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** A sentence for people about any failed request; views add their own for the codes they know. */
export function describeError(error: unknown): string {
  if (error instanceof HearthError) {
    const base = error.sentence ? capitalise(error.sentence) : "The server refused this.";
    const wait = error.retryAfterMs > 0 ? ` Try again in about ${waitPhrase(error.retryAfterMs)}.` : "";
    return withFullStop(base) + wait;
  }
  if (error instanceof NotAnsweredError) {
    return error.inDoubt
      ? "The connection dropped before the server answered. Check whether it went through before trying again."
      : "The connection closed before the server answered, so nothing was done. Try again.";
  }
  return "Something went wrong in this page. Reload it and try again.";
}

export function retryPhrase(error: HearthError): string {
  return error.retryAfterMs > 0 ? `about ${waitPhrase(error.retryAfterMs)}` : "a little while";
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function withFullStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
