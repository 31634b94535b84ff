// Where the login token lives. On a shared computer it lives only in this page's memory, so
// nothing of the account is left once the tab closes; otherwise in localStorage, so the next
// visit is logged in.

export interface SavedToken {
  token: Uint8Array; // 32 bytes; never logged, never shown
  expiresAtMs: number;
}

const STORAGE_KEY = "hearth.session";

export class TokenStore {
  private inMemory: SavedToken | null = null;

  constructor(private readonly storage: Storage | null = localStorageOrNull()) {}

  load(now = Date.now()): SavedToken | null {
    const saved = this.inMemory ?? this.readStorage();
    if (saved && saved.expiresAtMs > 0 && saved.expiresAtMs <= now) {
      this.forget();
      return null;
    }
    return saved;
  }

  save(saved: SavedToken, sharedComputer: boolean): void {
    this.inMemory = saved;
    if (!this.storage) return;
    if (sharedComputer) {
      this.storage.removeItem(STORAGE_KEY);
    } else {
      this.storage.setItem(
        STORAGE_KEY,
        JSON.stringify({ token: toBase64(saved.token), expiresAtMs: saved.expiresAtMs }),
      );
    }
  }

  forget(): void {
    this.inMemory = null;
    this.storage?.removeItem(STORAGE_KEY);
  }

  private readStorage(): SavedToken | null {
    const text = this.storage?.getItem(STORAGE_KEY);
    if (!text) return null;
    try {
      const parsed = JSON.parse(text) as { token?: unknown; expiresAtMs?: unknown };
      if (typeof parsed.token !== "string" || typeof parsed.expiresAtMs !== "number") throw new Error("shape");
      const token = fromBase64(parsed.token);
      if (token.length !== 32) throw new Error("length");
      return { token, expiresAtMs: parsed.expiresAtMs };
    } catch {
      this.storage?.removeItem(STORAGE_KEY); // unreadable: useless to keep
      return null;
    }
  }
}

function localStorageOrNull(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled by the browser's settings: memory only
  }
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
