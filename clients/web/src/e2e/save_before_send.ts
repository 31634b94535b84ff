// The order the README's "Save before sending" demands, as the only way the app needs: seal,
// await the durable save of the advanced session (in a browser: the IndexedDB transaction has
// completed), and only then return the envelope. If saving throws, the envelope is dropped with
// it, and the next message simply uses the next key. On the receiving side the session is saved
// before the plaintext is returned, so the caller acknowledges the message to the server after.
import type { DeviceKeys } from "./device_keys";
import type { RandomSource } from "./random_source";
import { Session } from "./session";
import type { Sodium } from "./sodium";

/** Writes the serialised state durably; resolves only once it is stored. */
export type SaveState = (state: Uint8Array) => Promise<void>;

/** Resolves to `result` once its session is saved. */
async function savedFirst<T extends { session: Session }>(result: T, save: SaveState): Promise<T> {
  await save(result.session.serialize());
  return result;
}

/** Seals; resolves to the envelope only after `save` has stored the advanced session. */
export async function encryptAndSave(session: Session, plaintext: Uint8Array, save: SaveState): Promise<{ session: Session; envelope: Uint8Array }> {
  return savedFirst(session.encrypt(plaintext), save);
}

/** Opens; resolves to the plaintext only after `save` has stored the advanced session. */
export async function decryptAndSave(
  session: Session,
  envelope: Uint8Array,
  save: SaveState,
  random?: RandomSource,
): Promise<{ session: Session; plaintext: Uint8Array }> {
  return savedFirst(session.decrypt(envelope, random), save);
}

/** A new session from a prekey message: the keys without the spent one-time prekey and the session, saved together. */
export async function acceptAndSave(
  sodium: Sodium,
  keys: DeviceKeys,
  envelope: Uint8Array,
  save: (saved: { keys: Uint8Array; session: Uint8Array }) => Promise<void>,
  random?: RandomSource,
): Promise<{ session: Session; plaintext: Uint8Array; keys: DeviceKeys }> {
  const accepted = Session.accept(sodium, keys, envelope, random);
  await save({ keys: accepted.keys.serialize(), session: accepted.session.serialize() });
  return accepted;
}
