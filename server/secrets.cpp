#include "server/secrets.h"

#include <sodium.h>

#include <cctype>

namespace hearth::server {

namespace {

// Crockford-style base32 without I, L, O, U: nothing that reads as another character.
constexpr std::string_view kInviteAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kInviteChars = 16;  // 16 x 5 bits = 80 bits

std::string keyed_hash(std::string_view purpose, std::string_view secret) {
  unsigned char key[crypto_generichash_KEYBYTES] = {};
  purpose.copy(reinterpret_cast<char*>(key), std::min(purpose.size(), sizeof key));
  std::string out(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), key,
                     sizeof key);
  return out;
}

}  // namespace

std::string new_token() {
  std::string token(kTokenBytes, '\0');
  randombytes_buf(token.data(), token.size());
  return token;
}

std::string hash_token(std::string_view token) { return keyed_hash("hearth.v1 token", token); }

std::string hash_invite_code(std::string_view code) {
  return keyed_hash("hearth.v1 invite", normalize_invite_code(code));
}

std::string hash_sent_text(std::string_view text) { return keyed_hash("hearth.v1 sent text", text); }

std::string new_invite_code() {
  std::string code;
  for (std::size_t i = 0; i < kInviteChars; ++i) {
    if (i > 0 && i % 4 == 0) code.push_back('-');
    code.push_back(kInviteAlphabet[randombytes_uniform(kInviteAlphabet.size())]);
  }
  return code;
}

std::string normalize_invite_code(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace hearth::server
