#include "server/open_file_limit.h"

#include <sys/resource.h>

#include <catch2/catch.hpp>

TEST_CASE("hearthd raises its open-file limit to the hard limit", "[server][limits]") {
  rlimit original{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &original) == 0);
  // Start from a low soft limit, as a login shell often gives.
  rlimit lowered = original;
  lowered.rlim_cur = std::min<rlim_t>(original.rlim_max, 256);
  REQUIRE(setrlimit(RLIMIT_NOFILE, &lowered) == 0);

  const std::uint64_t in_force = hearth::server::raise_open_file_limit();

  rlimit now{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &now) == 0);
  CHECK(now.rlim_cur == original.rlim_max);
  CHECK(in_force == now.rlim_cur);
  REQUIRE(setrlimit(RLIMIT_NOFILE, &original) == 0);
}
