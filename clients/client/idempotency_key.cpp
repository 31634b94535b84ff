#include "clients/client/idempotency_key.h"

#include <sodium.h>

#include <array>

#include "clients/e2e/primitives.h"

namespace hearth::client {

std::string new_idempotency_key() {
  e2e::ensure_sodium();
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string key(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(key.data(), key.size(), bytes.data(), bytes.size(), kVariant);
  key.resize(key.find('\0'));  // the encoded length counts the terminating NUL
  return key;
}

}  // namespace hearth::client
