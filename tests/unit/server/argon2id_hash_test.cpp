#include "server/argon2id_hash.h"

#include <sodium.h>

#include <catch2/catch.hpp>
#include <string>

namespace argon2id = hearth::server::argon2id;

TEST_CASE("a hash verifies its own password and no other", "[argon2id]") {
  const std::string encoded = argon2id::hash("correct horse battery staple");
  REQUIRE(encoded.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0) == 0);
  CHECK(argon2id::verify(encoded, "correct horse battery staple"));
  CHECK_FALSE(argon2id::verify(encoded, "correct horse battery stapl"));
  CHECK_FALSE(argon2id::verify(encoded, ""));
  // A fresh salt every time: the same password never gives the same string.
  CHECK(argon2id::hash("correct horse battery staple") != encoded);
}

TEST_CASE("hashes made by libsodium verify here and ours verify in libsodium", "[argon2id]") {
  REQUIRE(sodium_init() >= 0);
  // Accounts created before hearthd computed hashes itself hold libsodium's strings.
  char theirs[crypto_pwhash_STRBYTES];
  REQUIRE(crypto_pwhash_str_alg(theirs, "sesame", 6, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) == 0);
  CHECK(argon2id::verify(theirs, "sesame"));
  CHECK_FALSE(argon2id::verify(theirs, "Sesame"));

  const std::string ours = argon2id::hash("sesame");
  CHECK(crypto_pwhash_str_verify(ours.c_str(), "sesame", 6) == 0);
  CHECK(crypto_pwhash_str_verify(ours.c_str(), "sesamE", 6) != 0);
}

TEST_CASE("other costs are honoured as the string states them", "[argon2id]") {
  const std::string cheap = argon2id::hash("pw", argon2id::Cost{1, 256});
  REQUIRE(cheap.rfind("$argon2id$v=19$m=256,t=1,p=1$", 0) == 0);
  CHECK(argon2id::verify(cheap, "pw"));
  CHECK_FALSE(argon2id::verify(cheap, "pW"));
  // The same thread then goes back to the default cost and its memory size.
  CHECK(argon2id::verify(argon2id::hash("pw"), "pw"));
}

TEST_CASE("strings that are not sane Argon2id hashes never match", "[argon2id]") {
  const std::string good = argon2id::hash("pw", argon2id::Cost{1, 256});
  const std::string salt_and_hash = good.substr(good.find(",p=1$") + 4);  // "$salt$hash"
  const char* broken[] = {
      "",
      "$argon2id$",
      "$argon2i$v=19$m=256,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",  // another variant
      "$argon2id$v=16$m=256,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",  // another version
      "$argon2id$v=19$m=256,t=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",      // a missing field
      "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",  // 95 GiB
      "$argon2id$v=19$m=256,t=0,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",  // no pass at all
      "$argon2id$v=19$m=256,t=1,p=1$c2Fsd$aGFzaGhhc2hoYXNoaGFzaA",        // salt too short
      "$argon2id$v=19$m=256,t=1,p=1$c2FsdHNhbHQ$!!!notbase64!!!",
      "$argon2id$v=19$m=256,t=1,p=1$c2FsdHNhbHQ",                          // no hash
  };
  for (const char* encoded : broken) {
    INFO(encoded);
    CHECK_FALSE(argon2id::verify(encoded, "pw"));
  }
  // One flipped character anywhere in the hash part and the password no longer matches.
  std::string tampered = good;
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  CHECK_FALSE(argon2id::verify(tampered, "pw"));
  CHECK(argon2id::verify("$argon2id$v=19$m=256,t=1,p=1" + salt_and_hash, "pw"));
}
