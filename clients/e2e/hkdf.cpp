#include "clients/e2e/hkdf.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "clients/e2e/primitives.h"

namespace hearth::e2e {

SecretKey hkdf_extract(std::span<const std::uint8_t> salt, std::span<const std::uint8_t> ikm) {
  static constexpr std::array<std::uint8_t, 32> kZeroSalt{};
  auto prk = hmac_sha256(salt.empty() ? std::span<const std::uint8_t>(kZeroSalt) : salt, ikm);
  SecretKey out{std::span<const std::uint8_t, 32>(prk)};
  sodium_memzero(prk.data(), prk.size());
  return out;
}

Result<void> hkdf_expand(std::span<const std::uint8_t> prk, std::span<const std::uint8_t> info,
                         std::span<std::uint8_t> out) {
  ensure_sodium();
  if (out.size() > kHkdfMaxOutput) return E2eError::kOutputTooLong;
  std::array<std::uint8_t, kHmacBytes> block{};
  std::size_t block_len = 0;  // T(0) is empty
  std::size_t done = 0;
  for (unsigned counter = 1; done < out.size(); ++counter) {
    // T(i) = HMAC(PRK, T(i-1) || info || i)
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, prk.data(), prk.size());
    crypto_auth_hmacsha256_update(&state, block.data(), block_len);
    if (!info.empty()) crypto_auth_hmacsha256_update(&state, info.data(), info.size());
    const auto c = static_cast<std::uint8_t>(counter);
    crypto_auth_hmacsha256_update(&state, &c, 1);
    crypto_auth_hmacsha256_final(&state, block.data());
    sodium_memzero(&state, sizeof state);
    block_len = block.size();
    const std::size_t take = std::min(block.size(), out.size() - done);
    std::copy_n(block.begin(), take, out.begin() + static_cast<std::ptrdiff_t>(done));
    done += take;
  }
  sodium_memzero(block.data(), block.size());
  return {};
}

Result<void> hkdf(std::span<const std::uint8_t> salt, std::span<const std::uint8_t> ikm,
                  std::span<const std::uint8_t> info, std::span<std::uint8_t> out) {
  if (out.size() > kHkdfMaxOutput) return E2eError::kOutputTooLong;
  SecretKey prk = hkdf_extract(salt, ikm);
  return hkdf_expand(prk.span(), info, out);
}

}  // namespace hearth::e2e
