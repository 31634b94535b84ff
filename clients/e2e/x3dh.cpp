#include "clients/e2e/x3dh.h"

#include <algorithm>
#include <array>
#include <vector>

#include "clients/e2e/hkdf.h"
#include "clients/e2e/labels.h"

namespace hearth::e2e {
namespace {

// SK = HKDF(salt = 32 zero bytes, IKM = F || DH1 || DH2 || DH3 [|| DH4], info = label, 32)
// with F = 32 bytes of 0xFF, as the X3DH spec prescribes for X25519. The DH outputs are wiped as
// soon as they are in the key material, and the key material once SK is out.
Result<SecretKey> derive_shared_key(std::span<const SecretKey> dh_outputs) {
  SecretBytes ikm(32 + 32 * dh_outputs.size());
  std::fill_n(ikm.data(), 32, std::uint8_t{0xFF});
  for (std::size_t i = 0; i < dh_outputs.size(); ++i) {
    std::copy_n(dh_outputs[i].data(), 32, ikm.data() + 32 * (i + 1));
  }
  SecretKey sk;
  if (auto ok = hkdf({}, ikm.span(), labels::bytes(labels::kX3dhInfo), sk.span()); !ok) {
    return ok.error();
  }
  return sk;
}

// The DH outputs of one agreement, in order (DH1..DH4); add() is false for a refused (all-zero)
// one, so the caller stops at the first.
struct DhOutputs {
  std::vector<SecretKey> values;
  bool add(Result<SecretKey> output) {
    if (!output) return false;
    values.push_back(std::move(output).value());
    return true;
  }
};

// Copies a 32-byte field out of a bundle; false for any other size.
bool copy_key(const Bytes& from, PublicKey& to) {
  if (from.size() != kPublicKeyBytes) return false;
  std::copy(from.begin(), from.end(), to.begin());
  return true;
}

}  // namespace

Bytes x3dh_associated_data(std::span<const std::uint8_t, 32> initiator_signing,
                           std::span<const std::uint8_t, 32> initiator_dh,
                           std::span<const std::uint8_t, 32> responder_signing,
                           std::span<const std::uint8_t, 32> responder_dh) {
  Bytes ad;
  ad.reserve(kAssociatedDataBytes);
  for (auto part : {initiator_signing, initiator_dh, responder_signing, responder_dh}) {
    ad.insert(ad.end(), part.begin(), part.end());
  }
  return ad;
}

Result<X3dhInitiated> x3dh_initiate(const DeviceKeys& mine, const RemoteBundle& theirs,
                                    RandomSource& random) {
  X3dhInitiated out;
  PublicKey one_time{};
  if (!copy_key(theirs.identity_signing_key, out.remote_identity_signing_key) ||
      !copy_key(theirs.identity_dh_key, out.remote_identity_dh_key) ||
      !copy_key(theirs.signed_prekey, out.remote_signed_prekey) ||
      theirs.identity_dh_signature.size() != kSignatureBytes ||
      theirs.signed_prekey_signature.size() != kSignatureBytes) {
    return E2eError::kInvalidSize;
  }
  // Ids count from 1: a bundle naming id 0 would make prekey messages no responder accepts.
  if (theirs.one_time_prekey_id.has_value() != !theirs.one_time_prekey.empty() ||
      theirs.signed_prekey_id == 0 || theirs.one_time_prekey_id == 0u) {
    return E2eError::kInvalidField;
  }
  if (theirs.one_time_prekey_id && !copy_key(theirs.one_time_prekey, one_time)) {
    return E2eError::kInvalidSize;
  }
  if (!verify_device_keys(theirs.identity_signing_key, theirs.identity_dh_key,
                          theirs.identity_dh_signature, theirs.signed_prekey_id,
                          theirs.signed_prekey, theirs.signed_prekey_signature)) {
    return E2eError::kBadSignature;
  }

  DhKeyPair ephemeral = generate_dh_key_pair(random);
  DhOutputs dh;
  auto add = [&dh](Result<SecretKey> r) { return dh.add(std::move(r)); };
  // DH1 = DH(IK_A, SPK_B), DH2 = DH(EK_A, IK_B), DH3 = DH(EK_A, SPK_B), DH4 = DH(EK_A, OPK_B)
  if (!add(x25519(mine.identity_dh_private_key().span(), out.remote_signed_prekey)) ||
      !add(x25519(ephemeral.private_key.span(), out.remote_identity_dh_key)) ||
      !add(x25519(ephemeral.private_key.span(), out.remote_signed_prekey)) ||
      (theirs.one_time_prekey_id && !add(x25519(ephemeral.private_key.span(), one_time)))) {
    return E2eError::kWeakKey;
  }
  auto sk = derive_shared_key(dh.values);
  if (!sk) return sk.error();
  out.shared_key = std::move(sk).value();
  out.associated_data =
      x3dh_associated_data(mine.identity_signing_key(), mine.identity_dh_key(),
                           out.remote_identity_signing_key, out.remote_identity_dh_key);
  out.header.identity_signing_key = mine.identity_signing_key();
  out.header.identity_dh_key = mine.identity_dh_key();
  out.header.identity_dh_signature = mine.identity_dh_signature();
  out.header.ephemeral_key = ephemeral.public_key;
  out.header.signed_prekey_id = theirs.signed_prekey_id;
  out.header.one_time_prekey_id = theirs.one_time_prekey_id;
  return out;
}

Result<X3dhResponded> x3dh_respond(const DeviceKeys& mine, const PrekeyHeader& header) {
  if (!verify_identity_dh_key(header.identity_signing_key, header.identity_dh_key,
                              header.identity_dh_signature)) {
    return E2eError::kBadSignature;
  }
  const SecretKey* signed_prekey = mine.signed_prekey_private_key(header.signed_prekey_id);
  if (signed_prekey == nullptr) return E2eError::kUnknownSignedPrekey;
  const SecretKey* one_time = nullptr;
  if (header.one_time_prekey_id) {
    one_time = mine.one_time_prekey_private_key(*header.one_time_prekey_id);
    if (one_time == nullptr) return E2eError::kUnknownOneTimePrekey;
  }
  DhOutputs dh;
  auto add = [&dh](Result<SecretKey> r) { return dh.add(std::move(r)); };
  if (!add(x25519(signed_prekey->span(), header.identity_dh_key)) ||
      !add(x25519(mine.identity_dh_private_key().span(), header.ephemeral_key)) ||
      !add(x25519(signed_prekey->span(), header.ephemeral_key)) ||
      (one_time != nullptr && !add(x25519(one_time->span(), header.ephemeral_key)))) {
    return E2eError::kWeakKey;
  }
  auto sk = derive_shared_key(dh.values);
  if (!sk) return sk.error();
  X3dhResponded out;
  out.shared_key = std::move(sk).value();
  out.associated_data = x3dh_associated_data(header.identity_signing_key, header.identity_dh_key,
                                             mine.identity_signing_key(), mine.identity_dh_key());
  return out;
}

}  // namespace hearth::e2e
