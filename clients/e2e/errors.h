// Errors as values for the end-to-end library: every refusal has a typed reason, and no function
// here throws on bad input (a malformed envelope or saved state is an error, never a crash).
#pragma once

#include <cassert>
#include <string_view>
#include <utility>
#include <variant>

namespace hearth::e2e {

enum class E2eError {
  kInvalidSize,           // a key, signature, nonce or tag of the wrong length
  kBadSignature,          // an identity DH key or signed prekey whose Ed25519 signature fails
  kWeakKey,               // an X25519 result of all zeros (a low-order public key)
  kDecryptFailed,         // the AEAD refused: a changed header or body, a wrong key, a replay
  kDuplicateMessage,      // a message whose key was already used (replay of a decrypted message)
  kTooManySkipped,        // a message that would skip more message keys than the bound allows
  kCounterExhausted,      // a chain reached 2^32 - 1 messages
  kTruncated,             // an envelope or saved state that ends early
  kTrailingBytes,         // a saved state with bytes after its end
  kBadMagic,              // saved state that is not ours
  kUnsupportedVersion,    // an envelope or saved state of a version we do not know
  kUnknownMessageType,    // an envelope type byte we do not know
  kInvalidField,          // a field out of range (a flag not 0 or 1, an impossible count)
  kNotPrekeyMessage,      // Session::accept given an ordinary message
  kUnknownSignedPrekey,   // a prekey message naming a signed prekey we no longer (or never) had
  kUnknownOneTimePrekey,  // a prekey message naming a one-time prekey already used or never issued
  kSessionMismatch,       // a prekey message for another session (accept it as a new one)
  kNoSendingChain,        // encrypt on a session that cannot send yet (never happens via the API)
  kNoReceivingChain,      // a message on the current remote ratchet key before any chain from it
  kOutputTooLong,         // HKDF asked for more than 255 * 32 bytes
};

std::string_view to_string(E2eError error);

// A value or an error; the smallest stand-in for C++23's std::expected that this library needs.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(E2eError error) : v_(std::in_place_index<1>, error) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  E2eError error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, E2eError> v_;
};

// Result<void>: success or an error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(E2eError error) : error_(error), failed_(true) {}

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  E2eError error() const {
    assert(failed_);
    return error_;
  }

 private:
  E2eError error_ = E2eError::kInvalidSize;
  bool failed_ = false;
};

}  // namespace hearth::e2e
