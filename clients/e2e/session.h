// A pairwise end-to-end session between this device and one remote device: X3DH to start it,
// the Double Ratchet after. Until the initiator has decrypted a reply, each of its messages is a
// prekey message carrying the X3DH header, so the responder can start from any of them.
// Every operation either succeeds and commits, or fails and leaves the session as it was.
// Not thread safe: one owner at a time. Save it with serialize() after each change, and after
// encrypt() durably BEFORE the envelope leaves (README "Save before sending"): a session rolled
// back after a send would seal new text under a message key and nonce already used.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "clients/e2e/device_keys.h"
#include "clients/e2e/double_ratchet.h"
#include "clients/e2e/envelope.h"
#include "clients/e2e/errors.h"
#include "clients/e2e/random_source.h"
#include "clients/e2e/x3dh.h"

namespace hearth::e2e {

struct Accepted;

class Session {
 public:
  // Starts a session to the device whose bundle this is (X3DH as initiator). Nothing is sent:
  // the first encrypt() makes the prekey message. Errors: see x3dh_initiate.
  static Result<Session> initiate(const DeviceKeys& mine, const RemoteBundle& theirs,
                                  RandomSource& random = system_random());

  // Starts a session from a prekey message (X3DH as responder) and decrypts it. On success the
  // one-time prekey it names is removed from `mine` (save `mine` afterwards); on failure `mine`
  // is unchanged. kNotPrekeyMessage for an ordinary message; kUnknownOneTimePrekey when the
  // one-time prekey was already used (a second session from the same prekey is refused).
  static Result<Accepted> accept(DeviceKeys& mine, std::span<const std::uint8_t> prekey_envelope,
                                 RandomSource& random = system_random());

  // Encrypts one message into an envelope (README "Envelope"). kCounterExhausted after 2^32 - 1
  // messages on one chain.
  Result<Bytes> encrypt(std::span<const std::uint8_t> plaintext);

  // Decrypts an envelope of this session; accepts the peer's prekey messages for this same
  // session too (kSessionMismatch for a prekey message that starts another one, and for any
  // prekey message in the initiator's own session). Before the first reply the initiator has no
  // receiving chain: a message on the responder's signed prekey is kNoReceivingChain. A failure
  // leaves the session unchanged.
  Result<Bytes> decrypt(std::span<const std::uint8_t> envelope,
                        RandomSource& random = system_random());

  // Internal, versioned format (README "Saved state"); not for interoperation.
  Bytes serialize() const;
  static Result<Session> parse(std::span<const std::uint8_t> bytes);

  const PublicKey& remote_identity_signing_key() const { return remote_signing_; }
  const PublicKey& remote_identity_dh_key() const { return remote_dh_; }
  const PublicKey& local_identity_signing_key() const { return local_signing_; }
  // True while this side still sends prekey messages (initiator, no reply decrypted yet).
  bool sends_prekey_messages() const { return pending_prekey_.has_value(); }
  // Skipped message keys held for late messages.
  std::size_t skipped_message_keys() const { return ratchet_.skipped.size(); }

 private:
  Session() = default;
  Bytes associated_data() const;

  bool initiator_ = false;
  PublicKey local_signing_{};
  PublicKey local_dh_{};
  PublicKey remote_signing_{};
  PublicKey remote_dh_{};
  PublicKey base_key_{};  // the initiator's X3DH ephemeral key: names the session
  std::optional<PrekeyHeader> pending_prekey_;
  RatchetState ratchet_;
};

struct Accepted {
  Session session;
  std::vector<std::uint8_t> plaintext;
};

}  // namespace hearth::e2e
