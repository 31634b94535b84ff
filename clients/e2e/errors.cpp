#include "clients/e2e/errors.h"

namespace hearth::e2e {

std::string_view to_string(E2eError error) {
  switch (error) {
    case E2eError::kInvalidSize: return "invalid size";
    case E2eError::kBadSignature: return "bad signature";
    case E2eError::kWeakKey: return "weak key (all-zero shared secret)";
    case E2eError::kDecryptFailed: return "decryption failed";
    case E2eError::kDuplicateMessage: return "duplicate message";
    case E2eError::kTooManySkipped: return "too many skipped messages";
    case E2eError::kCounterExhausted: return "message counter exhausted";
    case E2eError::kTruncated: return "truncated";
    case E2eError::kTrailingBytes: return "trailing bytes";
    case E2eError::kBadMagic: return "bad magic";
    case E2eError::kUnsupportedVersion: return "unsupported version";
    case E2eError::kUnknownMessageType: return "unknown message type";
    case E2eError::kInvalidField: return "invalid field";
    case E2eError::kNotPrekeyMessage: return "not a prekey message";
    case E2eError::kUnknownSignedPrekey: return "unknown signed prekey";
    case E2eError::kUnknownOneTimePrekey: return "unknown or used one-time prekey";
    case E2eError::kSessionMismatch: return "prekey message for another session";
    case E2eError::kNoSendingChain: return "no sending chain";
    case E2eError::kNoReceivingChain: return "no receiving chain for this ratchet key";
    case E2eError::kOutputTooLong: return "output too long";
  }
  return "unknown error";
}

}  // namespace hearth::e2e
