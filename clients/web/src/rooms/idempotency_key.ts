// One key per message a person sends (protocol/README.md "Idempotency keys"): 16 random bytes
// as 22 characters of unpadded base64url, all printable ASCII, well under the 64 allowed. A send
// cut off by a reconnect goes again with the same key, and hearthd stores the message once.
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
