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

export async function encryptAndSave(session: Session, plaintext: Uint8Array, save: SaveState): Promise<{ session: Session; envelope: Uint8Array }> {
  const sealed = session.encrypt(plaintext);
  await save(sealed.session.serialize());
  return sealed;
}

export async function decryptAndSave(
  session: Session,
  envelope: Uint8Array,
  save: SaveState,
  random?: RandomSource,
): Promise<{ session: Session; plaintext: Uint8Array }> {
  const opened = session.decrypt(envelope, random);
  await save(opened.session.serialize());
  return opened;
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
