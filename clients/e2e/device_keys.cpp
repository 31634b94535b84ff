#include "clients/e2e/device_keys.h"

#include <algorithm>

#include "clients/e2e/byte_io.h"
#include "clients/e2e/labels.h"

namespace hearth::e2e {
namespace {

constexpr std::uint8_t kMagic[4] = {'H', 'E', '2', 'K'};
constexpr std::uint8_t kStateVersion = 1;
// A bound on one-time prekeys in a saved file, so a corrupt count cannot ask for gigabytes.
constexpr std::uint32_t kMaxOneTimePrekeys = 1'000'000;

}  // namespace

Bytes identity_dh_signature_message(std::span<const std::uint8_t> identity_dh_key) {
  ByteWriter w;
  w.bytes(labels::bytes(labels::kIdentityDhSignature));
  w.bytes(identity_dh_key);
  return w.take();
}

Bytes signed_prekey_signature_message(std::uint32_t id,
                                      std::span<const std::uint8_t> signed_prekey) {
  ByteWriter w;
  w.bytes(labels::bytes(labels::kSignedPrekeySignature));
  w.u32(id);
  w.bytes(signed_prekey);
  return w.take();
}

bool verify_identity_dh_key(std::span<const std::uint8_t> identity_signing_key,
                            std::span<const std::uint8_t> identity_dh_key,
                            std::span<const std::uint8_t> identity_dh_signature) {
  if (identity_dh_key.size() != kPublicKeyBytes) return false;
  return ed25519_verify(identity_signing_key, identity_dh_signature_message(identity_dh_key),
                        identity_dh_signature);
}

bool verify_signed_prekey(std::span<const std::uint8_t> identity_signing_key,
                          std::uint32_t signed_prekey_id,
                          std::span<const std::uint8_t> signed_prekey,
                          std::span<const std::uint8_t> signed_prekey_signature) {
  if (signed_prekey.size() != kPublicKeyBytes) return false;
  return ed25519_verify(identity_signing_key,
                        signed_prekey_signature_message(signed_prekey_id, signed_prekey),
                        signed_prekey_signature);
}

bool verify_device_keys(std::span<const std::uint8_t> identity_signing_key,
                        std::span<const std::uint8_t> identity_dh_key,
                        std::span<const std::uint8_t> identity_dh_signature,
                        std::uint32_t signed_prekey_id,
                        std::span<const std::uint8_t> signed_prekey,
                        std::span<const std::uint8_t> signed_prekey_signature) {
  return verify_identity_dh_key(identity_signing_key, identity_dh_key, identity_dh_signature) &&
         verify_signed_prekey(identity_signing_key, signed_prekey_id, signed_prekey,
                              signed_prekey_signature);
}

std::uint32_t DeviceKeys::take_id(std::uint32_t& next) {
  const std::uint32_t id = next;
  next = next == UINT32_MAX ? 1 : next + 1;  // 0 is never an id
  return id;
}

DeviceKeys::SignedPrekey DeviceKeys::make_signed_prekey(RandomSource& random) {
  SignedPrekey spk;
  spk.id = take_id(next_signed_prekey_id_);
  spk.pair = generate_dh_key_pair(random);
  spk.signature = ed25519_sign(identity_.seed.span(),
                               signed_prekey_signature_message(spk.id, spk.pair.public_key))
                      .value();
  return spk;
}

DeviceKeys DeviceKeys::generate(std::size_t one_time_prekeys, RandomSource& random) {
  DeviceKeys keys;
  keys.identity_ = generate_signing_key_pair(random);
  keys.identity_dh_ = generate_dh_key_pair(random);
  keys.identity_dh_signature_ =
      ed25519_sign(keys.identity_.seed.span(),
                   identity_dh_signature_message(keys.identity_dh_.public_key))
          .value();
  keys.current_ = keys.make_signed_prekey(random);
  keys.add_one_time_prekeys(one_time_prekeys, random);
  return keys;
}

std::optional<SignedPrekeyPublic> DeviceKeys::previous_signed_prekey() const {
  if (!previous_) return std::nullopt;
  return previous_->public_part();
}

std::vector<OneTimePrekeyPublic> DeviceKeys::add_one_time_prekeys(std::size_t n,
                                                                  RandomSource& random) {
  std::vector<OneTimePrekeyPublic> added;
  added.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    OneTimePrekey opk;
    opk.id = take_id(next_one_time_prekey_id_);
    opk.pair = generate_dh_key_pair(random);
    added.push_back({opk.id, opk.pair.public_key});
    one_time_.push_back(std::move(opk));
  }
  return added;
}

std::vector<OneTimePrekeyPublic> DeviceKeys::one_time_prekeys() const {
  std::vector<OneTimePrekeyPublic> out;
  out.reserve(one_time_.size());
  for (const auto& opk : one_time_) out.push_back({opk.id, opk.pair.public_key});
  return out;
}

void DeviceKeys::rotate_signed_prekey(RandomSource& random) {
  SignedPrekey next = make_signed_prekey(random);
  previous_ = std::move(current_);
  current_ = std::move(next);
}

