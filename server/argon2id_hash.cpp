#include "server/argon2id_hash.h"

#include <argon2.h>
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <mutex>
#include <new>
#include <vector>

namespace hearth::server::argon2id {

namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr std::size_t kMaxDecodedBytes = 64;
// What a stored string may ask for: anything past this is corruption, not a cost we chose.
constexpr std::uint32_t kMaxPasses = 64;
constexpr std::uint32_t kMaxMemoryKib = 1u << 20;  // 1 GiB
constexpr std::string_view kPrefix = "$argon2id$v=19$";

// Memory libargon2 has finished with, kept for the next hash until release_spare_memory().
// libargon2 wipes a block before handing it back (ARGON2_FLAG_CLEAR_MEMORY is its default), so
// nothing of a password stays in a spare block.
struct Block {
  std::unique_ptr<std::uint8_t[]> bytes;
  std::size_t size = 0;
};
std::mutex g_spare_mutex;
std::vector<Block> g_spare;  // guarded by g_spare_mutex
thread_local Block t_lent;   // the block of the hash running on this thread

// libargon2's allocation callbacks carry no context: hence the thread_local.
int lend_memory(std::uint8_t** memory, std::size_t size) {
  if (t_lent.size != size) {
    t_lent = {};
    std::lock_guard lock(g_spare_mutex);
    const auto spare = std::find_if(g_spare.begin(), g_spare.end(), [size](const Block& b) { return b.size == size; });
    if (spare != g_spare.end()) {
      t_lent = std::move(*spare);
      g_spare.erase(spare);
    }
  }
  if (!t_lent.bytes) {
    t_lent.bytes.reset(new (std::nothrow) std::uint8_t[size]);
    t_lent.size = t_lent.bytes ? size : 0;
  }
  if (!t_lent.bytes) return ARGON2_MEMORY_ALLOCATION_ERROR;
  *memory = t_lent.bytes.get();
  return ARGON2_OK;
}

void return_memory(std::uint8_t*, std::size_t) {
  std::lock_guard lock(g_spare_mutex);
  g_spare.push_back(std::move(t_lent));
  t_lent = {};
}

struct Parameters {
  Cost cost;
  std::uint32_t lanes = 1;
  std::uint8_t salt[kMaxDecodedBytes];
  std::size_t salt_bytes = 0;
  std::uint8_t hash[kMaxDecodedBytes];
  std::size_t hash_bytes = 0;
};

bool compute(std::string_view password, const std::uint8_t* salt, std::size_t salt_bytes, Cost cost,
             std::uint32_t lanes, std::uint8_t* out, std::size_t out_bytes) {
  argon2_context context{};
  context.out = out;
  context.outlen = static_cast<std::uint32_t>(out_bytes);
  // libargon2 only reads them (ARGON2_FLAG_CLEAR_PASSWORD is not set).
  context.pwd = reinterpret_cast<std::uint8_t*>(const_cast<char*>(password.data()));
  context.pwdlen = static_cast<std::uint32_t>(password.size());
  context.salt = const_cast<std::uint8_t*>(salt);
  context.saltlen = static_cast<std::uint32_t>(salt_bytes);
  context.t_cost = cost.passes;
  context.m_cost = cost.memory_kib;
  context.lanes = lanes;
  context.threads = 1;  // the pool runs one hash per thread
  context.version = ARGON2_VERSION_13;
  context.allocate_cbk = lend_memory;
  context.free_cbk = return_memory;
  context.flags = ARGON2_DEFAULT_FLAGS;
  return argon2id_ctx(&context) == ARGON2_OK;
}

std::string base64(const std::uint8_t* bytes, std::size_t size) {
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
  std::string text(sodium_base64_ENCODED_LEN(size, kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes, size, kVariant);
  text.resize(text.find('\0'));
  return text;
}

bool decode_base64(std::string_view text, std::uint8_t* out, std::size_t& size) {
  return sodium_base642bin(out, kMaxDecodedBytes, text.data(), text.size(), nullptr, &size, nullptr,
                           sodium_base64_VARIANT_ORIGINAL_NO_PADDING) == 0;
}

// Reads "<key><number>" at the start of `text` and moves past it.
bool take_number(std::string_view& text, std::string_view key, std::uint32_t& value) {
  if (text.substr(0, key.size()) != key) return false;
  text.remove_prefix(key.size());
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) return false;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return true;
}

bool parse(std::string_view encoded, Parameters& parameters) {
  if (encoded.substr(0, kPrefix.size()) != kPrefix) return false;
  encoded.remove_prefix(kPrefix.size());
  if (!take_number(encoded, "m=", parameters.cost.memory_kib) ||
      !take_number(encoded, ",t=", parameters.cost.passes) || !take_number(encoded, ",p=", parameters.lanes)) {
    return false;
  }
  if (encoded.empty() || encoded.front() != '$') return false;
  encoded.remove_prefix(1);
  const std::size_t split = encoded.find('$');
  if (split == std::string_view::npos) return false;
  if (!decode_base64(encoded.substr(0, split), parameters.salt, parameters.salt_bytes) ||
      !decode_base64(encoded.substr(split + 1), parameters.hash, parameters.hash_bytes)) {
    return false;
  }
  const Cost& cost = parameters.cost;
  return cost.passes >= ARGON2_MIN_TIME && cost.passes <= kMaxPasses && parameters.lanes >= 1 &&
         parameters.lanes <= 16 && cost.memory_kib >= 8 * parameters.lanes && cost.memory_kib <= kMaxMemoryKib &&
         parameters.salt_bytes >= ARGON2_MIN_SALT_LENGTH && parameters.hash_bytes >= ARGON2_MIN_OUTLEN;
}

}  // namespace

std::string hash(std::string_view password, Cost cost) {
  std::uint8_t salt[kSaltBytes];
  randombytes_buf(salt, sizeof salt);
  std::uint8_t digest[kHashBytes];
  if (!compute(password, salt, sizeof salt, cost, 1, digest, sizeof digest)) return {};
  std::string encoded = std::string(kPrefix) + "m=" + std::to_string(cost.memory_kib) +
                        ",t=" + std::to_string(cost.passes) + ",p=1$" + base64(salt, sizeof salt) + "$" +
                        base64(digest, sizeof digest);
  sodium_memzero(digest, sizeof digest);
  return encoded;
}

bool verify(std::string_view encoded, std::string_view password) {
  Parameters parameters;
  if (!parse(encoded, parameters)) return false;
  std::uint8_t digest[kMaxDecodedBytes];
  const bool computed = compute(password, parameters.salt, parameters.salt_bytes, parameters.cost,
                                parameters.lanes, digest, parameters.hash_bytes);
  const bool match = computed && sodium_memcmp(digest, parameters.hash, parameters.hash_bytes) == 0;
  sodium_memzero(digest, sizeof digest);
  return match;
}

void release_spare_memory() {
  std::vector<Block> released;
  std::lock_guard lock(g_spare_mutex);
  released.swap(g_spare);
}

}  // namespace hearth::server::argon2id
