#include "clients/e2e/session.h"

#include <algorithm>

#include "clients/e2e/byte_io.h"

namespace hearth::e2e {
namespace {

constexpr std::uint8_t kMagic[4] = {'H', 'E', '2', 'S'};
constexpr std::uint8_t kStateVersion = 1;

Bytes with_prefix(Bytes ad, std::span<const std::uint8_t> prefix) {
  ad.insert(ad.end(), prefix.begin(), prefix.end());
  return ad;
}

}  // namespace

Bytes Session::associated_data() const {
  return initiator_ ? x3dh_associated_data(local_signing_, local_dh_, remote_signing_, remote_dh_)
                    : x3dh_associated_data(remote_signing_, remote_dh_, local_signing_, local_dh_);
}

Result<Session> Session::initiate(const DeviceKeys& mine, const RemoteBundle& theirs,
                                  RandomSource& random) {
  auto x3dh = x3dh_initiate(mine, theirs, random);
  if (!x3dh) return x3dh.error();
  auto ratchet = ratchet_init_initiator(x3dh->shared_key, x3dh->remote_signed_prekey, random);
  if (!ratchet) return ratchet.error();
  Session session;
  session.initiator_ = true;
  session.local_signing_ = mine.identity_signing_key();
  session.local_dh_ = mine.identity_dh_key();
  session.remote_signing_ = x3dh->remote_identity_signing_key;
  session.remote_dh_ = x3dh->remote_identity_dh_key;
  session.base_key_ = x3dh->header.ephemeral_key;
  session.pending_prekey_ = x3dh->header;
  session.ratchet_ = std::move(ratchet).value();
  return session;
}

Result<Accepted> Session::accept(DeviceKeys& mine, std::span<const std::uint8_t> prekey_envelope,
                                 RandomSource& random) {
  auto parsed = parse_envelope(prekey_envelope);
  if (!parsed) return parsed.error();
  if (!parsed->prekey) return E2eError::kNotPrekeyMessage;
  const PrekeyHeader& header = *parsed->prekey;
  auto x3dh = x3dh_respond(mine, header);
  if (!x3dh) return x3dh.error();

  const SecretKey* signed_prekey_private = mine.signed_prekey_private_key(header.signed_prekey_id);
  if (signed_prekey_private == nullptr) return E2eError::kUnknownSignedPrekey;
  DhKeyPair signed_prekey;
  signed_prekey.private_key = *signed_prekey_private;
  signed_prekey.public_key = x25519_public_key(signed_prekey.private_key.span()).value();

  Session session;
  session.initiator_ = false;
  session.local_signing_ = mine.identity_signing_key();
  session.local_dh_ = mine.identity_dh_key();
  session.remote_signing_ = header.identity_signing_key;
  session.remote_dh_ = header.identity_dh_key;
  session.base_key_ = header.ephemeral_key;
  session.ratchet_ = ratchet_init_responder(x3dh->shared_key, std::move(signed_prekey));

  auto plain = ratchet_decrypt(session.ratchet_, parsed->header,
                               with_prefix(x3dh->associated_data, parsed->authenticated_prefix),
                               parsed->ciphertext, random);
  if (!plain) return plain.error();
  // Only now, with the message authenticated, is the one-time prekey spent.
  if (header.one_time_prekey_id) mine.consume_one_time_prekey(*header.one_time_prekey_id);
  return Accepted{std::move(session), Bytes(plain->span().begin(), plain->span().end())};
}

Result<Bytes> Session::encrypt(std::span<const std::uint8_t> plaintext) {
  auto header = ratchet_next_header(ratchet_);
  if (!header) return header.error();
  ByteWriter envelope;
  write_envelope_prefix(envelope, pending_prekey_, *header);
  auto sealed =
      ratchet_encrypt(ratchet_, with_prefix(associated_data(), envelope.buffer()), plaintext);
  if (!sealed) return sealed.error();
  envelope.bytes(*sealed);
  return envelope.take();
}

Result<Bytes> Session::decrypt(std::span<const std::uint8_t> envelope, RandomSource& random) {
  auto parsed = parse_envelope(envelope);
  if (!parsed) return parsed.error();
  if (parsed->prekey) {
    // Only the initiator's repeated prekey messages of this very session belong here.
    const PrekeyHeader& header = *parsed->prekey;
    if (initiator_ || header.identity_signing_key != remote_signing_ ||
        header.identity_dh_key != remote_dh_ || header.ephemeral_key != base_key_) {
      return E2eError::kSessionMismatch;
    }
  }
  RatchetState attempt = ratchet_;  // decrypt on a copy, commit on success
  auto plain = ratchet_decrypt(attempt, parsed->header,
                               with_prefix(associated_data(), parsed->authenticated_prefix),
                               parsed->ciphertext, random);
  if (!plain) return plain.error();
  ratchet_ = std::move(attempt);
  pending_prekey_.reset();  // the peer has the session: plain messages from now on
  return Bytes(plain->span().begin(), plain->span().end());
}

// Layout: "HE2S" u8(version=1) u8 role (1 initiator, 0 responder)
//   local signing (32) local dh (32) remote signing (32) remote dh (32) base key (32)
//   u8 has_pending [prekey header, envelope encoding]
//   ratchet: self private (32) u8 has_remote [32] root (32) u8 has_send [32] u8 has_receive [32]
//   u32 Ns u32 Nr u32 PN u32 skipped count, count x (ratchet key (32) u32 n message key (32))
Bytes Session::serialize() const {
  ByteWriter w;
  w.bytes(kMagic);
  w.u8(kStateVersion);
  w.u8(initiator_ ? 1 : 0);
  w.bytes(local_signing_);
  w.bytes(local_dh_);
  w.bytes(remote_signing_);
  w.bytes(remote_dh_);
  w.bytes(base_key_);
  w.u8(pending_prekey_ ? 1 : 0);
  if (pending_prekey_) write_prekey_header(w, *pending_prekey_);
  w.bytes(ratchet_.self.private_key.span());
  w.u8(ratchet_.remote ? 1 : 0);
  if (ratchet_.remote) w.bytes(*ratchet_.remote);
  w.bytes(ratchet_.root.span());
  w.u8(ratchet_.send_chain ? 1 : 0);
  if (ratchet_.send_chain) w.bytes(ratchet_.send_chain->span());
  w.u8(ratchet_.receive_chain ? 1 : 0);
  if (ratchet_.receive_chain) w.bytes(ratchet_.receive_chain->span());
  w.u32(ratchet_.send_count);
  w.u32(ratchet_.receive_count);
  w.u32(ratchet_.previous_send_count);
  w.u32(static_cast<std::uint32_t>(ratchet_.skipped.size()));
  for (const auto& skipped : ratchet_.skipped) {
    w.bytes(skipped.ratchet_key);
    w.u32(skipped.message_number);
    w.bytes(skipped.message_key.span());
  }
  return w.take();
}

Result<Session> Session::parse(std::span<const std::uint8_t> bytes) {
  ByteReader r(bytes);
  if (auto header = read_state_header(r, kMagic, kStateVersion); !header) return header.error();

  // Reads a 0/1 flag; kInvalidField for anything else.
  auto flag = [&r](bool& out) -> Result<void> {
    std::uint8_t v = 0;
    if (!r.u8(v)) return E2eError::kTruncated;
    if (v > 1) return E2eError::kInvalidField;
    out = v == 1;
    return {};
  };
  // Reads an optional 32-byte value behind a flag.
  auto optional_key = [&](auto& out) -> Result<void> {
    bool present = false;
    if (auto ok = flag(present); !ok) return ok;
    if (!present) return {};
    out.emplace();
    if (!r.bytes(out->span())) return E2eError::kTruncated;
    return {};
  };

  Session s;
  if (auto ok = flag(s.initiator_); !ok) return ok.error();
  if (!r.bytes(s.local_signing_) || !r.bytes(s.local_dh_) || !r.bytes(s.remote_signing_) ||
      !r.bytes(s.remote_dh_) || !r.bytes(s.base_key_)) {
    return E2eError::kTruncated;
  }
  bool pending = false;
  if (auto ok = flag(pending); !ok) return ok.error();
  if (pending) {
    auto header = read_prekey_header(r);
    if (!header) return header.error();
    s.pending_prekey_ = std::move(header).value();
  }
  RatchetState& st = s.ratchet_;
  if (!r.bytes(st.self.private_key.span())) return E2eError::kTruncated;
  st.self.public_key = x25519_public_key(st.self.private_key.span()).value();
  bool has_remote = false;
  if (auto ok = flag(has_remote); !ok) return ok.error();
  if (has_remote) {
    st.remote.emplace();
    if (!r.bytes(*st.remote)) return E2eError::kTruncated;
  }
  if (!r.bytes(st.root.span())) return E2eError::kTruncated;
  if (auto ok = optional_key(st.send_chain); !ok) return ok.error();
  if (auto ok = optional_key(st.receive_chain); !ok) return ok.error();
  std::uint32_t count = 0;
  if (!r.u32(st.send_count) || !r.u32(st.receive_count) || !r.u32(st.previous_send_count) ||
      !r.u32(count)) {
    return E2eError::kTruncated;
  }
  // Only an initiator sends prekey messages, and a receiving chain always has its ratchet key.
  if (count > kMaxSkippedKeys || (st.receive_chain && !st.remote) || (s.pending_prekey_ && !s.initiator_)) {
    return E2eError::kInvalidField;
  }
  for (std::uint32_t i = 0; i < count; ++i) {
    SkippedKey skipped;
    if (!r.bytes(skipped.ratchet_key) || !r.u32(skipped.message_number) ||
        !r.bytes(skipped.message_key.span())) {
      return E2eError::kTruncated;
    }
    st.skipped.push_back(std::move(skipped));
  }
  if (r.remaining() != 0) return E2eError::kTrailingBytes;
  return s;
}

}  // namespace hearth::e2e
