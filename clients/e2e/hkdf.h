// HKDF-SHA256 (RFC 5869) on libsodium's HMAC-SHA256: libsodium 1.0.18 has no HKDF of its own.
// Checked against RFC 5869's SHA-256 test cases and Wycheproof's hkdf_sha256 vectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "clients/e2e/errors.h"
#include "clients/e2e/secret_bytes.h"

namespace hearth::e2e {

inline constexpr std::size_t kHkdfMaxOutput = 255 * 32;

// PRK = HMAC-SHA256(salt, IKM); an empty salt means 32 zero bytes, as the RFC says.
SecretKey hkdf_extract(std::span<const std::uint8_t> salt, std::span<const std::uint8_t> ikm);

// OKM = T(1) || T(2) || ... truncated to out.size(); kOutputTooLong past 255 * 32 bytes.
Result<void> hkdf_expand(std::span<const std::uint8_t> prk, std::span<const std::uint8_t> info,
                         std::span<std::uint8_t> out);

// Extract then expand into out.
Result<void> hkdf(std::span<const std::uint8_t> salt, std::span<const std::uint8_t> ikm,
                  std::span<const std::uint8_t> info, std::span<std::uint8_t> out);

}  // namespace hearth::e2e
