// Whose keys this device trusts, as the CLI decides it (clients/cli/contact_keys.h), over the
// device's saved state: the keys first seen for a person are accepted (trust on first use); a
// key that differs for a known device, or a device that appears later, is recorded as a change
// and stops sending to that person until they accept it; a device no longer listed is forgotten
// with its sessions (a gone key can read nothing new). The functions change `state` in place:
// the caller loads it, applies them, and saves it, all under the device's lock.

export interface KnownDevice {
  deviceId: bigint;
  /** Ed25519, 32 bytes. */
  identitySigningKey: Uint8Array;
}

export interface Contact {
  handle: string;
  /** Keys accepted for this person. */
  devices: KnownDevice[];
  /** Keys seen since that differ or are new: sending waits until they are accepted. */
  changed: KnownDevice[];
  /** The safety number was compared and marked verified. */
  verified: boolean;
}

/** Sessions with one device of a person: `current` encrypts, `previous` still decrypts (for
 * the moment both sides opened a session at once). Serialised e2e Sessions. */
export interface PeerSession {
  handle: string;
  deviceId: bigint;
  current?: Uint8Array;
  previous?: Uint8Array;
}

export interface KeyState {
  contacts: Contact[];
  sessions: PeerSession[];
}

export function findContact(state: KeyState, handle: string): Contact | undefined {
  return state.contacts.find((contact) => contact.handle === handle);
}

export function contactOf(state: KeyState, handle: string): Contact {
  let contact = findContact(state, handle);
  if (!contact) {
    contact = { handle, devices: [], changed: [], verified: false };
    state.contacts.push(contact);
  }
  return contact;
}

/** Notes one key seen (listed, or named by a prekey message); returns a sentence if it is a change. */
export function noteDevice(state: KeyState, handle: string, seen: KnownDevice): string[] {
  const contact = contactOf(state, handle);
  if (firstSight(contact)) {
    contact.devices.push(copyOf(seen)); // trust on first use
    return [];
  }
  const known = contact.devices.find((device) => device.deviceId === seen.deviceId);
  if (known && sameKey(known, seen)) return [];
  const pending = contact.changed.find((device) => device.deviceId === seen.deviceId);
  if (pending && sameKey(pending, seen)) return [];
  contact.changed.push(copyOf(seen));
  contact.verified = false;
  const key = shortKey(seen.identitySigningKey);
  return known
    ? [`${handle}'s device #${seen.deviceId} has a new identity key (${key}…)`]
    : [`${handle} has a new device #${seen.deviceId} (key ${key}…)`];
}

/** Notes what the server lists for `handle` now; returns one sentence per change found. */
export function noteDevices(state: KeyState, handle: string, listed: readonly KnownDevice[]): string[] {
  const contact = contactOf(state, handle);
  // Trust on first use covers every device listed the first time, not just the first one.
  const trustAll = firstSight(contact);
  const changes: string[] = [];
  for (const device of listed) {
    if (trustAll) contact.devices.push(copyOf(device));
    else changes.push(...noteDevice(state, handle, device));
  }
  const present = new Set(listed.map((device) => device.deviceId));
  contact.devices = contact.devices.filter((device) => present.has(device.deviceId));
  contact.changed = contact.changed.filter((device) => present.has(device.deviceId));
  state.sessions = state.sessions.filter((session) => session.handle !== handle || present.has(session.deviceId));
  return changes;
}

/** True while `handle` has changed keys the person has not accepted. */
export function hasPendingChanges(state: KeyState, handle: string): boolean {
  return (findContact(state, handle)?.changed.length ?? 0) > 0;
}

/** True if this exact key is accepted for this device of `handle`. */
export function isAccepted(state: KeyState, handle: string, device: KnownDevice): boolean {
  const known = findContact(state, handle)?.devices.find((candidate) => candidate.deviceId === device.deviceId);
  return known !== undefined && sameKey(known, device);
}

/** Accepts every pending change of `handle`; the old verification no longer holds unless
 * `verified` says the new safety number was compared too. */
export function acceptChanges(state: KeyState, handle: string, verified: boolean): void {
  const contact = contactOf(state, handle);
  for (const change of contact.changed) {
    const known = contact.devices.find((device) => device.deviceId === change.deviceId);
    if (known) known.identitySigningKey = change.identitySigningKey;
    else contact.devices.push(change);
  }
  contact.changed = [];
  contact.verified = verified;
}

export function findSession(state: KeyState, handle: string, deviceId: bigint): PeerSession | undefined {
  return state.sessions.find((session) => session.handle === handle && session.deviceId === deviceId);
}

export function sessionOf(state: KeyState, handle: string, deviceId: bigint): PeerSession {
  let session = findSession(state, handle, deviceId);
  if (!session) {
    session = { handle, deviceId };
    state.sessions.push(session);
  }
  return session;
}

function firstSight(contact: Contact): boolean {
  return contact.devices.length === 0 && contact.changed.length === 0;
}

function sameKey(a: KnownDevice, b: KnownDevice): boolean {
  const x = a.identitySigningKey;
  const y = b.identitySigningKey;
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

function copyOf(device: KnownDevice): KnownDevice {
  return { deviceId: device.deviceId, identitySigningKey: Uint8Array.from(device.identitySigningKey) };
}

function shortKey(key: Uint8Array): string {
  return Array.from(key.subarray(0, 4), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
