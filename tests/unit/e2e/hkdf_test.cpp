#include "clients/e2e/hkdf.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <vector>

#include "tests/unit/e2e/test_hex.h"

using hearth::e2e::E2eError;
using hearth::e2e::hkdf;
using hearth::e2e::hkdf_expand;
using hearth::e2e::hkdf_extract;
using hearth::e2e::kHkdfMaxOutput;
using hearth::e2e::test::from_hex;
using hearth::e2e::test::to_hex;

namespace {

std::vector<std::uint8_t> counting(std::uint8_t first, std::size_t n) {
  std::vector<std::uint8_t> v(n);
  std::iota(v.begin(), v.end(), first);
  return v;
}

void check_case(const std::vector<std::uint8_t>& ikm, const std::vector<std::uint8_t>& salt,
                const std::vector<std::uint8_t>& info, std::size_t length, const char* prk_hex,
                const char* okm_hex) {
  auto prk = hkdf_extract(salt, ikm);
  CHECK(to_hex(prk.span()) == prk_hex);
  std::vector<std::uint8_t> okm(length);
  REQUIRE(hkdf_expand(prk.span(), info, okm));
  CHECK(to_hex(okm) == okm_hex);
  std::vector<std::uint8_t> okm2(length);
  REQUIRE(hkdf(salt, ikm, info, okm2));
  CHECK(okm2 == okm);
}

}  // namespace

// RFC 5869 appendix A, the SHA-256 cases.
TEST_CASE("HKDF-SHA256 matches RFC 5869 test case 1 (basic)", "[e2e][hkdf]") {
  check_case(std::vector<std::uint8_t>(22, 0x0b), counting(0x00, 13), counting(0xf0, 10), 42,
             "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
             "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
}

TEST_CASE("HKDF-SHA256 matches RFC 5869 test case 2 (long inputs and outputs)", "[e2e][hkdf]") {
  check_case(counting(0x00, 80), counting(0x60, 80), counting(0xb0, 80), 82,
             "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
             "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
             "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
             "cc30c58179ec3e87c14c01d5c1f3434f1d87");
}

TEST_CASE("HKDF-SHA256 matches RFC 5869 test case 3 (empty salt and info)", "[e2e][hkdf]") {
  check_case(std::vector<std::uint8_t>(22, 0x0b), {}, {}, 42,
             "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
             "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
}

TEST_CASE("HKDF-SHA256 refuses more than 255 blocks of output", "[e2e][hkdf]") {
  std::vector<std::uint8_t> ikm(16, 1);
  std::vector<std::uint8_t> max(kHkdfMaxOutput);
  CHECK(hkdf({}, ikm, {}, max));
  std::vector<std::uint8_t> too_long(kHkdfMaxOutput + 1);
  auto r = hkdf({}, ikm, {}, too_long);
  REQUIRE_FALSE(r);
  CHECK(r.error() == E2eError::kOutputTooLong);
}

TEST_CASE("HKDF-SHA256 with an empty salt equals a salt of 32 zero bytes", "[e2e][hkdf]") {
  std::vector<std::uint8_t> ikm = from_hex("0102030405");
  std::vector<std::uint8_t> zeros(32, 0);
  CHECK(hkdf_extract({}, ikm) == hkdf_extract(zeros, ikm));
}
