#include "clients/e2e/double_ratchet.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "clients/e2e/hkdf.h"
#include "clients/e2e/labels.h"

namespace hearth::e2e {
namespace {

// KDF_RK(rk, dh_out) = HKDF(salt = rk, IKM = dh_out, info = label, 64): new RK || chain key.
Result<void> kdf_root(SecretKey& root, const SecretKey& dh_output, SecretKey& chain) {
  SecretArray<64> out;
  if (auto ok = hkdf(root.span(), dh_output.span(), labels::bytes(labels::kRootKdfInfo), out.span());
      !ok) {
    return ok.error();
  }
  std::copy_n(out.data(), 32, root.data());
  std::copy_n(out.data() + 32, 32, chain.data());
  return {};
}

// KDF_CK(ck): message key = HMAC(ck, label 1), next chain key = HMAC(ck, label 2).
SecretKey kdf_chain(SecretKey& chain) {
  auto mk = hmac_sha256(chain.span(), labels::bytes(labels::kChainMessageKey));
  auto next = hmac_sha256(chain.span(), labels::bytes(labels::kChainNextKey));
  SecretKey message_key{std::span<const std::uint8_t, 32>(mk)};
  std::copy(next.begin(), next.end(), chain.data());
  sodium_memzero(mk.data(), mk.size());
  sodium_memzero(next.data(), next.size());
  return message_key;
}

// AEAD key and nonce of one message: HKDF(salt = empty, IKM = mk, info = label, 56) gives
// key (32) || nonce (24). Each message key is used once, so a derived nonce never repeats.
struct AeadKeys {
  SecretArray<56> bytes;
  std::span<const std::uint8_t> key() const { return bytes.span().first(32); }
  std::span<const std::uint8_t> nonce() const { return bytes.span().subspan(32, 24); }
};

AeadKeys message_aead_keys(const SecretKey& message_key) {
  AeadKeys keys;
  // 56 bytes is far below HKDF's limit: this cannot fail.
  (void)hkdf({}, message_key.span(), labels::bytes(labels::kMessageKeysInfo), keys.bytes.span());
  return keys;
}

Result<SecretBytes> open(const SecretKey& message_key, std::span<const std::uint8_t> ad,
                         std::span<const std::uint8_t> ciphertext) {
  AeadKeys keys = message_aead_keys(message_key);
  return aead_decrypt(keys.key(), keys.nonce(), ad, ciphertext);
}

void store_skipped(RatchetState& state, const PublicKey& ratchet_key, std::uint32_t n,
                   SecretKey message_key) {
  if (state.skipped.size() >= kMaxSkippedKeys) state.skipped.pop_front();
  state.skipped.push_back({ratchet_key, n, std::move(message_key)});
}

// How many message keys this message makes us derive and store as skipped, counted before any
// work: on a new ratchet key, the rest of the current receiving chain up to PN (if there is such
// a chain) plus N on the new chain; on the current key, the gap up to N. One bound for the sum.
Result<void> check_skip_bound(const RatchetState& state, const RatchetHeader& header, bool same_chain) {
  std::uint64_t skipped = 0;
  if (same_chain) {
    if (header.message_number > state.receive_count) skipped = header.message_number - state.receive_count;
  } else {
    if (state.receive_chain && header.previous_chain_length > state.receive_count) {
      skipped = header.previous_chain_length - state.receive_count;
    }
    skipped += header.message_number;
  }
  if (skipped > kMaxSkip) return E2eError::kTooManySkipped;
  return {};
}

// SkipMessageKeys(state, until); the bound was checked by check_skip_bound.
void skip_message_keys(RatchetState& state, std::uint32_t until) {
  if (!state.receive_chain || !state.remote) return;  // no chain: nothing to skip on it
  while (state.receive_count < until) {
    store_skipped(state, *state.remote, state.receive_count, kdf_chain(*state.receive_chain));
    ++state.receive_count;
  }
}

// DHRatchet(state, header)
Result<void> dh_ratchet(RatchetState& state, const RatchetHeader& header, RandomSource& random) {
  state.previous_send_count = state.send_count;
  state.send_count = 0;
  state.receive_count = 0;
  state.remote = header.ratchet_key;
  {
    auto dh = x25519(state.self.private_key.span(), *state.remote);
    if (!dh) return dh.error();
    state.receive_chain.emplace();
    if (auto ok = kdf_root(state.root, *dh, *state.receive_chain); !ok) return ok.error();
  }
  state.self = generate_dh_key_pair(random);
  auto dh = x25519(state.self.private_key.span(), *state.remote);
  if (!dh) return dh.error();
  state.send_chain.emplace();
  return kdf_root(state.root, *dh, *state.send_chain);
}

}  // namespace

Result<RatchetState> ratchet_init_initiator(const SecretKey& shared_key,
                                            const PublicKey& remote_signed_prekey,
                                            RandomSource& random) {
  RatchetState state;
  state.self = generate_dh_key_pair(random);
  state.remote = remote_signed_prekey;
  state.root = shared_key;
  auto dh = x25519(state.self.private_key.span(), remote_signed_prekey);
  if (!dh) return dh.error();
  state.send_chain.emplace();
  if (auto ok = kdf_root(state.root, *dh, *state.send_chain); !ok) return ok.error();
  return state;
}

RatchetState ratchet_init_responder(const SecretKey& shared_key, DhKeyPair signed_prekey) {
  RatchetState state;
  state.self = std::move(signed_prekey);
  state.root = shared_key;
  return state;
}

Result<RatchetHeader> ratchet_next_header(const RatchetState& state) {
  if (!state.send_chain) return E2eError::kNoSendingChain;
  if (state.send_count == UINT32_MAX) return E2eError::kCounterExhausted;
  return RatchetHeader{state.self.public_key, state.previous_send_count, state.send_count};
}

Result<Bytes> ratchet_encrypt(RatchetState& state, std::span<const std::uint8_t> associated_data,
                              std::span<const std::uint8_t> plaintext) {
  if (auto header = ratchet_next_header(state); !header) return header.error();
  SecretKey message_key = kdf_chain(*state.send_chain);
  ++state.send_count;
  AeadKeys keys = message_aead_keys(message_key);
  return aead_encrypt(keys.key(), keys.nonce(), associated_data, plaintext);
}

Result<SecretBytes> ratchet_decrypt(RatchetState& state, const RatchetHeader& header,
                                    std::span<const std::uint8_t> associated_data,
                                    std::span<const std::uint8_t> ciphertext,
                                    RandomSource& random) {
  // A sender never uses the last counter value (ratchet_next_header refuses it), so our
  // counters cannot wrap while following a genuine header.
  if (header.message_number == UINT32_MAX || header.previous_chain_length == UINT32_MAX) {
    return E2eError::kInvalidField;
  }
  // TrySkippedMessageKeys: a late message uses (and then forgets) its stored key.
  for (auto it = state.skipped.begin(); it != state.skipped.end(); ++it) {
    if (it->message_number == header.message_number &&
        sodium_memcmp(it->ratchet_key.data(), header.ratchet_key.data(), kPublicKeyBytes) == 0) {
      auto plain = open(it->message_key, associated_data, ciphertext);
      if (plain) state.skipped.erase(it);
      return plain;
    }
  }
  const bool same_chain = state.remote && *state.remote == header.ratchet_key;
  if (!same_chain) {
    if (auto ok = check_skip_bound(state, header, same_chain); !ok) return ok.error();
    skip_message_keys(state, header.previous_chain_length);
    if (auto ok = dh_ratchet(state, header, random); !ok) return ok.error();
  } else if (!state.receive_chain) {
    // The remote key is current but no chain has come from it: the initiator before the first
    // reply, whose remote key is the responder's signed prekey (public). The responder's first
    // message always carries a fresh ratchet key, so nothing genuine can arrive here.
    return E2eError::kNoReceivingChain;
  } else if (header.message_number < state.receive_count) {
    // On the current chain, behind the counter and not among the skipped keys: its key was
    // used already (or dropped as too old). A replay, refused.
    return E2eError::kDuplicateMessage;
  } else if (auto ok = check_skip_bound(state, header, same_chain); !ok) {
    return ok.error();
  }
  skip_message_keys(state, header.message_number);
  SecretKey message_key = kdf_chain(*state.receive_chain);
  ++state.receive_count;
  return open(message_key, associated_data, ciphertext);
}

}  // namespace hearth::e2e
