// Everything this browser keeps for Hearth, wiped in one place: on logout and on quick exit.
// Modules that keep data of their own (device keys for direct messages, cached rooms) register
// a wiper here so that nothing is forgotten.

type Wiper = () => void;

const wipers = new Set<Wiper>();

/** Registers a function that deletes a module's own stored data; returns the unregister function. */
export function onWipe(wiper: Wiper): () => void {
  wipers.add(wiper);
  return () => wipers.delete(wiper);
}

/** Synchronous on purpose: quick exit must not wait for anything before leaving. */
export function wipeLocalData(): void {
  for (const wiper of [...wipers]) {
    try {
      wiper();
    } catch {
      // Keep wiping the rest: one failure must not leave the others' data behind.
    }
  }
  for (const storage of [safe(() => globalThis.localStorage), safe(() => globalThis.sessionStorage)]) {
    try {
      storage?.clear();
    } catch {
      // storage disabled: nothing stored there
    }
  }
}

function safe<T>(get: () => T): T | null {
  try {
    return get();
  } catch {
    return null;
  }
}
