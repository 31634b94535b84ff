#include "clients/e2e/safety_number.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "clients/e2e/byte_io.h"
#include "clients/e2e/labels.h"
#include "clients/e2e/primitives.h"

namespace hearth::e2e {

std::optional<std::string> safety_number_id(std::string_view handle) {
  if (handle.empty()) return std::nullopt;
  std::string id;
  id.reserve(handle.size());
  for (const char c : handle) {
    if (c >= 'A' && c <= 'Z') {
      id.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-') {
      id.push_back(c);
    } else {
      return std::nullopt;  // not a handle: no folding rule to agree on, so no number
    }
  }
  return id;
}

std::string safety_number_half(std::string_view handle,
                               const std::vector<std::vector<std::uint8_t>>& identity_signing_keys) {
  ensure_sodium();
  const std::optional<std::string> user_id = safety_number_id(handle);
  if (!user_id) return {};
  std::vector<PublicKey> keys;
  keys.reserve(identity_signing_keys.size());
  for (const auto& key : identity_signing_keys) {
    if (key.size() != kPublicKeyBytes) return {};
    keys.emplace_back();
    std::copy(key.begin(), key.end(), keys.back().begin());
  }
  // Sorted (bytewise) and de-duplicated: the same set of devices always gives the same digits.
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  ByteWriter material;
  material.u32(static_cast<std::uint32_t>(keys.size()));
  for (const auto& key : keys) material.bytes(key);

  // H0 = SHA-512(label || material || u32be(len(id)) || id); Hi = SHA-512(Hi-1 || material).
  // The iterations make a brute-force search for a colliding key set expensive, as in Signal.
  ByteWriter first;
  first.bytes(labels::bytes(labels::kSafetyNumber));
  first.bytes(material.buffer());
  first.sized({reinterpret_cast<const std::uint8_t*>(user_id->data()), user_id->size()});
  std::array<std::uint8_t, 64> hash = sha512(first.buffer());
  crypto_hash_sha512_state state;
  for (int i = 1; i < kSafetyNumberIterations; ++i) {
    crypto_hash_sha512_init(&state);
    crypto_hash_sha512_update(&state, hash.data(), hash.size());
    crypto_hash_sha512_update(&state, material.buffer().data(), material.buffer().size());
    crypto_hash_sha512_final(&state, hash.data());
  }

  // Six chunks of 5 bytes, each a big-endian 40-bit number mod 100000, as 5 digits.
  std::string digits;
  digits.reserve(30);
  for (int chunk = 0; chunk < 6; ++chunk) {
    std::uint64_t value = 0;
    for (int i = 0; i < 5; ++i) value = (value << 8) | hash[static_cast<std::size_t>(chunk * 5 + i)];
    const auto five = static_cast<unsigned>(value % 100000);
    for (unsigned divisor = 10000; divisor > 0; divisor /= 10) {
      digits.push_back(static_cast<char>('0' + (five / divisor) % 10));
    }
  }
  return digits;
}

std::string safety_number(std::string_view my_handle, std::vector<std::vector<std::uint8_t>> my_keys,
                          std::string_view their_handle,
                          std::vector<std::vector<std::uint8_t>> their_keys) {
  std::string mine = safety_number_half(my_handle, my_keys);
  std::string theirs = safety_number_half(their_handle, their_keys);
  if (mine.empty() || theirs.empty()) return {};
  return format_safety_number(mine < theirs ? mine + theirs : theirs + mine);
}

std::string format_safety_number(std::string_view digits) {
  std::string out;
  out.reserve(digits.size() + digits.size() / 5);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i % 5 == 0) out.push_back(' ');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace hearth::e2e
