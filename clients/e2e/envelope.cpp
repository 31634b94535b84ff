#include "clients/e2e/envelope.h"

#include "clients/e2e/device_keys.h"

namespace hearth::e2e {

void write_prekey_header(ByteWriter& out, const PrekeyHeader& header) {
  out.bytes(header.identity_signing_key);
  out.bytes(header.identity_dh_key);
  out.bytes(header.identity_dh_signature);
  out.bytes(header.ephemeral_key);
  out.u32(header.signed_prekey_id);
  out.u8(header.one_time_prekey_id ? 1 : 0);
  out.u32(header.one_time_prekey_id.value_or(0));
}

Result<PrekeyHeader> read_prekey_header(ByteReader& in) {
  PrekeyHeader header;
  std::uint8_t flag = 0;
  std::uint32_t one_time_id = 0;
  if (!in.bytes(header.identity_signing_key) || !in.bytes(header.identity_dh_key) ||
      !in.bytes(header.identity_dh_signature) || !in.bytes(header.ephemeral_key) ||
      !in.u32(header.signed_prekey_id) || !in.u8(flag) || !in.u32(one_time_id)) {
    return E2eError::kTruncated;
  }
  // One encoding per meaning: no flag values but 0 and 1, no stray id without the flag. Ids
  // count from 1, so id 0 names nothing: refused for a signed prekey and for a flagged one-time
  // prekey before any key is looked up.
  if (flag > 1 || (flag == 0 && one_time_id != 0) || (flag == 1 && one_time_id == 0) ||
      header.signed_prekey_id == 0) {
    return E2eError::kInvalidField;
  }
  if (flag == 1) header.one_time_prekey_id = one_time_id;
  return header;
}

void write_envelope_prefix(ByteWriter& out, const std::optional<PrekeyHeader>& prekey,
                           const RatchetHeader& header) {
  out.u8(kEnvelopeVersion);
  out.u8(static_cast<std::uint8_t>(prekey ? EnvelopeType::kPrekeyMessage : EnvelopeType::kMessage));
  if (prekey) write_prekey_header(out, *prekey);
  out.bytes(header.ratchet_key);
  out.u32(header.previous_chain_length);
  out.u32(header.message_number);
}

Result<ParsedEnvelope> parse_envelope(std::span<const std::uint8_t> envelope) {
  ByteReader in(envelope);
  std::uint8_t version = 0;
  std::uint8_t type = 0;
  if (!in.u8(version)) return E2eError::kTruncated;
  if (version != kEnvelopeVersion) return E2eError::kUnsupportedVersion;
  if (!in.u8(type)) return E2eError::kTruncated;
  ParsedEnvelope parsed;
  if (type == static_cast<std::uint8_t>(EnvelopeType::kPrekeyMessage)) {
    parsed.type = EnvelopeType::kPrekeyMessage;
    auto header = read_prekey_header(in);
    if (!header) return header.error();
    parsed.prekey = std::move(header).value();
  } else if (type != static_cast<std::uint8_t>(EnvelopeType::kMessage)) {
    return E2eError::kUnknownMessageType;
  }
  if (!in.bytes(parsed.header.ratchet_key) || !in.u32(parsed.header.previous_chain_length) ||
      !in.u32(parsed.header.message_number)) {
    return E2eError::kTruncated;
  }
  parsed.authenticated_prefix = envelope.first(in.position());
  parsed.ciphertext = in.rest();
  if (parsed.ciphertext.size() < kAeadTagBytes) return E2eError::kTruncated;
  return parsed;
}

bool is_prekey_message(std::span<const std::uint8_t> envelope) {
  auto parsed = parse_envelope(envelope);
  return parsed && parsed->type == EnvelopeType::kPrekeyMessage;
}

Result<SenderIdentity> read_sender_identity(std::span<const std::uint8_t> envelope) {
  auto parsed = parse_envelope(envelope);
  if (!parsed) return parsed.error();
  if (!parsed->prekey) return E2eError::kNotPrekeyMessage;
  const PrekeyHeader& header = *parsed->prekey;
  if (!verify_identity_dh_key(header.identity_signing_key, header.identity_dh_key,
                              header.identity_dh_signature)) {
    return E2eError::kBadSignature;
  }
  return SenderIdentity{header.identity_signing_key, header.identity_dh_key};
}

}  // namespace hearth::e2e
