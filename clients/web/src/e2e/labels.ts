// Every domain-separation label (clients/e2e/README.md "Labels"): ASCII bytes, no terminator,
// no length prefix; all start with "hearth-e2e-v1 " and none is a prefix of another.
import { asciiBytes } from "./bytes";

export const LABELS = {
  identityDhKey: asciiBytes("hearth-e2e-v1 identity-dh-key"),
  signedPrekey: asciiBytes("hearth-e2e-v1 signed-prekey"),
  x3dh: asciiBytes("hearth-e2e-v1 x3dh"),
  ratchetRoot: asciiBytes("hearth-e2e-v1 ratchet-root"),
  chainMessageKey: asciiBytes("hearth-e2e-v1 chain-message-key"),
  chainNextKey: asciiBytes("hearth-e2e-v1 chain-next-key"),
  messageKeys: asciiBytes("hearth-e2e-v1 message-keys"),
  safetyNumber: asciiBytes("hearth-e2e-v1 safety-number"),
} as const;
