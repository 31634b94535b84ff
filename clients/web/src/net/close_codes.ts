// Close codes with a meaning for the client (protocol/README.md, "Close codes").

/** The token was revoked (a logout, here or elsewhere): log in again. */
export const CLOSE_TOKEN_REVOKED = 4003;
/** Not authenticated within the server's deadline. */
export const CLOSE_AUTH_TIMEOUT = 4002;
/** The account was banned from the server; a moderation notice said so first. */
export const CLOSE_BANNED = 4006;

/** Closes after which the saved session is over and reconnecting with it is pointless. */
export function endsSession(code: number): boolean {
  return code === CLOSE_TOKEN_REVOKED || code === CLOSE_BANNED;
}
