// Every domain-separation label of the construction, in one place so that no two uses can share
// one by accident (a unit test checks they are distinct and share the prefix). Labels are ASCII,
// used as raw bytes without a terminator. Changing any of them changes the protocol: bump v1.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace hearth::e2e::labels {

inline constexpr std::string_view kPrefix = "hearth-e2e-v1 ";

// Signed structures (Ed25519 over label || fields).
inline constexpr std::string_view kIdentityDhSignature = "hearth-e2e-v1 identity-dh-key";
inline constexpr std::string_view kSignedPrekeySignature = "hearth-e2e-v1 signed-prekey";

// KDF infos and HMAC inputs.
inline constexpr std::string_view kX3dhInfo = "hearth-e2e-v1 x3dh";
inline constexpr std::string_view kRootKdfInfo = "hearth-e2e-v1 ratchet-root";
inline constexpr std::string_view kChainMessageKey = "hearth-e2e-v1 chain-message-key";
inline constexpr std::string_view kChainNextKey = "hearth-e2e-v1 chain-next-key";
inline constexpr std::string_view kMessageKeysInfo = "hearth-e2e-v1 message-keys";

// The first input of every safety-number hash chain.
inline constexpr std::string_view kSafetyNumber = "hearth-e2e-v1 safety-number";

inline constexpr std::array<std::string_view, 8> kAll = {
    kIdentityDhSignature, kSignedPrekeySignature, kX3dhInfo,         kRootKdfInfo,
    kChainMessageKey,     kChainNextKey,          kMessageKeysInfo,  kSafetyNumber};

inline std::span<const std::uint8_t> bytes(std::string_view label) {
  return {reinterpret_cast<const std::uint8_t*>(label.data()), label.size()};
}

}  // namespace hearth::e2e::labels
