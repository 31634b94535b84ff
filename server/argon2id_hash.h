// Argon2id password hashes as PHC strings ($argon2id$v=19$m=65536,t=2,p=1$salt$hash), the
// format libsodium's crypto_pwhash_str writes and reads, so either can check the other's hashes.
// Computed with libargon2 (the reference implementation) in memory kept for reuse: libsodium
// 1.0.18 maps its 64 MiB afresh for every hash with MAP_POPULATE, and populating it is a
// multi-millisecond kernel stretch that the scheduler cannot interrupt, so on a shared core
// every login stalled the rooms' chat (login-storm scenario: p99 x7; with the mapping's
// population removed, x0.8).
// Thread-safe. Memory stays allocated after a hash until release_spare_memory().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hearth::server::argon2id {

struct Cost {
  std::uint32_t passes = 2;           // t; libsodium's OPSLIMIT_INTERACTIVE
  std::uint32_t memory_kib = 65536;   // m; libsodium's MEMLIMIT_INTERACTIVE, 64 MiB
};

// A fresh PHC string for `password` with a random salt; empty if the memory was not available.
std::string hash(std::string_view password, Cost cost = {});

// Whether `password` matches `encoded`, compared in constant time. A string that is not a sane
// Argon2id PHC string (wrong variant or version, absurd cost, bad base64) never matches.
bool verify(std::string_view encoded, std::string_view password);

// Frees the memory kept from earlier hashes (64 MiB per hash that ran at once, at the default
// cost); the next hash allocates afresh.
void release_spare_memory();

}  // namespace hearth::server::argon2id