const SecretKey* DeviceKeys::signed_prekey_private_key(std::uint32_t id) const {
  if (current_.id == id) return &current_.pair.private_key;
  if (previous_ && previous_->id == id) return &previous_->pair.private_key;
  return nullptr;
}

const SecretKey* DeviceKeys::one_time_prekey_private_key(std::uint32_t id) const {
  for (const auto& opk : one_time_) {
    if (opk.id == id) return &opk.pair.private_key;
  }
  return nullptr;
}

bool DeviceKeys::consume_one_time_prekey(std::uint32_t id) {
  auto it = std::find_if(one_time_.begin(), one_time_.end(),
                         [id](const OneTimePrekey& opk) { return opk.id == id; });
  if (it == one_time_.end()) return false;
  one_time_.erase(it);  // the erased element's destructor wipes its private key
  return true;
}

// Layout: "HE2K" u8(version=1) identity_seed(32) identity_dh_private(32) identity_dh_sig(64)
//   spk: u32 id, private(32), sig(64); u8 has_previous [previous spk]; u32 next_spk_id;
//   u32 next_opk_id; u32 count; count x (u32 id, private(32)).
Bytes DeviceKeys::serialize() const {
  ByteWriter w;
  w.bytes(kMagic);
  w.u8(kStateVersion);
  w.bytes(identity_.seed.span());
  w.bytes(identity_dh_.private_key.span());
  w.bytes(identity_dh_signature_);
  auto put_spk = [&w](const SignedPrekey& spk) {
    w.u32(spk.id);
    w.bytes(spk.pair.private_key.span());
    w.bytes(spk.signature);
  };
  put_spk(current_);
  w.u8(previous_ ? 1 : 0);
  if (previous_) put_spk(*previous_);
  w.u32(next_signed_prekey_id_);
  w.u32(next_one_time_prekey_id_);
  w.u32(static_cast<std::uint32_t>(one_time_.size()));
  for (const auto& opk : one_time_) {
    w.u32(opk.id);
    w.bytes(opk.pair.private_key.span());
  }
  return w.take();
}

Result<DeviceKeys> DeviceKeys::parse(std::span<const std::uint8_t> bytes) {
  ByteReader r(bytes);
  if (auto header = read_state_header(r, kMagic, kStateVersion); !header) return header.error();

  DeviceKeys keys;
  SecretKey seed;
  if (!r.bytes(seed.span())) return E2eError::kTruncated;
  keys.identity_ = signing_key_pair_from_seed(seed.span()).value();
  if (!r.bytes(keys.identity_dh_.private_key.span())) return E2eError::kTruncated;
  keys.identity_dh_.public_key = x25519_public_key(keys.identity_dh_.private_key.span()).value();
  if (!r.bytes(keys.identity_dh_signature_)) return E2eError::kTruncated;
  if (!verify_identity_dh_key(keys.identity_.public_key, keys.identity_dh_.public_key,
                              keys.identity_dh_signature_)) {
    return E2eError::kBadSignature;
  }

  auto get_spk = [&](SignedPrekey& spk) -> Result<void> {
    if (!r.u32(spk.id) || !r.bytes(spk.pair.private_key.span()) || !r.bytes(spk.signature)) {
      return E2eError::kTruncated;
    }
    if (spk.id == 0) return E2eError::kInvalidField;  // ids count from 1
    spk.pair.public_key = x25519_public_key(spk.pair.private_key.span()).value();
    if (!verify_signed_prekey(keys.identity_.public_key, spk.id, spk.pair.public_key,
                              spk.signature)) {
      return E2eError::kBadSignature;
    }
    return {};
  };
  if (auto ok = get_spk(keys.current_); !ok) return ok.error();
  std::uint8_t has_previous = 0;
  if (!r.u8(has_previous)) return E2eError::kTruncated;
  if (has_previous > 1) return E2eError::kInvalidField;
  if (has_previous == 1) {
    keys.previous_ = SignedPrekey{};  // not emplace(): clang judges the nested type not default-constructible here
    if (auto ok = get_spk(*keys.previous_); !ok) return ok.error();
  }
  std::uint32_t count = 0;
  if (!r.u32(keys.next_signed_prekey_id_) || !r.u32(keys.next_one_time_prekey_id_) ||
      !r.u32(count)) {
    return E2eError::kTruncated;
  }
  if (keys.next_signed_prekey_id_ == 0 || keys.next_one_time_prekey_id_ == 0 ||
      count > kMaxOneTimePrekeys) {
    return E2eError::kInvalidField;
  }
  if (r.remaining() < static_cast<std::size_t>(count) * (4 + kSecretKeyBytes)) {
    return E2eError::kTruncated;
  }
  keys.one_time_.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    OneTimePrekey opk;
    if (!r.u32(opk.id) || !r.bytes(opk.pair.private_key.span())) return E2eError::kTruncated;
    if (opk.id == 0) return E2eError::kInvalidField;
    opk.pair.public_key = x25519_public_key(opk.pair.private_key.span()).value();
    keys.one_time_.push_back(std::move(opk));
  }
  if (r.remaining() != 0) return E2eError::kTrailingBytes;
  return keys;
}

}  // namespace hearth::e2e
